package f64

import "github.com/fastrelu/fastrelu/internal/lanemath"

// The operations of the generic kernels (generic_kernels.go, generated from
// the kernel descriptions), as package kernels has them for float32: masks
// of bits for m(x) and the compares, selects on integers, and the
// additions and the products that may meet two NaNs through the
// architecture's NaN rule (internal/lanemath), so that the bits never
// depend on the order the compiler puts operands in.

// keepMask returns all ones when m(x) is false (x > 0 or x is NaN), so that
// x passes through, and zero when m(x) is true (x <= 0). b is x's bits.
func keepMask(b uint64) uint64 {
	nan := uint64(int64(0x7ff0000000000000-(b&0x7fffffffffffffff)) >> 63) // |x| above +Inf
	// 0-b is negative for a positive b, and for -0 too (it wraps), which
	// the and with ^b (sign clear only for the negatives) leaves out.
	positive := uint64(((0 - int64(b)) & ^int64(b)) >> 63)
	return nan | positive
}

// keepUnless returns all ones when c is false and zero when it is true.
func keepUnless(c bool) uint64 {
	var r uint64
	if c {
		r = 1
	}
	return r - 1
}

// addNaNRule returns s + d, one binary64 addition, s first in the NaN rule.
func addNaNRule(s, d float64) float64 { return lanemath.Add64(s, d) }

// unitFactors are 1 and -1 as variables, for the generic kernels' products
// with those constants (the smooth gradients from the output): Go rewrites
// x*1 as x and x*-1 as -x, which keep a signaling NaN signaling and flip a
// NaN's sign, where every other path's multiplication quiets it and keeps
// its sign.
var unitFactors = [2]float64{1, -1}

// softplusLinear is where softplus(x) rounds to x for every float64 above
// it: e^-x is below half an ulp of x (e^-34 < 2^-48).
const softplusLinear = 34
