//go:build !purego && !noasm

package kernels

// The amd64 assembly kernels, in kernels_amd64.s. Each takes valid
// arguments only (the public functions check them): slices of equal length,
// dst either identical to an input or disjoint from it. Each handles the
// whole slice in one call, tail included, and never reads or writes outside
// the slices. None keeps a reference to a slice, hence //go:noescape: a
// caller's stack array stays on the stack.
//
// The avx2 kernels need AVX2 (VEX-encoded AVX instructions only, in fact);
// the avx512 kernels need AVX512F, and AVX2 since they run the avx2 kernel
// for n < 16.

// The dispatch entry points: each jumps to the kernel of the active path
// (useAVX512, useAVX2, else the generic Go function), arguments in place.

//go:noescape
func reluAsm(dst, src []float32)

//go:noescape
func leakyReLUAsm(dst, src []float32, alpha float32)

//go:noescape
func reluGradAsm(dst, grad, x []float32)

//go:noescape
func leakyReLUGradAsm(dst, grad, x []float32, alpha float32)

// The kernels, the rows of the implementation table.

//go:noescape
func reluAVX2(dst, src []float32)

//go:noescape
func leakyReLUAVX2(dst, src []float32, alpha float32)

//go:noescape
func reluGradAVX2(dst, grad, x []float32)

//go:noescape
func leakyReLUGradAVX2(dst, grad, x []float32, alpha float32)

//go:noescape
func reluAVX512(dst, src []float32)

//go:noescape
func leakyReLUAVX512(dst, src []float32, alpha float32)

//go:noescape
func reluGradAVX512(dst, grad, x []float32)

//go:noescape
func leakyReLUGradAVX512(dst, grad, x []float32, alpha float32)
