package kernel

//go:generate sh -c "cd testdata && python3 gen_gelu.py > ../gelu_coeffs.go"

// geluPiece is one piece of the fit of h(u) = a*W(a), u = 1/a, W(a) =
// Phi(-a)*e^(a^2/2) the Mills ratio: from u = start on, the polynomial in
// u - center, coefficients highest degree first (gelu_coeffs.go).
type geluPiece struct {
	start, center float64
	coef          []float64
}

// geluLanes is GELU in float64 lanes, internal/rounded's geluFloat64 but
// for the Mills ratio: below |x| = 1, FMA(t, G(t), x/2) with t = x^2, G's
// series as internal/rounded takes it; above, x*tail for x < 0 and
// x*(1 - tail) for x > 0, tail = e^(-a^2/2)*W(a), a = min(|x|, 15). W is
// u*h(u) with u = 1/a, h a polynomial on each of two pieces of u (both
// evaluated, one selected): where internal/rounded picks among four fits
// of W by compares, which costs a select per coefficient in lanes. The fits
// are within 2^-57 of h, far inside the certainty bound, and the sweeps
// check every output against internal/rounded's on all 2^32 inputs. Both
// the series and the tail are computed in every lane, and one is selected.
// The inputs at or below -geluTailLimit (-0), the tiny ones (tinyHalf) and
// NaN go back to the scalar function.
func geluLanes(l Lane, x Value) Value {
	m := l.Compare(GT, x, c32(l, -geluTailLimit))
	l.Require(m)
	l.Done(m)
	notTiny(l, x)
	r := halves(l, []Value{copy32(l, x)}, geluErr, func(h []Value) Value {
		xv := h[0]
		// The tail first, the Mills ratio before the exponential, and
		// the series last: the fewest values live at once.
		a := l.Abs(copy64(l, xv))
		over := l.Compare(GT, a, c64(l, geluTailLimit))
		a = l.Select(over, c64(l, geluTailLimit), a) // min(|x|, 15)
		l.Done(over)
		arg := l.MulInPlace(l.Mul(a, a), c64(l, -0.5))
		w := millsLanes(l, a)
		s, q := expReduced(l, arg)
		e := l.FMA(s, q, s)
		l.Done(q)
		tail := l.MulInPlace(e, w)
		l.Done(w)
		yNeg := l.Mul(xv, tail)
		oneMinus := l.Sub(copy64(l, c64(l, 1)), tail)
		l.Done(tail)
		yPos := l.Mul(xv, oneMinus)
		l.Done(oneMinus)
		neg := l.Compare(LT, xv, c64(l, 0))
		yPos = l.Select(neg, yNeg, yPos)
		l.Done(neg, yNeg)
		t := l.Mul(xv, xv)
		g := horner(l, geluSeries, t)
		ys := l.FMA(t, g, l.Mul(xv, c64(l, 0.5)))
		l.Done(t, g)
		ax := l.Abs(copy64(l, xv))
		small := l.Compare(LT, ax, c64(l, 1))
		l.Done(ax)
		y := l.Select(small, ys, yPos)
		l.Done(small, ys, xv)
		return y
	})
	return zerosKept(l, x, r)
}

// millsLanes returns W(a) = u*h(u), u = 1/a, for the float64 lanes a in
// [1, 15], a given up: h's two pieces evaluated by Horner, the one whose
// start u reaches selected.
func millsLanes(l Lane, a Value) Value {
	u := l.Div(copy64(l, c64(l, 1)), a)
	l.Done(a)
	var hs []Value
	for _, p := range geluPieces {
		t := l.Sub(copy64(l, u), c64(l, p.center))
		hs = append(hs, horner(l, p.coef, t))
		l.Done(t)
	}
	upper := l.Compare(GE, u, c64(l, geluPieces[1].start))
	h := l.Select(upper, hs[1], hs[0])
	l.Done(upper, hs[1])
	w := l.MulInPlace(h, u)
	l.Done(u)
	return w
}

// geluDerivativeCoef holds H(t) = sum of (n+1)*g_n*t^n, GELU's series G
// (geluSeries) differentiated: d(x) = 1/2 + 2x*H(x^2) below |x| = 1.
// Highest degree first, each coefficient rounded once, as internal/rounded
// computes its geluDerivativeSeries.
var geluDerivativeCoef = func() []float64 {
	h := make([]float64, len(geluSeries))
	for i, g := range geluSeries {
		h[i] = float64(len(geluSeries)-i) * g
	}
	return h
}()

// geluDerivativeLanes is internal/rounded's geluDerivativeFloat64 with
// geluLanes' Mills ratio: below |x| = 1, FMA(2x, H(t), 1/2), t = x^2,
// within 2^-45*(|2x*H| + |d|); above, p = e*(W(a) - a/sqrt(2*pi)), e =
// e^(-a^2/2), a = min(|x|, 15), within 2^-45*e*(W + a/sqrt(2*pi)), and
// for x > 0 d = 1 - p, within that plus 2^-45*d. The bounds are absolute,
// as in the scalar function, so that they hold through the cancellation
// near the root at x = -0.7518, whose neighbours go back to the scalar
// function, as NaN does. Both the series and the tail are computed in
// every lane, and one is selected; the infinities take the tail at a = 15,
// whose values round to the limits, -0 and 1.
func geluDerivativeLanes(l Lane, x Value) Value {
	numbers(l, x)
	c0 := geluSeries[len(geluSeries)-1] // 1/sqrt(2*pi)
	return halvesWithin(l, []Value{copy32(l, x)}, func(h []Value) (Value, Value) {
		xv := h[0]
		a := l.Abs(copy64(l, xv))
		over := l.Compare(GT, a, c64(l, geluTailLimit))
		a = l.Select(over, c64(l, geluTailLimit), a)
		l.Done(over)
		arg := l.MulInPlace(l.Mul(a, a), c64(l, -0.5))
		w := millsLanes(l, copy64(l, a))
		v := l.FMA(a, c64(l, -c0), copy64(l, w))
		w = l.FMA(a, c64(l, c0), w)
		l.Done(a)
		s, q := expReduced(l, arg)
		e := l.FMA(s, q, s)
		l.Done(q)
		p := l.Mul(e, v)
		l.Done(v)
		bound := l.MulInPlace(l.MulInPlace(e, w), c64(l, 0x1p-45))
		l.Done(w)
		d := l.Sub(copy64(l, c64(l, 1)), p)
		b := l.FMA(d, c64(l, 0x1p-45), copy64(l, bound))
		neg := l.Compare(LT, xv, c64(l, 0))
		d = l.Select(neg, p, d)
		b = l.Select(neg, bound, b)
		l.Done(neg, p, bound)
		// The series, below |x| = 1.
		ax := l.Abs(copy64(l, xv))
		small := l.Compare(LT, ax, c64(l, 1))
		l.Done(ax)
		t := l.Mul(xv, xv)
		hs := horner(l, geluDerivativeCoef, t)
		l.Done(t)
		x2 := l.MulInPlace(xv, c64(l, 2))
		m := l.Mul(x2, hs)
		ds := l.FMA(x2, hs, c64(l, 0.5))
		l.Done(x2, hs)
		bs := l.MulInPlace(sumAbs(l, m, copy64(l, ds)), c64(l, 0x1p-45))
		d = l.Select(small, ds, d)
		b = l.Select(small, bs, b)
		l.Done(small, ds, bs)
		return d, b
	})
}
