package rounded

// Sigmoid returns 1/(1+e^-x) correctly rounded to float32.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below.
//
// It is computed as 1/(2 + expm1(-x)) in double-double. Writing the
// denominator as 2 + expm1(-x) rather than 1 + e^-x keeps the structure of
// the exact value near zero, where sigmoid(x) = 1/2 + x/4 - x^3/48 + ...:
// 1/2 + x/4 can sit exactly on a float32 midpoint (x a multiple of 2^-24),
// and only the x^3/48 term decides the rounding. Here the error of the
// result is relative to expm1(-x), about 2^-57 * |x|/4 absolute near zero,
// while the distance of such a structured value from its midpoint is about
// |x|^3/48, larger whenever |x| is large enough (2^-26 or so) for 1/2 + x/4
// to reach a midpoint at all. Elsewhere the relative error of the
// double-double (near 2^-57) is far below the float32 spacing, and the
// exhaustive check settles the rest.
//
// The argument is clamped to [-200, 200]: sigmoid rounds to 0 below and to
// 1 above well inside that range, and the exponential core needs it.
func Sigmoid(x float32) float32 {
	if r, ok := sigmoidFloat64(x); ok {
		return r
	}
	return sigmoidDoubleDouble(x)
}

// sigmoidDoubleDouble is Sigmoid's double-double evaluation, correct on every
// input by itself (see the comment of Sigmoid).
func sigmoidDoubleDouble(x float32) float32 {
	xc := clamp(float64(x), -expArgLimit, expArgLimit)
	r := roundToFloat32(sigmoidDD(xc))
	if x != x {
		r = quietNaN(x)
	}
	return r
}

// sigmoidDD is Sigmoid before its final rounding, for SiLU; x must be
// finite and within [-expArgLimit, expArgLimit].
func sigmoidDD(x float64) (hi, lo float64) {
	mHi, mLo := expm1DD(-x)
	dHi, de := twoSum(2, mHi)
	return ddDiv(1, 0, dHi, de+mLo)
}
