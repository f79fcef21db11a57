package kernels

// riscv64 runs the generic path only, and RISC-V arithmetic never
// propagates a NaN operand: every NaN result of FMUL.S and FADD.S is the
// canonical NaN, 0x7fc00000, whatever the operands' signs and payloads
// (unprivileged ISA, F extension, "NaN Generation and Propagation"). The
// kernels' plain products and sums give it already; the rules below give
// the same for the two-NaN cases that the generic path handles apart.

// canonicalNaN is RISC-V's only NaN result.
const canonicalNaN = 0x7fc00000

// nanAlphaProduct returns the bits of alpha*v for a NaN alpha.
func nanAlphaProduct(a, v uint32) uint32 { return canonicalNaN }

// sumOfNaNs returns the bits of s+d when both are NaN.
func sumOfNaNs(s, d uint32) uint32 { return canonicalNaN }
