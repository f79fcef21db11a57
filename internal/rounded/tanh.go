package rounded

import "math"

// tanhArgLimit is where tanh is so close to ±1 that it rounds to ±1 with a
// wide margin (1 - tanh(20) is below 2^-56, the float32 spacing below 1 is
// 2^-24); clamping there keeps expm1(2|x|) finite.
const tanhArgLimit = 20

// Tanh returns tanh(x) correctly rounded to float32.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below.
//
// tanh(|x|) = E/(E+2) with E = expm1(2|x|), all in double-double: E is
// relatively accurate for tiny |x| (so tanh(x) ~ x keeps its relative
// accuracy down to the subnormals), E+2 is an exact TwoSum plus E's lo part,
// and the division adds only a few units of 2^-104. The sign is put back
// after rounding, which is symmetric; tanh(-0) = -0 falls out, since E = 0
// gives a +0 quotient that takes the sign of x.
func Tanh(x float32) float32 {
	if r, ok := tanhFloat64(x); ok {
		return r
	}
	return tanhDoubleDouble(x)
}

// tanhDoubleDouble is Tanh's double-double evaluation, correct on every
// input by itself (see the comment of Tanh).
func tanhDoubleDouble(x float32) float32 {
	a := math.Abs(float64(x))
	if a > tanhArgLimit {
		a = tanhArgLimit
	}
	eHi, eLo := expm1DD(2 * a)
	dHi, de := twoSum(2, eHi)
	qHi, qLo := ddDiv(eHi, eLo, dHi, de+eLo)
	r := roundToFloat32(qHi, qLo)
	r = math.Float32frombits(math.Float32bits(r) | math.Float32bits(x)&0x80000000)
	if x != x {
		r = quietNaN(x)
	}
	return r
}
