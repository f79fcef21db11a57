package rounded

import "math"

// GELUDerivative returns the derivative of GELU, d(x) = Phi(x) + x*phi(x)
// with phi(x) = e^(-x^2/2)/sqrt(2*pi), correctly rounded to float32: GELU's
// gradient is grad times it. It is 1 at +Inf and -0 at -Inf, the limits.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below, which follows GELU's pieces:
//   - |x| < 1: d(x) = 1/2 + 2x*H(x^2), H(t) = sum of (n+1)*g_n*t^n where
//     G(t) = sum of g_n*t^n is GELU's series (GELU(x) = x/2 + x^2*G(x^2)),
//     H's first three coefficients in double-double;
//   - |x| >= 1, a = |x|: Phi(-a) - a*phi(a) = e^(-a^2/2)*(W(a) -
//     a/sqrt(2*pi)), W GELU's fit of the Mills ratio, is d(x) for x < 0,
//     and 1 minus it for x > 0.
//
// d crosses zero at x = -0.7518, where 1/2 + 2x*H cancels: the double-double
// keeps its error near 2^-60 absolute, which the exhaustive check shows to
// be enough at every float32 near that root. a is clamped to geluTailLimit,
// beyond which d rounds to -0 below and to 1 above.
func GELUDerivative(x float32) float32 {
	if r, ok := geluDerivativeFloat64(x); ok {
		return r
	}
	return geluDerivativeDoubleDouble(x)
}

// geluDerivativeDoubleDouble is GELUDerivative's double-double evaluation,
// for the inputs that geluDerivativeFloat64 leaves to it.
func geluDerivativeDoubleDouble(x float32) float32 {
	xf := float64(x)

	xn := clamp(xf, -1, 1)
	t := float64(xn * xn)
	hHi, hLo := geluSlopeSeries(t)
	m, mErr := twoProd(2*xn, hHi)
	mErr += float64(2 * xn * hLo)
	s, sErr := twoSum(0.5, m)
	hi, lo := s, sErr+mErr

	a := clamp(math.Abs(xf), 1, geluTailLimit)
	wHi, wLo := millsDD(a)
	cHi, cLo := twoProd(a, geluSeriesHi[0]) // a/sqrt(2*pi)
	cLo += float64(a * geluSeriesLo[0])
	v, ve := twoSum(wHi, -cHi)
	vHi, vLo := fastTwoSum(v, ve+(wLo-cLo))
	eHi, eLo := expDD(-0.5 * float64(a*a))
	pHi, pLo := ddMul(eHi, eLo, vHi, vLo)
	if xf > 0 {
		q, qe := twoSum(1, -pHi)
		pHi, pLo = q, qe-pLo
	}
	if math.Abs(xf) >= 1 {
		hi, lo = pHi, pLo
	}

	r := roundToFloat32(hi, lo)
	if x != x {
		r = quietNaN(x)
	}
	return r
}

// geluSlopeSeries returns H(t) = sum of (n+1)*g_n*t^n as a double-double:
// the terms from t^3 on in float64 Horner, t^0..t^2 in double-double.
func geluSlopeSeries(t float64) (hi, lo float64) {
	acc := 0.0
	for _, c := range geluDerivativeSeries[:len(geluSeriesTail)] {
		acc = math.FMA(acc, t, c)
	}
	hi, lo = acc, 0.0
	for k := len(geluSeriesHi) - 1; k >= 0; k-- {
		cHi, cLo := twoProd(float64(k+1), geluSeriesHi[k])
		hi, lo = ddMulAdd(hi, lo, t, cHi, cLo+float64(float64(k+1)*geluSeriesLo[k]))
	}
	return hi, lo
}
