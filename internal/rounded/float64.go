package rounded

import "math"

// The float64 paths: Ziv's strategy ("Fast evaluation of elementary
// mathematical functions with correctly rounded last bit", 1991). Most
// inputs do not need a double-double to be rounded correctly: a plain
// float64 evaluation is off by a small multiple of 2^-53 relative, and its
// float32 rounding is certain unless the exact value lies within that error
// of a float32 midpoint. So a function with a float64 path first computes y
// in float64 with a known bound e on its relative error, and rounds
// y*(1-e) and y*(1+e) to float32. When both give the same float32, every
// real number in between, the exact value included, rounds to it: that is
// the correctly rounded result. Otherwise (near a midpoint, which a
// fraction of about 2*e/2^-24 of the inputs is, and for NaN) the function
// falls back to its double-double evaluation.
//
// Both routes give the correctly rounded value, so which one an input takes
// never changes a bit: TestProve with FASTRELU_PROVE=digests checks that
// the functions, float64 path and fallback together, give on all 2^32
// inputs the outputs whose SHA-256 testdata/digests.txt records, each of
// which was checked against package oracle.
//
// This is the evaluation the SIMD paths are to run, in float64 lanes: the
// same operations (add, mul, fma, div, round-to-integer, shifts and adds on
// the bits, a compare of the two float32 roundings), a vector whose lanes
// are not all certain handed back to the scalar code.
//
// The bounds e below are at least 16 times the error the analysis at each
// function allows, so that the margin, not the analysis, carries the
// rounding of y*(1±e) itself and the constants' own rounding.

// expm1Taylor holds 1/n! for n = 12 down to 2, for Horner: the remainder
// after r^12/12! is below |r|^13/13! * e^|r|, under 2^-50 relative to r on
// |r| <= ln2/2, and 1/n! is the float64 nearest to it (n! is exact in
// float64 up to 18!).
var expm1Taylor = [...]float64{
	1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320,
	1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2,
}

// expReducedFloat64 is expReduced in float64: it returns scale = 2^k and
// q, e^r - 1 in float64, with e^x = scale*(1+q), for |x| <= expArgLimit. r = x - k*ln2 is rounded twice
// (two FMAs), an absolute error near 2^-54 for |r| <= ln2/2 that moves e^r
// by as much relative; with k = 0 it is x itself, exactly, so q keeps the
// relative accuracy of tiny x. q = r + r^2*T(r) has a relative error of a
// few 2^-53, since r^2*T(r) is at most a fifth of r.
func expReducedFloat64(x float64) (scale, q float64) {
	k := math.RoundToEven(float64(x * invLn2))
	r := math.FMA(-k, ln2, x)
	r = math.FMA(-k, ln2Lo, r)
	t := expm1Taylor[0]
	for _, c := range expm1Taylor[1:] {
		t = math.FMA(t, r, c)
	}
	q = math.FMA(float64(r*r), t, r)
	scale = math.Float64frombits(uint64(int64(k)+1023) << 52)
	return scale, q
}

// certain rounds y*(1-e) and y*(1+e) to float32 and reports whether they
// agree; a NaN y never does.
func certain(y, e float64) (float32, bool) {
	lo := float32(float64(y * (1 - e)))
	hi := float32(float64(y * (1 + e)))
	return hi, lo == hi
}

// Relative error bounds of the float64 paths; see each function.
const (
	sigmoidErr  = 0x1p-46
	tanhErr     = 0x1p-46
	expm1Err    = 0x1p-46
	siluErr     = 0x1p-46
	geluTanhErr = 0x1p-40
	softplusErr = 0x1p-46
	mishErr     = 0x1p-45
	expErr      = 0x1p-46
	geluErr     = 0x1p-46
)

// sigmoidFloat64 is Sigmoid's float64 path: 1/(1 + e^-x) with e^-x =
// s + s*q rounded once. The exponential's error (a few 2^-53), the sum's
// and the quotient's (2^-53 each) add up to below 2^-50: 1 + e^-x never
// cancels.
func sigmoidFloat64(x float32) (float32, bool) {
	s, q := expReducedFloat64(-clamp(float64(x), -expArgLimit, expArgLimit))
	return certain(1/(1+math.FMA(s, q, s)), sigmoidErr)
}

