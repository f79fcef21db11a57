package kernel

import "math"

// The smooth activations in vector lanes: internal/rounded's float64 paths
// (its float64.go), written once as lane operations for the assembly
// backends. Each evaluation widens the float32 lanes to float64, runs the
// same IEEE operations in the same order as the scalar function, rounds
// y*(1-e) and y*(1+e) to float32, and Requires that the two agree in every
// lane: then every lane holds the correctly rounded value, which is what
// the scalar function returns for it. A vector with a lane that is not
// certain (a NaN, or a value within e of a float32 midpoint) is not
// stored: the kernel returns, and the Go side runs the generic kernel,
// internal/rounded, on that vector's elements.
//
// So a path's outputs are the scalar function's by construction, and the
// sweeps check it: every path's outputs on all 2^32 inputs against the
// digests of internal/rounded's proof.
//
// The generic backend does not run these: its Rounded calls internal/rounded,
// whose float64 path is this evaluation, one element at a time.

// Wide is what the evaluations take beyond Arith.
type Wide interface {
	// Const64 returns the 64-bit lanes with bits b: a float64 constant
	// for the float64 operations, an integer for IntAdd on them. Read only:
	// an operation whose result goes where a constant is takes a copy.
	Const64(b uint64) Value
	// MulAdd returns a*b + c with one rounding, in a (where FMA's result
	// goes in c): the Horner step t = t*r + c with c a constant.
	MulAdd(a, b, c Value) Value
	// Copy64 returns v's float64 lanes in a new value, v kept: for the
	// double-double steps, which need an operand after an operation that
	// writes its result in place of it.
	Copy64(v Value) Value
	// Spill64 returns v's float64 lanes as a read-only value in memory,
	// which operations read as they read a constant, and gives v's
	// register to later values: for evaluations that hold more values
	// than an instruction set has registers.
	Spill64(v Value) Value
	// Index returns the lanes' indexes for Lookup, from c, float64 lanes
	// holding integers 0 to 7, given up: in a form of the backend's own.
	Index(c Value) Value
	// Lookup returns t[i] in each lane, in a new value, i the lane's
	// index from Index (idx kept): a piecewise fit's coefficient of the
	// lane's piece. t has 8 entries at most.
	Lookup(idx Value, t []float64) Value
	// Done says that the description needs v no more, nor any value
	// in the same place (an operation's result "in a" is in a's place):
	// a backend may give its register to a later value. The evaluations
	// run two float64 halves one after the other in the registers of one.
	Done(v ...Value)
	// Require makes the kernel stop before it stores the current vector
	// unless m holds in every lane; the Go side then computes that vector
	// with the generic kernel. Only the shapes of the Checked kernels
	// take it.
	Require(m Value)
}

// Evaluations are the float64 lane evaluations of internal/rounded's
// functions, by name: each returns the function's value at x in float32
// lanes, x kept, after Requiring that every lane is certain. Each one
// Requires first that no lane is a NaN (or, where the function makes a
// limit of it, an infinity), whatever its operations would make of one.
var Evaluations = map[string]func(l Lane, x Value) Value{
	"Sigmoid":  sigmoidLanes,
	"Exp":      expLanes,
	"Expm1":    expm1Lanes,
	"Tanh":     tanhLanes,
	"SiLU":     siluLanes,
	"Mish":     mishLanes,
	"Softplus": softplusLanes,
	"GELUTanh": geluTanhLanes,
	"GELU":     geluLanes,

	"SiLUDerivative":     siluDerivativeLanes,
	"MishDerivative":     mishDerivativeLanes,
	"GELUTanhDerivative": geluTanhDerivativeLanes,
	"GELUDerivative":     geluDerivativeLanes,
}

