package rounded

import "math"

// GELUTanhDerivative returns the derivative of GELUTanh correctly rounded
// to float32: GELUTanh's gradient is grad times it. With GELUTanh(x) =
// x*sigmoid(v), v = k*(x + c*x^3), k = 2*sqrt(2/pi), c = 0.044715 (exact
// reals), it is
//
//	d(x) = sigmoid(v)*(1 + x*sigmoid(-v)*v'),   v' = k*(1 + 3c*x^2),
//
// SiLUDerivative's form at v, and 1 at +Inf, -0 at -Inf (the limits).
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below. v is GELUTanh's double-double argument, both sigmoids
// take it whole, and v' is a double-double from x^2, which is exact. The
// factor 1 + x*sigmoid(-v)*v' cancels near x = -1.5, where d crosses zero;
// its error stays near 2^-57 absolute there, which the exhaustive check
// shows to be enough. x is clamped to [-geluTanhLimit, geluTanhLimit]
// everywhere: d rounds to -0 below and to 1 above.
func GELUTanhDerivative(x float32) float32 {
	if r, ok := geluTanhDerivativeFloat64(x); ok {
		return r
	}
	return geluTanhDerivativeDoubleDouble(x)
}

// geluTanhDerivativeDoubleDouble is GELUTanhDerivative's double-double
// evaluation, for the inputs that geluTanhDerivativeFloat64 leaves to it.
func geluTanhDerivativeDoubleDouble(x float32) float32 {
	xc := clamp(float64(x), -geluTanhLimit, geluTanhLimit)
	vHi, vLo := geluTanhArg(xc)
	sHi, sLo := sigmoidDDPair(vHi, vLo)
	cHi, cLo := sigmoidDDPair(-vHi, -vLo)

	// v' = k*(1 + 3c*x^2)
	x2 := float64(xc * xc)
	c3, c3e := twoProd(3, geluTanhCoefHi)
	c3e += float64(3 * geluTanhCoefLo)
	p, pe := twoProd(c3, x2)
	pe += float64(c3e * x2)
	u, ue := twoSum(1, p)
	uHi, uLo := fastTwoSum(u, ue+pe)
	dvHi, dvLo := ddMul(uHi, uLo, twoSqrt2OverPiHi, twoSqrt2OverPiLo)

	mHi, mLo := ddMul(cHi, cLo, dvHi, dvLo)
	mHi, mLo = ddMul(mHi, mLo, xc, 0)
	f, fe := twoSum(1, mHi)
	fHi, fLo := fastTwoSum(f, fe+mLo)
	r := roundToFloat32(ddMul(sHi, sLo, fHi, fLo))
	if x != x {
		r = quietNaN(x)
	}
	return r
}

// sigmoidDDPair returns sigmoid(vHi+vLo) as a double-double, for
// |vHi| <= expArgLimit: 1/(2 + expm1(-v)), as sigmoidDD.
func sigmoidDDPair(vHi, vLo float64) (hi, lo float64) {
	mHi, mLo := expm1DDPair(-vHi, -vLo)
	dHi, de := twoSum(2, mHi)
	return ddDiv(1, 0, dHi, de+mLo)
}

// geluTanhDerivativeFloat64 is GELUTanhDerivative's float64 path, as
// siluDerivativeFloat64 at v: E = e^-v, s = 1/(1 + E), d = s*(1 +
// x*(E*s)*v'). v is off by a few 2^-53 relative, which moves E by |v|
// times that, relative; the rest is SiLUDerivative's analysis, so the
// bound is 2^-46*(1 + |v|) times the terms of the cancelling sum, as an
// absolute bound.
func geluTanhDerivativeFloat64(x float32) (float32, bool) {
	xc := clamp(float64(x), -geluTanhLimit, geluTanhLimit)
	x2 := float64(xc * xc)
	v := float64(xc*twoSqrt2OverPiHi) * math.FMA(geluTanhCoefHi, x2, 1)
	dv := twoSqrt2OverPiHi * math.FMA(3*geluTanhCoefHi, x2, 1)
	s, q := expReducedFloat64(-v)
	e := math.FMA(s, q, s)
	sig := 1 / (1 + e)
	m := float64(xc*float64(e*sig)) * dv
	d := sig * (1 + m)
	return certainWithin(d, 0x1p-46*(1+math.Abs(v))*(math.Abs(float64(sig*m))+math.Abs(d)))
}
