package rounded

// expm1ArgLimit clamps Expm1's argument: above it e^x - 1 is far beyond
// MaxFloat32 (so the result rounds to +Inf, +Inf included), below it
// e^x - 1 rounds to -1 (-Inf included).
const expm1ArgLimit = 100

// Expm1 returns e^x - 1 correctly rounded to float32 (the core of ELU).
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below.
//
// It is expm1DD rounded once; see exp.go for the error argument. Near zero
// the reduction gives k = 0 and r = x exactly, so e^x - 1 = x + x^2/2 + ...
// is relatively accurate down to the subnormals. Expm1(-0) = -0 is kept by
// a final select: the sum inside expm1DD would give +0.
func Expm1(x float32) float32 {
	if r, ok := expm1Float64(x); ok {
		return r
	}
	return expm1DoubleDouble(x)
}

// expm1DoubleDouble is Expm1's double-double evaluation, correct on every
// input by itself (see the comment of Expm1).
func expm1DoubleDouble(x float32) float32 {
	xc := clamp(float64(x), -expm1ArgLimit, expm1ArgLimit)
	r := roundToFloat32(expm1DD(xc))
	if x == 0 {
		r = x
	}
	if x != x {
		r = quietNaN(x)
	}
	return r
}