// The constants of internal/rounded (exp.go, log1p.go, float64.go and the
// functions' files).
const (
	invLn2        = 0x1.71547652b82fep+0
	ln2           = 0x1.62e42fefa39efp-1
	ln2Lo         = 0x1.abc9e3b39803fp-56
	expArgLimit   = 200
	expm1ArgLimit = 100
	tanhArgLimit  = 20
	mishArgLimit  = 20
	sqrt2Minus1   = 0x1.a827999fcef32p-2
	tinyLimit     = 0x1p-100
	geluTanhLimit = 13
	// 2*sqrt(2/pi) and 0.044715, their float64 high parts.
	twoSqrt2OverPiHi = 0x1.9884533d43651p+0
	geluTanhCoefHi   = 0x1.6e4e26d4801f7p-5
	// roundMagic is 2^52 + 2^51: v + roundMagic - roundMagic is v rounded
	// to an integer, ties to even, for |v| < 2^51, and the low bits of
	// v + roundMagic are 2^51 + that integer.
	roundMagic = 0x1.8p52
	// The bounds e of the certainty test, internal/rounded's.
	sigmoidErr  = 0x1p-46
	expErr      = 0x1p-46
	expm1Err    = 0x1p-46
	tanhErr     = 0x1p-46
	siluErr     = 0x1p-46
	mishErr     = 0x1p-45
	softplusErr = 0x1p-46
	geluTanhErr = 0x1p-40
	geluErr     = 0x1p-46
	// geluTailLimit is internal/rounded's: GELU is -0 at or below -15, and
	// the Mills ratio's fits end at 15.
	geluTailLimit = 15
)

// expm1Taylor is internal/rounded's: 1/n! for n = 12 down to 2.
var expm1Taylor = [...]float64{
	1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320,
	1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2,
}

// atanhSeries is internal/rounded's: 1/21, 1/19, ..., 1/3.
var atanhSeries = [...]float64{
	0x1.8618618618618p-5, 0x1.af286bca1af28p-5, 0x1.e1e1e1e1e1e1ep-5,
	0x1.1111111111111p-4, 0x1.3b13b13b13b14p-4, 0x1.745d1745d1746p-4,
	0x1.c71c71c71c71cp-4, 0x1.2492492492492p-3, 0x1.999999999999ap-3,
	0x1.5555555555555p-2,
}

func c64(l Lane, f float64) Value { return l.Const64(math.Float64bits(f)) }

func c32(l Lane, f float32) Value { return l.Const(math.Float32bits(f)) }

// copy64 and copy32 return v in a new value: v*1, exact but for a NaN,
// which the evaluations have sent back already.
func copy64(l Lane, v Value) Value { return l.Mul(v, c64(l, 1)) }
func copy32(l Lane, v Value) Value { return l.Mul(v, c32(l, 1)) }

// numbers Requires that no lane of x is a NaN.
func numbers(l Lane, x Value) {
	m := l.Compare(EQ, x, x)
	l.Require(m)
	l.Done(m)
}

// aboveMinusInf Requires that every lane of x is a number above -Inf.
func aboveMinusInf(l Lane, x Value) {
	m := l.Compare(GT, x, l.Const(0xff800000))
	l.Require(m)
	l.Done(m)
}

// expReduced is internal/rounded's expReducedFloat64 on the float64 lanes
// a, |a| <= expArgLimit, in a: 2^k and q = e^r - 1, with e^a = 2^k(1+q).
// k is a*invLn2 rounded to an integer by adding and subtracting
// roundMagic, which gives math.RoundToEven's value but for the sign of a
// zero; -k*ln2 is k*(-ln2), the same product; 2^k's bits are
// (k+1023)<<52, from the low bits of k + roundMagic. Where a is a zero, r
// may be a zero of the other sign than the scalar code's, and q is +0
// either way.
func expReduced(l Lane, a Value) (scale, q Value) {
	k := l.Add(l.Mul(a, c64(l, invLn2)), c64(l, roundMagic))
	k = l.Sub(k, c64(l, roundMagic))
	r := l.FMA(k, c64(l, -ln2), a)
	r = l.FMA(k, c64(l, -ln2Lo), r)
	t := horner(l, expm1Taylor[:], r)
	r2 := l.Mul(r, r)
	q = l.FMA(r2, t, r)
	l.Done(r2, t)
	scale = l.Add(k, c64(l, roundMagic))
	scale = l.ShiftLeft(l.IntAdd(scale, l.Const64(1023)), 52)
	return scale, q
}

