package rounded

import "math"

// SiLUDerivative returns the derivative of SiLU, d(x) = sigmoid(x)*(1 +
// x*(1 - sigmoid(x))), correctly rounded to float32: SiLU's gradient is
// grad times it. It is 1 at +Inf and -0 at -Inf, the limits.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below. It writes 1 - sigmoid(x) as sigmoid(-x), which does
// not cancel, and d as sigmoid(x)*f with f = 1 + x*sigmoid(-x). f cancels
// near x = -1.2785, where d crosses zero: the double-double keeps the error
// of f near 2^-57 absolute, which the exhaustive check shows to be enough
// at every float32 near that root. Near zero d(x) = 1/2 + x/2 - x^3/12 +
// ..., the structure of Sigmoid's (1/2 + x/2 can be a float32 midpoint,
// and -x^3/12 decides), which the double-double's error, relative to the
// terms, resolves as it does Sigmoid's. The sigmoid arguments are clamped
// to [-200, 200]; x in the product is not, so d rounds to 1 above and to
// -0 below, as the exact values do.
func SiLUDerivative(x float32) float32 {
	if r, ok := siluDerivativeFloat64(x); ok {
		return r
	}
	return siluDerivativeDoubleDouble(x)
}

// siluDerivativeDoubleDouble is SiLUDerivative's double-double evaluation,
// for the inputs that siluDerivativeFloat64 leaves to it.
func siluDerivativeDoubleDouble(x float32) float32 {
	xf := float64(x)
	xc := clamp(xf, -expArgLimit, expArgLimit)
	sHi, sLo := sigmoidDD(xc)
	cHi, cLo := sigmoidDD(-xc)
	pHi, pLo := twoProd(xf, cHi)
	pLo += float64(xf * cLo)
	f, fe := twoSum(1, pHi)
	fHi, fLo := fastTwoSum(f, fe+pLo)
	r := roundToFloat32(ddMul(sHi, sLo, fHi, fLo))
	if x > math.MaxFloat32 {
		r = 1
	}
	if x < -math.MaxFloat32 {
		r = float32(math.Copysign(0, -1))
	}
	if x != x {
		r = quietNaN(x)
	}
	return r
}
