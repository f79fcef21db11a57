package kernels

import "math"

// The operations of the generic path (generic_kernels.go, generated from
// the kernel descriptions): pure Go, the fallback on every platform without
// assembly and under the purego build tag. Go does not vectorise, so speed
// comes from avoiding branches: a data-dependent "if x <= 0" mispredicts
// about half the time on the random-sign pre-activations of a real network,
// so m(x) is a mask of bits and every select is on integers (a conditional
// move).
//
// Every addition goes through addNaNRule and every product that may have
// two NaN operands through mulNaNRule: the two places where IEEE 754 leaves
// the result open (one of the two NaNs, quieted). On one machine every path
// must give the same bits, so when both operands are NaN these two pick the
// NaN the architecture's vector instruction picks (sumOfNaNs and
// nanAlphaProduct, in nanrule_GOARCH.go), whatever order the compiler puts
// the operands of + and * in. The test for that is one predictable branch
// per element.

// keepMask returns all ones when m(x) is false (x > 0 or x is NaN), so that
// x passes through, and zero when m(x) is true (x <= 0). b is x's bits.
func keepMask(b uint32) uint32 {
	nan := uint32(int32(0x7f800000-(b&0x7fffffff)) >> 31) // |x| above +Inf: NaN
	positive := uint32((0 - int64(int32(b))) >> 63)       // sign clear and not +0
	return nan | positive
}

// keepUnless returns all ones when c is false and zero when it is true: a
// Compare's mask in keepMask's sense, from a float comparison (ordered:
// false for a NaN operand) set into a register without a branch.
func keepUnless(c bool) uint32 {
	var r uint32
	if c {
		r = 1
	}
	return r - 1
}

// addNaNRule returns s + d, one binary32 addition. The operands are named
// as the kernels use them: the running sum (or src) first.
func addNaNRule(s, d float32) float32 {
	r := s + d
	if r != r && s != s && d != d {
		return math.Float32frombits(sumOfNaNs(math.Float32bits(s), math.Float32bits(d)))
	}
	return r
}

// unitFactors are 1 and -1 as variables, for the generic kernels' products
// with those constants: Go rewrites x*1 as x and x*-1 as -x, which keep a
// signaling NaN signaling and flip a NaN's sign, where the multiplication
// of every other path quiets it and keeps its sign.
var unitFactors = [2]float32{1, -1}

// mulNaNRule returns a*g, one binary32 multiplication (a is alpha or the
// slope, g the value it scales). The explicit conversion keeps the compiler
// from fusing the product into a later addition.
func mulNaNRule(a, g float32) float32 {
	r := float32(a * g)
	if r != r && a != a && g != g {
		return math.Float32frombits(nanAlphaProduct(math.Float32bits(a), math.Float32bits(g)))
	}
	return r
}

// softplusLinear is where softplus(x) rounds to x for every float32 above
// it: e^-x is below half an ulp of x.
const softplusLinear = 15