// horner returns c[0]*t^(n-1) + ... + c[n-1] as internal/rounded computes
// it: t := c[0], then t = t*r + c[i], one FMA each.
func horner(l Lane, c []float64, r Value) Value {
	t := l.MulAdd(c64(l, c[0]), r, c64(l, c[1]))
	for _, ci := range c[2:] {
		t = l.MulAdd(t, r, c64(l, ci))
	}
	return t
}

// halves widens the float32 lanes of args to float64, runs f on the first
// halves of the lanes, then on the second (each half takes the registers
// of one), and returns the float32 lanes of y*(1+e) for f's y, after
// Requiring that y*(1-e) rounds to the same float32 in every lane: the
// certainty test of internal/rounded.
func halves(l Lane, args []Value, e float64, f func(h []Value) Value) Value {
	lo, hi := make([]Value, len(args)), make([]Value, len(args))
	for i, a := range args {
		lo[i], hi[i] = l.Widen(a)
	}
	yLo := f(lo)
	loLo, loHi := l.Mul(yLo, c64(l, 1-e)), l.MulInPlace(yLo, c64(l, 1+e))
	yHi := f(hi)
	hiLo, hiHi := l.Mul(yHi, c64(l, 1-e)), l.MulInPlace(yHi, c64(l, 1+e))
	down, up := l.Narrow(loLo, hiLo), l.Narrow(loHi, hiHi)
	l.Done(hiLo, hiHi)
	m := l.Compare(EQ, down, up)
	l.Done(down)
	l.Require(m)
	l.Done(m)
	return up
}

// halvesWithin is halves for an absolute bound (internal/rounded's
// certainWithin): f returns y and the bound b, and the lanes of y - b and
// y + b must round to the same float32.
func halvesWithin(l Lane, args []Value, f func(h []Value) (y, b Value)) Value {
	lo, hi := make([]Value, len(args)), make([]Value, len(args))
	for i, a := range args {
		lo[i], hi[i] = l.Widen(a)
	}
	within := func(h []Value) (down, up Value) {
		y, b := f(h)
		down = l.Sub(copy64(l, y), b)
		up = l.Add(y, b)
		l.Done(b)
		return down, up
	}
	loLo, loHi := within(lo)
	hiLo, hiHi := within(hi)
	down, up := l.Narrow(loLo, hiLo), l.Narrow(loHi, hiHi)
	l.Done(hiLo, hiHi)
	m := l.Compare(EQ, down, up)
	l.Done(down)
	l.Require(m)
	l.Done(m)
	return up
}

// notTiny Requires that no lane of x is in 0 < |x| < tinyLimit, where
// SiLU and GELUTanh take tinyHalf.
func notTiny(l Lane, x Value) {
	t := l.Abs(copy32(l, x))
	zero := l.Compare(EQ, t, l.Const(0))
	t = l.Select(zero, c32(l, 1), t)
	l.Done(zero)
	big := l.Compare(GE, t, c32(l, tinyLimit))
	l.Done(t)
	l.Require(big)
	l.Done(big)
}

// clampArg returns x limited to [lo, hi] in a new value (x kept), negated
// first if neg: the compares in float32, where the limits are exact, give
// internal/rounded's float64 clamp's values.
func clampArg(l Lane, x Value, lo, hi float32, neg bool) Value {
	sign := float32(1)
	if neg {
		sign = -1
	}
	c := l.Mul(x, c32(l, sign))
	return l.Min(c32(l, hi), l.Max(c32(l, lo), c))
}

