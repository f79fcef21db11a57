//go:build ppc64 || ppc64le

package kernels

// nanAlphaProduct returns the bits of alpha*v for a NaN alpha (a is its
// bits, v the other operand's). ppc64 and ppc64le run the generic path only.
// Power's FMULS and FADDS return the first NaN among FRA, FRB, FRC, in that
// order, signaling or not, quieted (Power ISA Book I, "Floating-Point
// Operations", NaN results). The rule is spelled out rather than left to
// the multiplication because the compiler may put either operand in FRA;
// it takes alpha first: alpha's NaN.
func nanAlphaProduct(a, v uint32) uint32 { return a | bitsQuiet }

// sumOfNaNs returns the bits of s+d when both are NaN: s (src, or the running
// sum) in FRA, as the vector paths of amd64 and arm64 take it first.
func sumOfNaNs(s, d uint32) uint32 { return s | bitsQuiet }