// tanhFloat64 is Tanh's float64 path on |x|: m/(m + 2) with m =
// e^(2|x|) - 1 = s*q + (s - 1), where s - 1 is exact and both terms are
// nonnegative, so m has the relative error of q and one rounding; the
// sum and the quotient add one each. The sign of x is put back on the
// rounded result, which is odd, -0 included.
func tanhFloat64(x float32) (float32, bool) {
	a := math.Abs(float64(x))
	if a > tanhArgLimit {
		a = tanhArgLimit
	}
	s, q := expReducedFloat64(2 * a)
	m := math.FMA(s, q, s-1)
	r, ok := certain(m/(m+2), tanhErr)
	return math.Float32frombits(math.Float32bits(r) | math.Float32bits(x)&0x80000000), ok
}

// expm1Float64 is Expm1's float64 path: s*q + (s - 1) rounded once.
// With k = 0 that is q. With k != 0, |x| > ln2/2 - 2^-50 and the result is
// at least 0.29 in magnitude, while s - 1 (rounded for k < -53, by at most
// 2^-54) and s*q are at most a few times that, so the cancellation costs a
// factor below 4. Zeros keep their sign through the fallback, which
// returns x.
func expm1Float64(x float32) (float32, bool) {
	s, q := expReducedFloat64(clamp(float64(x), -expm1ArgLimit, expm1ArgLimit))
	r, ok := certain(math.FMA(s, q, s-1), expm1Err)
	return r, ok && x != 0
}

// siluFloat64 is SiLU's float64 path: x/(1 + e^-x), one division where
// x*sigmoid(x) would round twice; errors as Sigmoid's. -Inf, where the
// quotient is -Inf, gives -0. Tiny inputs go through tinyHalf.
func siluFloat64(x float32) (float32, bool) {
	xf := float64(x)
	if xf < -math.MaxFloat32 {
		return float32(math.Copysign(0, -1)), true
	}
	if a := math.Abs(xf); a < tinyLimit && a != 0 {
		return tinyHalf(xf)
	}
	s, q := expReducedFloat64(-clamp(xf, -expArgLimit, expArgLimit))
	return certain(xf/(1+math.FMA(s, q, s)), siluErr)
}

// tinyLimit bounds the inputs that tinyHalf takes.
const tinyLimit = 0x1p-100

// tinyHalf returns the float32 rounding of x/2 + d for a d > 0 far below
// ulp(x/2)/2: the value of SiLU and GELUTanh at 0 < |x| < tinyLimit, which
// is x/2 + c*x^2 + O(x^3) with c > 0. x/2 is a float32 or, for the subnormal
// x and those below 2^-125, can be a float32 midpoint, where the exact
// value is closer to it than any float64 error bound and only the sign of
// d decides: the float64 path would fall back for every such input. Adding
// |x|*2^-30 instead of d rounds the same way, by a margin the certainty
// test sees.
func tinyHalf(x float64) (float32, bool) {
	return certain(math.FMA(math.Abs(x), 0x1p-30, float64(x*0.5)), 0x1p-46)
}

// geluTanhFloat64 is GELUTanh's float64 path: x/(1 + e^-v), v =
// 2*sqrt(2/pi)*x*(1 + 0.044715*x^2) from the constants' float64 high
// parts. v is off by a few 2^-53 relative, which moves 1/(1 + e^-v) by
// |v| times that; |v| < 2^7 wherever the result is not below float32's
// subnormals, so the error stays below 2^-44. The inputs at or below
// -geluTanhLimit, -Inf included, give -0, as in GELUTanh; tiny inputs go
// through tinyHalf.
func geluTanhFloat64(x float32) (float32, bool) {
	xf := float64(x)
	if xf <= -geluTanhLimit {
		return float32(math.Copysign(0, -1)), true
	}
	if a := math.Abs(xf); a < tinyLimit && a != 0 {
		return tinyHalf(xf)
	}
	xc := clamp(xf, -geluTanhLimit, geluTanhLimit)
	v := float64(xc*twoSqrt2OverPiHi) * math.FMA(geluTanhCoefHi, float64(xc*xc), 1)
	s, q := expReducedFloat64(-v)
	return certain(xf/(1+math.FMA(s, q, s)), geluTanhErr)
}

