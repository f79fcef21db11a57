package kernels

// nanAlphaProduct returns the bits of alpha*v for a NaN alpha (a is its
// bits, v the other operand's). 386 runs the generic path only; Go compiles
// its float32 arithmetic to SSE2 (MULSS, ADDSS), whose rule is VMULPS's
// (Intel SDM vol. 1, table 4-7): the first source operand's NaN, quieted.
// The rule is spelled out rather than left to the multiplication because
// the compiler may put either operand first; it takes v first, as the
// amd64 kernels do, so that both x86 builds give the same bits.
func nanAlphaProduct(a, v uint32) uint32 {
	if v&bitsAbs > bitsInf {
		return v | bitsQuiet
	}
	return a | bitsQuiet
}

// sumOfNaNs returns the bits of s+d when both are NaN (s and d their bits):
// ADDSS with s (src, or the running sum) first, as on amd64.
func sumOfNaNs(s, d uint32) uint32 { return s | bitsQuiet }
