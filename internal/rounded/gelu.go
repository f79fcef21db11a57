package rounded

import "math"

//go:generate sh -c "cd testdata && python3 gen_gelu.py > ../gelu_coeffs.go"
//go:generate sh -c "cd testdata && python3 gen_roots.py > ../wide_roots.go"

// GELU returns x*Phi(x) = x*erfc(-x/sqrt2)/2, Phi the standard normal
// distribution function (the erf form of GELU, exact), correctly rounded to
// float32. GELU(-Inf) is -0, the limit.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below.
//
// Near zero, |x| < 1: GELU(x) = x/2 + x^2*G(x^2) with G(t) the power series
// of (Phi(x) - 1/2)/x (see geluNearZero). x/2 is exact and stays the leading
// part of the double-double; the rest is relative to x^2, so at subnormal x,
// where x/2 can be exactly a float32 midpoint, the positive x^2*G(x^2)
// decides the rounding, as the exact value does.
//
// Elsewhere, with a = |x| and Q(a) = Phi(-a) the upper normal tail:
// GELU(x) = x*Q(a) for x < 0 and x*(1 - Q(a)) for x > 0, where
// 1 - Q(a) >= 1 - Q(1) > 0.8, so Q's relative error reaches the result at
// most scaled by 0.2. Q(a) = e^(-a^2/2) * W(a) (see normalTail): the
// exponential carries the steep fall of the negative tail, and its argument
// is exact, since a float32 squared fits in 48 bits. No 1 + erf
// cancellation appears anywhere.
//
// |x| is clamped to geluTailLimit for Q: GELU(x) for x <= -geluTailLimit is
// far below half the smallest subnormal and rounds to -0, which a select
// gives, and for x >= geluTailLimit x*(1 - Q) is x less a relative 2^-160
// or so, which rounds to x as the exact value does.
func GELU(x float32) float32 {
	if r, ok := geluFloat64(x); ok {
		return r
	}
	return geluDoubleDouble(x)
}

// geluDoubleDouble is GELU's double-double evaluation, correct on every
// input by itself (see the comment of GELU).
func geluDoubleDouble(x float32) float32 {
	xf := float64(x)
	nHi, nLo := geluNearZero(clamp(xf, -1, 1))

	qHi, qLo := normalTail(clamp(math.Abs(xf), 1, geluTailLimit))
	pHi, pLo := fastTwoSum(1, -qHi) // 1 - Q(a), Q(a) < 1
	pLo -= qLo
	if xf < 0 {
		pHi, pLo = qHi, qLo
	}
	hi, lo := twoProd(xf, pHi)
	lo += float64(xf * pLo)
	if math.Abs(xf) < 1 {
		hi, lo = nHi, nLo
	}

	r := roundToFloat32(hi, lo)
	if x == 0 || x > math.MaxFloat32 {
		r = x
	}
	if xf <= -geluTailLimit {
		r = float32(math.Copysign(0, -1))
	}
	if x != x {
		r = quietNaN(x)
	}
	return r
}

// geluTailLimit is where GELU stops evaluating Q: |GELU(-15)| is below
// 2^-160, and the fits of W end there.
const geluTailLimit = 15

// geluNearZero returns x/2 + x^2*G(x^2) as a double-double for |x| <= 1,
// G(t) = sum over n of (-1)^n t^n / (sqrt(2*pi) 2^n n! (2n+1)), so that
// x*G(x^2) = Phi(x) - 1/2. On t <= 1 the terms fall below 2^-64 of G by
// n = 16, where the series stops. The terms from t^3 on are at most 2^-8 of
// G and are summed in float64 Horner; t^0..t^2 have double-double
// coefficients and steps, so G carries a relative error near 2^-60. t = x^2
// is exact (float32 x), and so is x/2.
func geluNearZero(x float64) (hi, lo float64) {
	t := float64(x * x)
	gHi, gLo := geluSeries(t)
	m, mErr := twoProd(t, gHi)
	mErr += float64(t * gLo)
	s, sErr := twoSum(0.5*x, m)
	return s, sErr + mErr
}

// geluSeries returns G(t) as a double-double, the steps geluNearZero
// describes.
func geluSeries(t float64) (hi, lo float64) {
	acc := geluSeriesTail[0]
	for _, c := range geluSeriesTail[1:] {
		acc = math.FMA(acc, t, c)
	}
	hi, lo = acc, 0.0
	for k := len(geluSeriesHi) - 1; k >= 0; k-- {
		hi, lo = ddMulAdd(hi, lo, t, geluSeriesHi[k], geluSeriesLo[k])
	}
	return hi, lo
}

// normalTailPiece is the fit of W(a) = Phi(-a)*e^(a^2/2) on [start, next
// piece's start] in t = a - center, written by testdata/gen_gelu.py.
type normalTailPiece struct {
	start, center float64
	hi, lo        [5]float64  // double-double coefficients of t^0..t^4
	tail          [19]float64 // t^23..t^5, highest degree first
}

// normalTail returns Q(a) = Phi(-a) as a double-double for 1 <= a <= 15,
// with relative error near 2^-57.
//
// Q(a) = e^(-a^2/2) * W(a). W is smooth and slowly varying (W(a) is about
// 1/(a*sqrt(2*pi)) for large a, the Mills ratio over sqrt(2*pi)), so
// polynomial fits of degree 23 on four pieces reach 2^-65 relative or better
// (gen_gelu.py prints each piece's fit error). The piece is picked by
// compares on a (a SIMD version selects each coefficient among the four).
// t = a - center is exact: a is a float32 value in [start, 2*center - start],
// center a multiple of 1/4. The terms from t^5 on sum to about 2^-8 of W at
// most and go through float64 Horner (errors near 2^-60 of W); t^0..t^4
// have double-double coefficients and steps.
//
// -a^2/2 is exact (a has 24 significant bits), and expDD carries about
// 2^-57; the product of the two double-doubles adds 2^-104.
func normalTail(a float64) (hi, lo float64) {
	wHi, wLo := millsDD(a)
	eHi, eLo := expDD(-0.5 * float64(a*a))
	return ddMul(eHi, eLo, wHi, wLo)
}

// millsDD returns W(a) = Phi(-a)*e^(a^2/2) as a double-double for
// 1 <= a <= 15, from the piece of normalTailPieces that a falls in.
func millsDD(a float64) (hi, lo float64) {
	return millsFrom(millsPiece(a), a)
}

// millsFrom returns W(a) from piece's fit, which must cover a.
func millsFrom(piece *normalTailPiece, a float64) (hi, lo float64) {
	t := a - piece.center
	acc := piece.tail[0]
	for _, c := range piece.tail[1:] {
		acc = math.FMA(acc, t, c)
	}
	hi, lo = acc, 0.0
	for k := len(piece.hi) - 1; k >= 0; k-- {
		hi, lo = ddMulAdd(hi, lo, t, piece.hi[k], piece.lo[k])
	}
	return hi, lo
}

// millsPiece returns the piece of normalTailPieces whose fit covers a.
func millsPiece(a float64) *normalTailPiece {
	piece := &normalTailPieces[0]
	for i := 1; i < len(normalTailPieces); i++ {
		if a >= normalTailPieces[i].start {
			piece = &normalTailPieces[i]
		}
	}
	return piece
}
