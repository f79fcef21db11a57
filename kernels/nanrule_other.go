//go:build !amd64 && !arm64

package kernels

import "math"

// nanAlphaProduct returns the bits of alpha*v for a NaN alpha (a is its
// bits, v the other operand's). Architectures without assembly run the
// generic path only, so whatever the CPU's multiplication gives is the one
// answer on that machine.
func nanAlphaProduct(a, v uint32) uint32 {
	return math.Float32bits(math.Float32frombits(a) * math.Float32frombits(v))
}

// sumOfNaNs returns the bits of s+d when both are NaN: whatever this CPU's
// addition gives, the one answer on a machine that runs the generic path only.
func sumOfNaNs(s, d uint32) uint32 {
	return math.Float32bits(math.Float32frombits(s) + math.Float32frombits(d))
}
