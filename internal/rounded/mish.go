package rounded

import "math"

// mishArgLimit clamps the argument of tanh(softplus(x)): above it the factor
// is within 2e^-40 of 1, so x times it rounds to x.
const mishArgLimit = 20

// Mish returns x*tanh(softplus(x)) correctly rounded to float32.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below.
//
// With E = e^x, tanh(log(1+E)) = n/(n+2) where n = E*(E+2), an identity
// with no cancellation for any x: every term is positive. E comes from
// expDD, the products, sums and quotient are double-double operations, and
// the final product with the exact x is a twoProd, so the relative error of
// the result stays near that of E (about 2^-57). Near zero mish(x) is
// x*tanh(ln2) + ..., an irrational multiple of x, so no dyadic structure
// puts it on a float32 midpoint. The argument of the factor is clamped to
// [-200, 20]; x itself is not, and the infinities are selected at the end
// (+Inf gives +Inf, -Inf gives -0), as is mish(-0) = -0.
func Mish(x float32) float32 {
	if r, ok := mishFloat64(x); ok {
		return r
	}
	return mishDoubleDouble(x)
}

// mishDoubleDouble is Mish's double-double evaluation, correct on every
// input by itself (see the comment of Mish).
func mishDoubleDouble(x float32) float32 {
	xf := float64(x)
	eHi, eLo := expDD(clamp(xf, -expArgLimit, mishArgLimit))
	fHi, fe := twoSum(2, eHi)
	nHi, nLo := ddMul(eHi, eLo, fHi, fe+eLo)
	gHi, ge := twoSum(2, nHi)
	tHi, tLo := ddDiv(nHi, nLo, gHi, ge+nLo)
	pHi, pLo := twoProd(xf, tHi)
	r := roundToFloat32(pHi, pLo+float64(xf*tLo))
	if x == 0 || x > math.MaxFloat32 {
		r = x
	}
	if x < -math.MaxFloat32 {
		r = float32(math.Copysign(0, -1))
	}
	if x != x {
		r = quietNaN(x)
	}
	return r
}
