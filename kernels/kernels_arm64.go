//go:build !purego && !noasm

package kernels

// NEON kernels, in kernels_arm64.s. Each takes valid arguments only: slices
// of equal length (len(dst) is the count), dst identical to an input or
// disjoint from it. They read and write nothing outside the slices.

//go:noescape
func reluNEON(dst, src []float32)

//go:noescape
func leakyReLUNEON(dst, src []float32, alpha float32)

//go:noescape
func reluGradNEON(dst, grad, x []float32)

//go:noescape
func leakyReLUGradNEON(dst, grad, x []float32, alpha float32)
