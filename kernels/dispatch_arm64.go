//go:build !purego && !noasm

package kernels

import "github.com/fastrelu/fastrelu/internal/impl"

// archImplementations returns the arm64 assembly rows, best first.
//
// The neon row is always available: AdvSIMD (NEON) is a mandatory part of
// ARMv8-A, and Go's arm64 port already assumes it (the compiler and runtime
// use the FP/SIMD registers unconditionally), so there is no CPU or OS that
// runs this binary and lacks it, and nothing to detect.
func archImplementations() []impl.Impl {
	return []impl.Impl{{
		Name:          "neon",
		Available:     true,
		ReLU:          reluNEON,
		LeakyReLU:     leakyReLUNEON,
		ReLUGrad:      reluGradNEON,
		LeakyReLUGrad: leakyReLUGradNEON,
	}}
}

// useNEON is set once, from the row dispatch chose (FASTRELU_ISA=generic
// turns it off). The functions below call the assembly directly, not through
// a function variable, so that the callers' slices do not escape.
var useNEON = active.Name == "neon"

func relu(dst, src []float32) {
	switch {
	case useNEON:
		reluNEON(dst, src)
	default:
		reluGeneric(dst, src)
	}
}

func leakyReLU(dst, src []float32, alpha float32) {
	switch {
	case useNEON:
		leakyReLUNEON(dst, src, alpha)
	default:
		leakyReLUGeneric(dst, src, alpha)
	}
}

func reluGrad(dst, grad, x []float32) {
	switch {
	case useNEON:
		reluGradNEON(dst, grad, x)
	default:
		reluGradGeneric(dst, grad, x)
	}
}

func leakyReLUGrad(dst, grad, x []float32, alpha float32) {
	switch {
	case useNEON:
		leakyReLUGradNEON(dst, grad, x, alpha)
	default:
		leakyReLUGradGeneric(dst, grad, x, alpha)
	}
}

// NEON has no non-temporal vector store worth using here: a call that
// streams runs the plain kernels.
func reluStream(dst, src []float32)                     { relu(dst, src) }
func leakyReLUStream(dst, src []float32, alpha float32) { leakyReLU(dst, src, alpha) }
func reluGradStream(dst, grad, x []float32)             { reluGrad(dst, grad, x) }
func leakyReLUGradStream(dst, grad, x []float32, alpha float32) {
	leakyReLUGrad(dst, grad, x, alpha)
}
