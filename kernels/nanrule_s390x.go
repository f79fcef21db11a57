package kernels

// nanAlphaProduct returns the bits of alpha*v for a NaN alpha (a is its
// bits, v the other operand's). s390x runs the generic path only. Its BFP
// instructions (MEEBR, AEBR) pick a signaling NaN first, operand 1 before
// operand 2, then a quiet NaN, operand 1 first, and quiet it
// (z/Architecture Principles of Operation, "Binary-Floating-Point
// Instructions", results for NaN operands): Arm's order. The rule is spelled
// out rather than left to the multiplication because the compiler may put
// either operand first; it takes alpha as operand 1: alpha's NaN, unless
// alpha is quiet and v is a signaling NaN.
func nanAlphaProduct(a, v uint32) uint32 {
	if a&bitsQuiet != 0 && v&bitsAbs > bitsInf && v&bitsQuiet == 0 {
		return v | bitsQuiet
	}
	return a | bitsQuiet
}

// sumOfNaNs returns the bits of s+d when both are NaN (s and d their bits),
// s (src, or the running sum) as operand 1: a signaling NaN first, then s.
func sumOfNaNs(s, d uint32) uint32 {
	if s&bitsQuiet != 0 && d&bitsQuiet == 0 {
		return d | bitsQuiet
	}
	return s | bitsQuiet
}