// log1pFloat64 returns log(1 + u) for 0 <= u <= 1 in float64, as log1pDD
// does in double-double: 2*atanh(s) with s = u/(2 + u), or ln2 + 2*atanh(s)
// with s = (u - 1)/(3 + u) above sqrt(2) - 1, so that |s| < 0.18. The
// subtraction, the sum and the quotient leave s within a few 2^-53 of
// its value relative, and the series adds less; the ln2 term is at least
// twice the other one in magnitude, so the sum does not cancel.
func log1pFloat64(u float64) float64 {
	c := 0.0
	if u > sqrt2Minus1 {
		c = 1
	}
	s := (u - c) / ((2 + c) + u)
	z := float64(s * s)
	t := atanhSeries[0]
	for _, coef := range atanhSeries[1:] {
		t = math.FMA(t, z, coef)
	}
	return math.FMA(c, ln2, math.FMA(float64(2*s), float64(z*t), 2*s))
}

// softplusFloat64 is Softplus's float64 path: max(x, 0) + log1p(e^-|x|).
// e^-|x| is off by a few 2^-53 relative, which moves log1p of it by no
// more, relative, for arguments in (0, 1]; the final sum adds a term at
// most ln2 to a nonnegative one.
func softplusFloat64(x float32) (float32, bool) {
	xf := float64(x)
	a := math.Abs(xf)
	if a > expArgLimit {
		a = expArgLimit
	}
	s, q := expReducedFloat64(-a)
	pos := 0.0
	if xf > 0 {
		pos = xf
	}
	return certain(pos+log1pFloat64(math.FMA(s, q, s)), softplusErr)
}

// mishFloat64 is Mish's float64 path: tanh(log1p(e^x)) = n/(n + 2) with
// n = e^x*(e^x + 2), so x*n/(n + 2), with no logarithm. e^x is off by a
// few 2^-53 relative and n by about twice that; n is positive, so nothing
// cancels. -Inf gives -0.
func mishFloat64(x float32) (float32, bool) {
	xf := float64(x)
	if xf < -math.MaxFloat32 {
		return float32(math.Copysign(0, -1)), true
	}
	s, q := expReducedFloat64(clamp(xf, -expArgLimit, mishArgLimit))
	e := math.FMA(s, q, s)
	n := math.FMA(e, e, float64(2*e))
	return certain(xf*float64(n/(n+2)), mishErr)
}

// expFloat64 is Exp's float64 path: s + s*q rounded once.
func expFloat64(x float32) (float32, bool) {
	s, q := expReducedFloat64(clamp(float64(x), -expArgLimit, expArgLimit))
	return certain(math.FMA(s, q, s), expErr)
}

// siluDerivativeFloat64 is SiLUDerivative's float64 path: s*(1 + x*c) with
// E = e^-x, s = 1/(1 + E) and c = E*s = sigmoid(-x). E, s and c are off by
// a few 2^-53 relative, x*c by one rounding more, and 1 + x*c, which
// cancels near the derivative's root, by that much relative to x*c plus a
// rounding relative to itself; so the result is off by less than
// 2^-49*(|s*x*c| + |d|). The certainty test takes 2^-45 times that as an
// absolute bound, so that it holds across the cancellation, and the inputs
// near the root fall back. The infinities fall back too.
func siluDerivativeFloat64(x float32) (float32, bool) {
	xf := float64(x)
	s, q := expReducedFloat64(-clamp(xf, -expArgLimit, expArgLimit))
	e := math.FMA(s, q, s)
	sig := 1 / (1 + e)
	xc := xf * float64(e*sig)
	d := sig * math.FMA(xf, float64(e*sig), 1)
	r, ok := certainWithin(d, 0x1p-45*(math.Abs(float64(sig*xc))+math.Abs(d)))
	return r, ok && math.Abs(xf) <= math.MaxFloat32
}

