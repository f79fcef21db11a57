package rounded

import "math"

// SiLU returns x*sigmoid(x) (also called swish) correctly rounded to
// float32.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below.
//
// The double-double sigmoid (see Sigmoid) is multiplied by the exact x with
// twoProd, which adds only 2^-104-sized errors. Near zero
// silu(x) = x/2 + x^2/4 - x^4/48 + ..., and the relative accuracy of
// sigmoid near 1/2 carries over to the product. The sigmoid argument is
// clamped to [-200, 200]; x itself is not, so silu(x) = x for large x and
// x*sigmoid(-200) rounds to -0 for x < -200, as the exact values do. The
// infinities are selected at the end (-Inf gives -0, +Inf gives +Inf), and
// a final select keeps silu(-0) = -0.
func SiLU(x float32) float32 {
	if r, ok := siluFloat64(x); ok {
		return r
	}
	return siluDoubleDouble(x)
}

// siluDoubleDouble is SiLU's double-double evaluation, correct on every
// input by itself (see the comment of SiLU).
func siluDoubleDouble(x float32) float32 {
	xf := float64(x)
	sHi, sLo := sigmoidDD(clamp(xf, -expArgLimit, expArgLimit))
	pHi, pLo := twoProd(xf, sHi)
	r := roundToFloat32(pHi, pLo+float64(xf*sLo))
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
