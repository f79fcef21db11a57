//go:build !(386 || amd64 || arm64 || ppc64 || ppc64le || riscv64 || s390x)

package kernels

import "math"

// The architectures whose NaN rule no file spells out run the generic path
// only, and take the CPU's own answer for two NaN operands: one
// multiplication and one addition, each in a function of its own, so that
// every call site gets the same operand order whatever the compiler does
// with the operands of * and + elsewhere.

// nanAlphaProduct returns the bits of alpha*v for a NaN alpha (a is its
// bits, v the other operand's).
//
//go:noinline
func nanAlphaProduct(a, v uint32) uint32 {
	return math.Float32bits(math.Float32frombits(a) * math.Float32frombits(v))
}

// sumOfNaNs returns the bits of s+d when both are NaN: whatever this CPU's
// addition gives, the one answer on a machine that runs the generic path only.
//
//go:noinline
func sumOfNaNs(s, d uint32) uint32 {
	return math.Float32bits(math.Float32frombits(s) + math.Float32frombits(d))
}