// sigmoidLanes is sigmoidFloat64: 1/(1 + e^-x).
func sigmoidLanes(l Lane, x Value) Value {
	numbers(l, x)
	a := clampArg(l, x, -expArgLimit, expArgLimit, true)
	return halves(l, []Value{a}, sigmoidErr, func(h []Value) Value {
		s, q := expReduced(l, h[0])
		d := l.Add(l.FMA(s, q, s), c64(l, 1))
		l.Done(q)
		y := l.Div(c64(l, 1), d)
		l.Done(d)
		return y
	})
}

// expLanes is expFloat64: s + s*q.
func expLanes(l Lane, x Value) Value {
	numbers(l, x)
	a := clampArg(l, x, -expArgLimit, expArgLimit, false)
	return halves(l, []Value{a}, expErr, func(h []Value) Value {
		s, q := expReduced(l, h[0])
		y := l.FMA(s, q, s)
		l.Done(q)
		return y
	})
}

// expm1Lanes is expm1Float64: s*q + (s - 1); the zeros, which the scalar
// function returns as they are, are x.
func expm1Lanes(l Lane, x Value) Value {
	numbers(l, x)
	a := clampArg(l, x, -expm1ArgLimit, expm1ArgLimit, false)
	y := halves(l, []Value{a}, expm1Err, func(h []Value) Value {
		return expm1Of(l, h[0])
	})
	return zerosKept(l, x, y)
}

// expm1Of returns e^a - 1 as s*q + (s - 1), in a new value, a given up:
// Expm1's and Tanh's.
func expm1Of(l Lane, a Value) Value {
	s, q := expReduced(l, a)
	y := l.FMA(s, q, l.Sub(copy64(l, s), c64(l, 1)))
	l.Done(s, q)
	return y
}

// zerosKept returns y with x's lanes where x is a zero, in y.
func zerosKept(l Lane, x, y Value) Value {
	zero := l.Compare(EQ, x, l.Const(0))
	y = l.Select(zero, x, y)
	l.Done(zero)
	return y
}

// tanhLanes is tanhFloat64: m/(m + 2), m = e^(2|x|) - 1, then x's sign:
// -r where x < 0, and x itself where it is a zero.
func tanhLanes(l Lane, x Value) Value {
	numbers(l, x)
	a := l.Min(c32(l, tanhArgLimit), l.Abs(copy32(l, x)))
	r := halves(l, []Value{a}, tanhErr, func(h []Value) Value {
		m := expm1Of(l, l.MulInPlace(h[0], c64(l, 2)))
		d := l.Add(copy64(l, m), c64(l, 2))
		y := l.Div(m, d)
		l.Done(d)
		return y
	})
	neg := l.Compare(LT, x, l.Const(0))
	minus := l.Neg(copy32(l, r))
	r = l.Select(neg, minus, r)
	l.Done(neg, minus)
	return zerosKept(l, x, r)
}

// siluLanes is siluFloat64: x/(1 + e^-x). The inputs the scalar function
// takes apart, -Inf and 0 < |x| < tinyLimit (tinyHalf), go back to it.
func siluLanes(l Lane, x Value) Value {
	aboveMinusInf(l, x)
	notTiny(l, x)
	a := clampArg(l, x, -expArgLimit, expArgLimit, true)
	return halves(l, []Value{a, copy32(l, x)}, siluErr, func(h []Value) Value {
		return overOnePlusExp(l, h[1], h[0])
	})
}

// overOnePlusExp returns num/(1 + e^a), in a new value, num and a given up:
// SiLU's and GELUTanh's quotient, one division where num*sigmoid(-a)
// would round twice.
func overOnePlusExp(l Lane, num, a Value) Value {
	s, q := expReduced(l, a)
	d := l.Add(l.FMA(s, q, s), c64(l, 1))
	l.Done(q)
	y := l.Div(num, d)
	l.Done(d)
	return y
}

