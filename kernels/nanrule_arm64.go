package kernels

// nanAlphaProduct returns the bits of alpha*v for a NaN alpha (a is its
// bits, v the other operand's) as the NEON kernels compute it, in every
// build on arm64 (purego included), so that every path on one machine gives
// the same bits. FMUL has alpha as its first operand, and Arm's
// FPProcessNaNs (with FPCR.DN = 0, Go's setting) picks a signaling NaN
// first, op1 before op2, then a quiet NaN, op1 before op2, and quiets it:
// alpha's NaN, unless alpha is quiet and v is a signaling NaN.
func nanAlphaProduct(a, v uint32) uint32 {
	if a&bitsQuiet != 0 && v&bitsAbs > bitsInf && v&bitsQuiet == 0 {
		return v | bitsQuiet
	}
	return a | bitsQuiet
}

// sumOfNaNs returns the bits of s+d when both are NaN (s and d their bits), as
// the NEON kernels add: FADD with s (src, or the running sum) as op1, under
// FPProcessNaNs: a signaling NaN first (op1, then op2), then op1's quiet NaN.
func sumOfNaNs(s, d uint32) uint32 {
	if s&bitsQuiet != 0 && d&bitsQuiet == 0 {
		return d | bitsQuiet
	}
	return s | bitsQuiet
}
