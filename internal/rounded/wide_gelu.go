package rounded

import "math"

// GELU's binary64 forms follow GELU and GELUDerivative: the series of
// Phi(x) - 1/2 near zero, and the Mills ratio fits times e^(-a^2/2) in the
// tails. What changes for float64: t = x^2 and a^2 are no longer exact,
// so they are double-doubles, and the series takes t's low part through
// its slope; the tail reaches a = 38.9 (farTailPieces), with e^(-a^2/2)'s
// 2^k applied last.

// geluWideTailLimit bounds the tail: GELU(x) rounds to -0 below -38.6, and
// its derivative to -0 there too; -a^2/2 stays within expWide's range.
const geluWideTailLimit = 38.9

// geluWidePositiveLimit bounds a for x > 0, where only 1 - Q(a) is needed:
// Q(27) is below 2^-520, and 2^k stays normal.
const geluWidePositiveLimit = 27

// slope returns the derivative at t of the polynomial whose coefficients c
// are listed highest degree first, in float64: the low part of t enters
// the series through it.
func slope(c []float64, t float64) float64 {
	acc := 0.0
	for i, coef := range c[:len(c)-1] {
		acc = math.FMA(acc, t, float64(float64(len(c)-1-i)*coef))
	}
	return acc
}

// geluSeriesAll is G's coefficients, highest degree first, in float64.
var geluSeriesAll = append(append([]float64(nil), geluSeriesTail[:]...), geluSeriesHi[2], geluSeriesHi[1], geluSeriesHi[0])

// normalTailWide returns Q(a) = Phi(-a) as 2^k*(hi+lo) for
// 1 <= a <= geluWideTailLimit: W(a) from its piece times e^(-a^2/2), a^2
// a double-double.
func normalTailWide(a float64) (k, hi, lo float64) {
	wHi, wLo := millsWide(a)
	sq, sqErr := twoProd(a, a)
	k, eHi, eLo := expWide(-0.5*sq, -0.5*sqErr)
	hi, lo = ddMul(eHi, eLo, wHi, wLo)
	return k, hi, lo
}

// millsWide returns W(a) = Phi(-a)*e^(a^2/2) for 1 <= a <= 39, from the
// piece of normalTailPieces or farTailPieces that a falls in.
func millsWide(a float64) (hi, lo float64) {
	piece := millsPiece(a)
	for i := range farTailPieces {
		if a >= farTailPieces[i].start {
			piece = &farTailPieces[i]
		}
	}
	return millsFrom(piece, a)
}

// phiNearZero returns Phi(x) = 1/2 + x*G(x^2) for |x| <= 1 as a
// double-double: G's steps as in geluNearZero, in t = x^2's high part,
// and t's low part times G's slope.
func phiNearZero(x float64) (hi, lo float64) {
	t, tLo := twoProd(x, x)
	gHi, gLo := geluSeries(t)
	gLo += float64(tLo * slope(geluSeriesAll, t))
	m, mErr := twoProd(x, gHi)
	mErr += float64(x * gLo)
	s, se := fastTwoSum(0.5, m) // |m| < 0.35
	return s, se + mErr
}

// tailSide picks, by x's side, among the near-zero value hi+lo (for
// |x| < 1) and a tail's 2^k*(qHi+qLo), |qHi| < 1/2: that value for
// x <= -1, with its k, and 1 minus it for x >= 1, where k is normal.
func tailSide(x, hi, lo, k, qHi, qLo float64) (float64, float64, float64) {
	scale := 0.0
	if x >= 1 {
		s := pow2(k)
		q, qe := fastTwoSum(1, -float64(qHi*s))
		hi, lo = q, qe-float64(qLo*s)
	}
	if x <= -1 {
		hi, lo, scale = qHi, qLo, k
	}
	return hi, lo, scale
}

// GELU64 returns x*Phi(x) within 1 ulp; GELU64(-Inf) is -0, as is every x
// below -geluWideTailLimit, where the value rounds to it. Phi(x) is
// phiNearZero for |x| < 1, else Q(|x|) for x < 0 (2^k kept for the end)
// and 1 - Q(x) for x > 0, as GELU does.
func GELU64(x float64) float64 {
	pHi, pLo := phiNearZero(clamp(x, -1, 1))
	a := clamp(math.Abs(x), 1, geluWideTailLimit)
	if x > 0 {
		a = math.Min(a, geluWidePositiveLimit)
	}
	k, qHi, qLo := normalTailWide(a)
	pHi, pLo, scale := tailSide(x, pHi, pLo, k, qHi, qLo)
	return productSpecials(x, timesWide(x, pHi, pLo, scale), -geluWideTailLimit)
}

// GELUDerivative64 returns Phi(x) + x*phi(x) within 1 ulp: 1 at +Inf, -0
// at -Inf. As GELUDerivative: 1/2 + 2x*H(x^2) for |x| < 1 (t's low part
// through H's slope), and e^(-a^2/2)*(W(a) - a/sqrt(2*pi)) for x <= -1,
// 1 minus it for x >= 1; the series near the root at -0.7518.
func GELUDerivative64(x float64) float64 {
	xn := clamp(x, -1, 1)
	t, tLo := twoProd(xn, xn)
	hHi, hLo := geluSlopeSeries(t)
	hLo += float64(tLo * slope(geluDerivativeSeries, t))
	m, mErr := twoProd(2*xn, hHi)
	mErr += float64(2 * xn * hLo)
	s, sErr := twoSum(0.5, m)
	hi, lo := s, sErr+mErr

	a := clamp(math.Abs(x), 1, geluWideTailLimit)
	if x > 0 {
		a = math.Min(a, geluWidePositiveLimit)
	}
	wHi, wLo := millsWide(a)
	cHi, cLo := twoProd(a, geluSeriesHi[0]) // a/sqrt(2*pi)
	cLo += float64(a * geluSeriesLo[0])
	v, ve := twoSum(wHi, -cHi)
	vHi, vLo := fastTwoSum(v, ve+(wLo-cLo))
	sq, sqErr := twoProd(a, a)
	k, eHi, eLo := expWide(-0.5*sq, -0.5*sqErr)
	pHi, pLo := ddMul(eHi, eLo, vHi, vLo)
	hi, lo, scale := tailSide(x, hi, lo, k, pHi, pLo)
	r := scaleWide(hi, lo, scale)
	if geluDerivativeRoot.near(x) {
		r = geluDerivativeRoot.eval(x)
	}
	if x < -geluWideTailLimit {
		r = math.Copysign(0, -1)
	}
	if x != x {
		r = quietNaN64(x)
	}
	return r
}
