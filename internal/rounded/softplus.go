package rounded

import "math"

// Softplus returns log(1+e^x) correctly rounded to float32.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below.
//
// softplus(x) = max(x, 0) + log1p(e^-|x|): the log1p argument stays in
// (0, 1], where log1pDD is accurate, and nothing overflows. e^-|x| and its
// log1p are double-doubles with relative error near 2^-57, and for x > 0 the
// final sum adds two positive values, so the relative error of the result is
// no worse. Near zero softplus(x) = ln2 + x/2 + x^2/8 + ..., whose leading
// term is irrational, so there is no dyadic structure that could put it on a
// float32 midpoint. |x| is clamped to 200 for the exponential core: beyond
// that e^-|x| is below 2^-288, which changes neither x (for x > 0) nor the
// rounding of a result that is already zero (for x < 0); x itself is used
// unclamped in max(x, 0), and +Inf is selected at the end.
func Softplus(x float32) float32 {
	if r, ok := softplusFloat64(x); ok {
		return r
	}
	return softplusDoubleDouble(x)
}

// softplusDoubleDouble is Softplus's double-double evaluation, correct on every
// input by itself (see the comment of Softplus).
func softplusDoubleDouble(x float32) float32 {
	xf := float64(x)
	a := math.Abs(xf)
	if a > expArgLimit {
		a = expArgLimit
	}
	uHi, uLo := expDD(-a)
	lHi, lLo := log1pDD(uHi, uLo)
	pos := 0.0
	if xf > 0 {
		pos = xf
	}
	s, e := twoSum(pos, lHi)
	r := roundToFloat32(s, e+lLo)
	if x > math.MaxFloat32 {
		r = x // +Inf
	}
	if x != x {
		r = quietNaN(x)
	}
	return r
}
