package kernels

// nanAlphaProduct returns the bits of alpha*v for a NaN alpha (a is its
// bits, v the other operand's) as the amd64 kernels compute it, in every
// build on amd64 (purego included), so that every path on one machine gives
// the same bits. VMULPS (AVX2 and AVX-512 alike, with v as the first source
// operand) returns the first source's NaN when both are NaN, else the NaN
// one, quieted either way (Intel SDM vol. 1, table 4-7).
func nanAlphaProduct(a, v uint32) uint32 {
	if v&bitsAbs > bitsInf {
		return v | bitsQuiet
	}
	return a | bitsQuiet
}

// sumOfNaNs returns the bits of s+d when both are NaN (s and d their bits), as
// the amd64 kernels add: VADDPS with s (src, or the running sum) as the
// first source operand returns that operand's NaN, quieted.
func sumOfNaNs(s, d uint32) uint32 { return s | bitsQuiet }