// geluFloat64 is GELU's float64 path, GELU's pieces with float64
// coefficients and steps: below |x| = 1, x/2 + t*G(t) with t = x^2 exact
// and one FMA at the end (t*G(t) is at most about twice GELU(x) in
// magnitude there, so the sum's cancellation costs little); above, x*Q(a)
// or x*(1 - Q(a)) with Q(a) = e^(-a^2/2)*W(a), the exponential's argument
// exact, where 1 - Q(a) > 0.8 passes Q's error on scaled down. Every piece
// stays within a few 2^-52 relative. Zeros keep their sign, the inputs at
// or below -geluTailLimit give -0, as in GELU, and tiny inputs go through
// tinyHalf.
func geluFloat64(x float32) (float32, bool) {
	xf := float64(x)
	a := math.Abs(xf)
	switch {
	case xf == 0:
		return x, true
	case xf <= -geluTailLimit:
		return float32(math.Copysign(0, -1)), true
	case a < tinyLimit:
		return tinyHalf(xf)
	case a < 1:
		t := float64(xf * xf)
		g := geluSeriesTail[0]
		for _, c := range geluSeriesTail[1:] {
			g = math.FMA(g, t, c)
		}
		for k := len(geluSeriesHi) - 1; k >= 0; k-- {
			g = math.FMA(g, t, geluSeriesHi[k])
		}
		return certain(math.FMA(t, g, 0.5*xf), geluErr)
	}
	a = min(a, geluTailLimit)
	s, q := expReducedFloat64(-0.5 * float64(a*a))
	tail := float64(math.FMA(s, q, s) * millsFloat64(a))
	if xf < 0 {
		return certain(float64(xf*tail), geluErr)
	}
	return certain(float64(xf*(1-tail)), geluErr)
}

// millsFloat64 is millsDD in float64: W(a) within a few 2^-53 relative.
func millsFloat64(a float64) float64 {
	piece := millsPiece(a)
	t := a - piece.center
	w := piece.tail[0]
	for _, c := range piece.tail[1:] {
		w = math.FMA(w, t, c)
	}
	for k := len(piece.hi) - 1; k >= 0; k-- {
		w = math.FMA(w, t, piece.hi[k])
	}
	return w
}

// certainWithin is certain for an absolute bound: the float32 rounding of
// y - bound and of y + bound, and whether they agree. The derivatives take
// it where a sum cancels, since the error there is relative to the terms,
// not to the sum.
func certainWithin(y, bound float64) (float32, bool) {
	lo, hi := float32(y-bound), float32(y+bound)
	return hi, lo == hi
}

// geluDerivativeFloat64 is GELUDerivative's float64 path, its pieces with
// float64 coefficients and steps. Below |x| = 1, 1/2 + 2x*H(t) with one FMA
// at the end: H is off by a few 2^-53 relative, so d by that much of
// |2x*H| plus a rounding of d. Above, e*v with e = e^(-a^2/2) and v =
// W(a) - a/sqrt(2*pi) from one FMA, e, W and the constant each off by a
// few 2^-53 relative, so e*v by that much of e*(W + a/sqrt(2*pi)) plus a
// rounding; 1 - e*v for x > 0 adds a rounding of its own. Each bound below
// is 2^-45 times those terms, and the certainty test takes it as absolute,
// so that it holds through the cancellation near the root at x = -0.7518,
// whose neighbours fall back.
func geluDerivativeFloat64(x float32) (float32, bool) {
	xf := float64(x)
	a := math.Abs(xf)
	if a < 1 {
		t := float64(xf * xf)
		h := 0.0
		for _, c := range geluDerivativeSeries {
			h = math.FMA(h, t, c)
		}
		m := float64(2 * xf * h)
		d := math.FMA(2*xf, h, 0.5)
		return certainWithin(d, 0x1p-45*(math.Abs(m)+math.Abs(d)))
	}
	a = min(a, geluTailLimit)
	w := millsFloat64(a)
	s, q := expReducedFloat64(-0.5 * float64(a*a))
	e := math.FMA(s, q, s)
	p := float64(e * math.FMA(-a, geluSeriesHi[0], w))
	bound := 0x1p-45 * float64(e*float64(w+float64(a*geluSeriesHi[0])))
	if xf < 0 {
		return certainWithin(p, bound)
	}
	d := 1 - p
	return certainWithin(d, bound+0x1p-45*d)
}

// geluDerivativeSeries holds the coefficients of H(t) = sum of (n+1)*g_n*t^n
// in float64, highest degree first: GELU's series (geluSeriesTail, then
// geluSeriesHi) with each g_n times n+1, rounded once.
var geluDerivativeSeries = func() []float64 {
	var h []float64
	for i, c := range geluSeriesTail {
		h = append(h, float64(float64(len(geluSeriesTail)-i+3)*c))
	}
	for k := len(geluSeriesHi) - 1; k >= 0; k-- {
		h = append(h, float64(float64(k+1)*geluSeriesHi[k]))
	}
	return h
}()