// mishLanes is mishFloat64: x*n/(n + 2), n = e^x(e^x + 2). -Inf goes back
// to the scalar function.
func mishLanes(l Lane, x Value) Value {
	aboveMinusInf(l, x)
	a := clampArg(l, x, -expArgLimit, mishArgLimit, false)
	return halves(l, []Value{a, copy32(l, x)}, mishErr, func(h []Value) Value {
		s, q := expReduced(l, h[0])
		e := l.FMA(s, q, s)
		l.Done(q)
		n := l.FMA(e, e, l.Mul(e, c64(l, 2)))
		l.Done(e)
		d := l.Add(copy64(l, n), c64(l, 2))
		ratio := l.Div(n, d)
		l.Done(d)
		y := l.MulInPlace(h[1], ratio)
		l.Done(ratio)
		return y
	})
}

// softplusLanes is softplusFloat64: max(x, 0) + log1p(e^-|x|).
func softplusLanes(l Lane, x Value) Value {
	numbers(l, x)
	a := l.Neg(l.Min(c32(l, expArgLimit), l.Abs(copy32(l, x))))
	pos := copy32(l, x)
	pos = l.ZeroWhere(l.LE0(x), pos)
	return halves(l, []Value{a, pos}, softplusErr, func(h []Value) Value {
		s, q := expReduced(l, h[0])
		u := l.FMA(s, q, s)
		l.Done(q)
		y := l.Add(h[1], log1p(l, u))
		return y
	})
}

// geluTanhArg returns v = (xc*c1)*(c2*xc^2 + 1), internal/rounded's, in
// xc, and xc^2 in a new value if keep, else Done with it.
func geluTanhArg(l Lane, xc Value, keep bool) (v, x2 Value) {
	x2 = l.Mul(xc, xc)
	p := l.MulAdd(copy64(l, x2), c64(l, geluTanhCoefHi), c64(l, 1))
	v = l.MulInPlace(l.MulInPlace(xc, c64(l, twoSqrt2OverPiHi)), p)
	l.Done(p)
	if !keep {
		l.Done(x2)
		x2 = 0
	}
	return v, x2
}

// geluTanhLanes is geluTanhFloat64: x/(1 + e^-v). The inputs at or below
// -geluTanhLimit (-0), and the tiny ones (tinyHalf), go back to the
// scalar function.
func geluTanhLanes(l Lane, x Value) Value {
	m := l.Compare(GT, x, c32(l, -geluTanhLimit))
	l.Require(m)
	l.Done(m)
	notTiny(l, x)
	a := l.Min(c32(l, geluTanhLimit), copy32(l, x))
	return halves(l, []Value{a, copy32(l, x)}, geluTanhErr, func(h []Value) Value {
		v, _ := geluTanhArg(l, h[0], false)
		return overOnePlusExp(l, h[1], l.MulInPlace(v, c64(l, -1)))
	})
}

// siluDerivativeLanes is siluDerivativeFloat64: s*(1 + x*(E*s)), E =
// e^-x, s = 1/(1 + E), within 2^-45*(|s*x*E*s| + |d|). The infinities go
// back to the scalar function.
func siluDerivativeLanes(l Lane, x Value) Value {
	abs := l.Abs(copy32(l, x))
	finite := l.Compare(LE, abs, l.Const(0x7f7fffff))
	l.Require(finite)
	l.Done(abs, finite)
	a := clampArg(l, x, -expArgLimit, expArgLimit, true)
	return halvesWithin(l, []Value{a, copy32(l, x)}, func(h []Value) (Value, Value) {
		s, q := expReduced(l, h[0])
		e := l.FMA(s, q, s)
		l.Done(q)
		sig := reciprocal1p(l, e)
		es := l.MulInPlace(e, sig)
		xc := l.Mul(h[1], es)
		t := l.FMA(h[1], es, c64(l, 1))
		l.Done(h[1], es)
		d := l.Mul(sig, t)
		l.Done(t)
		sx := l.MulInPlace(sig, xc)
		l.Done(xc)
		b := sumAbs(l, sx, copy64(l, d))
		return d, l.MulInPlace(b, c64(l, 0x1p-45))
	})
}

