//go:build !purego && !noasm

package kernels

import (
	"github.com/fastrelu/fastrelu/internal/impl"
	"golang.org/x/sys/cpu"
)

// archImplementations returns the amd64 assembly rows, best first.
//
// golang.org/x/sys/cpu sets HasAVX2 only when the OS saves the YMM state
// (XCR0), and HasAVX512F only when it also saves the ZMM and opmask state,
// so these flags alone answer "may this process run these instructions".
// The avx512 kernels use AVX512F instructions only (ZMM loads and stores,
// compares into opmasks, merge-masked moves, multiplies and additions, and
// for the layer gradients' last columns KMOVW and opmask-masked loads and
// stores) and no CD, BW, DQ or VL; for n < 16 (the layer kernels: cols <
// 16) they run the avx2 kernels, hence AVX2 as well.
func archImplementations() []impl.Impl {
	avx512Missing := ""
	switch {
	case !cpu.X86.HasAVX512F:
		avx512Missing = "AVX512F (in the CPU, with ZMM and opmask state enabled by the OS)"
	case !cpu.X86.HasAVX2:
		avx512Missing = "AVX2"
	}
	avx2Missing := ""
	if !cpu.X86.HasAVX2 {
		avx2Missing = "AVX2 (in the CPU, with YMM state enabled by the OS)"
	}
	return []impl.Impl{
		{
			Name:          "avx512",
			Available:     cpu.X86.HasAVX512F && cpu.X86.HasAVX2,
			Missing:       avx512Missing,
			ReLU:          reluAVX512,
			LeakyReLU:     leakyReLUAVX512,
			ReLUGrad:      reluGradAVX512,
			LeakyReLUGrad: leakyReLUGradAVX512,

			BiasReLU:          biasReLUAVX512,
			BiasLeakyReLU:     biasLeakyReLUAVX512,
			ReLUGradBias:      reluGradBiasAVX512,
			LeakyReLUGradBias: leakyReLUGradBiasAVX512,
			PReLU:             preluAVX512,
			PReLUGrad:         preluGradAVX512,
		},
		{
			Name:          "avx2",
			Available:     cpu.X86.HasAVX2,
			Missing:       avx2Missing,
			ReLU:          reluAVX2,
			LeakyReLU:     leakyReLUAVX2,
			ReLUGrad:      reluGradAVX2,
			LeakyReLUGrad: leakyReLUGradAVX2,

			BiasReLU:          biasReLUAVX2,
			BiasLeakyReLU:     biasLeakyReLUAVX2,
			ReLUGradBias:      reluGradBiasAVX2,
			LeakyReLUGradBias: leakyReLUGradBiasAVX2,
			PReLU:             preluAVX2,
			PReLUGrad:         preluGradAVX2,
		},
	}
}

// The path in use, set once from active. The assembly entry points
// (reluAsm, reluStreamAsm and the others, generated into kernels_amd64.s)
// test these flags and jump to that path's kernel, or to the generic Go
// function. No function variables: a call through one would make every
// caller's slices escape to the heap. One direct call each, rather than a
// Go switch over three calls, so that the compiler inlines these functions
// into the public ones: that saves a call, about 1 ns of the 4 ns a call
// with n = 16 may take.
var (
	useAVX512 = active.Name == "avx512"
	useAVX2   = active.Name == "avx2"
)

// usePath makes the public functions dispatch to the row named name (the
// flags the entry points test) and returns a function that restores them.
// For tests only (registered with internal/impl).
func usePath(name string) (restore func()) {
	a, b := useAVX512, useAVX2
	useAVX512, useAVX2 = name == "avx512", name == "avx2"
	return func() { useAVX512, useAVX2 = a, b }
}

// The active path with regular stores.

func relu(dst, src []float32)                             { reluAsm(dst, src) }
func leakyReLU(dst, src []float32, alpha float32)         { leakyReLUAsm(dst, src, alpha) }
func reluGrad(dst, grad, x []float32)                     { reluGradAsm(dst, grad, x) }
func leakyReLUGrad(dst, grad, x []float32, alpha float32) { leakyReLUGradAsm(dst, grad, x, alpha) }

// The active path with non-temporal stores for the body (the *Stream
// kernels), for calls the caller has decided to stream. dst must be
// disjoint from the inputs or identical to one (then the kernels store as
// the plain ones do); any length and byte alignment.

func reluStream(dst, src []float32)                     { reluStreamAsm(dst, src) }
func leakyReLUStream(dst, src []float32, alpha float32) { leakyReLUStreamAsm(dst, src, alpha) }
func reluGradStream(dst, grad, x []float32)             { reluGradStreamAsm(dst, grad, x) }
func leakyReLUGradStream(dst, grad, x []float32, alpha float32) {
	leakyReLUGradStreamAsm(dst, grad, x, alpha)
}