// mishDerivativeLanes is mishDerivativeFloat64: e*(a + b)/n^2 with a =
// (e + 2)*n, b = 4x*(e + 1), n = (e + 1)^2 + 1, e = e^x, within 2^-45 times
// e*(|a| + |b|)/n^2 + |d|.
func mishDerivativeLanes(l Lane, x Value) Value {
	numbers(l, x)
	xc := clampArg(l, x, -expArgLimit, mishArgLimit, false)
	return halvesWithin(l, []Value{xc}, func(h []Value) (Value, Value) {
		x4 := l.Mul(h[0], c64(l, 4))
		s, q := expReduced(l, h[0])
		e := l.FMA(s, q, s)
		l.Done(q)
		e1 := l.Add(copy64(l, e), c64(l, 1))
		n := l.FMA(e1, e1, c64(l, 1))
		a := l.MulInPlace(l.Add(copy64(l, e), c64(l, 2)), n)
		b := l.MulInPlace(x4, e1)
		l.Done(e1)
		n2 := l.Mul(n, n)
		l.Done(n)
		sum := l.Add(copy64(l, a), b)
		d := l.Div(l.Mul(e, sum), n2)
		l.Done(sum)
		abs := sumAbs(l, a, b)
		terms := l.Div(l.MulInPlace(e, abs), n2)
		l.Done(abs, n2)
		ad := l.Abs(copy64(l, d))
		bound := l.MulInPlace(l.Add(terms, ad), c64(l, 0x1p-45))
		l.Done(ad)
		return d, bound
	})
}

// geluTanhDerivativeLanes is geluTanhDerivativeFloat64: s*(1 + m), m =
// x*(E*s)*v', E = e^-v, s = 1/(1 + E), within 2^-46*(1 + |v|)*(|s*m| +
// |d|).
func geluTanhDerivativeLanes(l Lane, x Value) Value {
	numbers(l, x)
	xc := clampArg(l, x, -geluTanhLimit, geluTanhLimit, false)
	return halvesWithin(l, []Value{xc}, func(h []Value) (Value, Value) {
		h = append(h, copy64(l, h[0]))
		v, x2 := geluTanhArg(l, h[0], true)
		dv := l.MulInPlace(l.MulAdd(x2, c64(l, 3*geluTanhCoefHi), c64(l, 1)), c64(l, twoSqrt2OverPiHi))
		s, q := expReduced(l, l.Mul(v, c64(l, -1)))
		e := l.FMA(s, q, s)
		l.Done(q)
		sig := reciprocal1p(l, e)
		m := l.MulInPlace(l.MulInPlace(h[1], l.MulInPlace(e, sig)), dv)
		l.Done(e, dv)
		m1 := l.Add(copy64(l, m), c64(l, 1))
		d := l.Mul(sig, m1)
		l.Done(m1)
		sm := l.MulInPlace(sig, m)
		l.Done(m)
		scale := l.MulInPlace(l.Add(l.Abs(v), c64(l, 1)), c64(l, 0x1p-46))
		terms := sumAbs(l, sm, copy64(l, d))
		b := l.MulInPlace(scale, terms)
		l.Done(terms)
		return d, b
	})
}

// reciprocal1p returns 1/(e + 1) in a new value, e kept.
func reciprocal1p(l Lane, e Value) Value {
	d := l.Add(copy64(l, e), c64(l, 1))
	r := l.Div(c64(l, 1), d)
	l.Done(d)
	return r
}

// sumAbs returns |a| + |b| in a, b given up.
func sumAbs(l Lane, a, b Value) Value {
	s := l.Add(l.Abs(a), l.Abs(b))
	l.Done(b)
	return s
}

// log1p is log1pFloat64 on u in [0, 1], in u: 2*atanh(s) with s = (u -
// c)/((2 + c) + u), plus c*ln2, c = 1 above sqrt(2) - 1, else 0.
func log1p(l Lane, u Value) Value {
	above := l.Compare(GT, u, c64(l, sqrt2Minus1))
	c := l.Select(above, c64(l, 1), c64(l, 0))
	l.Done(above)
	num := l.Sub(copy64(l, u), c)
	den := l.Add(l.Add(copy64(l, c), c64(l, 2)), u)
	l.Done(u)
	s := l.Div(num, den)
	l.Done(den)
	z := l.Mul(s, s)
	t := horner(l, atanhSeries[:], z)
	zt := l.Mul(z, t)
	l.Done(z, t)
	s2 := l.Mul(s, c64(l, 2))
	sum := l.FMA(s2, zt, l.Mul(s, c64(l, 2)))
	l.Done(s, s2, zt)
	r := l.FMA(c, c64(l, ln2), sum)
	l.Done(c)
	return r
}

// Checked reports whether the assembly backends emit k from the
// evaluations above: a Rounded elementwise kernel, or a forward layer
// kernel with the bias fused in (whose rows are elementwise over src and
// bias), without forms, every Rounded call of which has an evaluation.
func Checked(k Kernel) bool { return checkedBy(k, Evaluations) }

// checkedBy reports whether k is a Checked kernel with the evaluations evs.
func checkedBy(k Kernel, evs map[string]func(l Lane, x Value) Value) bool {
	if !k.Rounded || k.Layer() && k.Shape != BiasForward || len(k.Forms) > 0 {
		return false
	}
	p := &probe{}
	k.Op(p)
	for _, fn := range p.fns {
		if evs[fn] == nil {
			return false
		}
	}
	return len(p.fns) > 0
}

// probe is a Lane that records the Rounded calls of a lane operation.
type probe struct{ fns []string }

func (p *probe) Rounded(fn string, x Value) Value { p.fns = append(p.fns, fn); return 0 }

func (*probe) In(int) Value                     { return 0 }
func (*probe) Scalar(int) Value                 { return 0 }
func (*probe) LE0(Value) Value                  { return 0 }
func (*probe) ZeroWhere(_, _ Value) Value       { return 0 }
func (*probe) MulWhere(_, _, _ Value) Value     { return 0 }
func (*probe) AddWhere(_, _, _ Value) Value     { return 0 }
func (*probe) Mul(_, _ Value) Value             { return 0 }
func (*probe) MulInPlace(_, _ Value) Value      { return 0 }
func (*probe) Add(_, _ Value) Value             { return 0 }
func (*probe) Max(_, _ Value) Value             { return 0 }
func (*probe) Min(_, _ Value) Value             { return 0 }
func (*probe) Const(uint32) Value               { return 0 }
func (*probe) Compare(Pred, Value, Value) Value { return 0 }
func (*probe) Select(_, _, _ Value) Value       { return 0 }
func (*probe) Sub(_, _ Value) Value             { return 0 }
func (*probe) Div(_, _ Value) Value             { return 0 }
func (*probe) FMA(_, _, _ Value) Value          { return 0 }
func (*probe) Abs(Value) Value                  { return 0 }
func (*probe) Neg(Value) Value                  { return 0 }
func (*probe) RoundEven(Value) Value            { return 0 }
func (*probe) ToInt32(Value) Value              { return 0 }
func (*probe) Widen(Value) (_, _ Value)         { return 0, 0 }
func (*probe) Narrow(_, _ Value) Value          { return 0 }
func (*probe) IntAdd(_, _ Value) Value          { return 0 }
func (*probe) ShiftLeft(Value, int) Value       { return 0 }
func (*probe) Const64(uint64) Value             { return 0 }
func (*probe) MulAdd(_, _, _ Value) Value       { return 0 }
func (*probe) Copy64(Value) Value               { return 0 }
func (*probe) Spill64(Value) Value              { return 0 }
func (*probe) Index(Value) Value                { return 0 }
func (*probe) Lookup(Value, []float64) Value    { return 0 }
func (*probe) Require(Value)                    {}
func (*probe) Done(...Value)                    {}
