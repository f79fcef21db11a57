//go:build purego || noasm || !(amd64 || arm64)

package kernels

import "github.com/fastrelu/fastrelu/internal/impl"

// This build has no assembly: every call runs the generic path.

func archImplementations() []impl.Impl { return nil }

// usePath: this build has the generic path only (for tests, registered with
// internal/impl).
func usePath(string) (restore func()) { return func() {} }

// The entry points the public functions call, which the assembly builds
// generate (kernels_amd64.go, kernels_arm64.go): here the generic functions.

func relu(dst, src []float32)                             { reluGeneric(dst, src) }
func leakyReLU(dst, src []float32, alpha float32)         { leakyReLUGeneric(dst, src, alpha) }
func reluGrad(dst, grad, x []float32)                     { reluGradGeneric(dst, grad, x) }
func leakyReLUGrad(dst, grad, x []float32, alpha float32) { leakyReLUGradGeneric(dst, grad, x, alpha) }

// No streaming stores in Go: a call that streams runs the plain loops.

func reluStream(dst, src []float32)                     { reluGeneric(dst, src) }
func leakyReLUStream(dst, src []float32, alpha float32) { leakyReLUGeneric(dst, src, alpha) }
func reluGradStream(dst, grad, x []float32)             { reluGradGeneric(dst, grad, x) }
func leakyReLUGradStream(dst, grad, x []float32, alpha float32) {
	leakyReLUGradGeneric(dst, grad, x, alpha)
}

func biasReLU(dst, src, bias []float32) { biasReLUGeneric(dst, src, bias) }

func biasLeakyReLU(dst, src, bias []float32, alpha float32) {
	biasLeakyReLUGeneric(dst, src, bias, alpha)
}

func reluGradBias(dst, dbias, grad, y []float32) { reluGradBiasGeneric(dst, dbias, grad, y) }

func leakyReLUGradBias(dst, dbias, grad, y []float32, alpha float32) {
	leakyReLUGradBiasGeneric(dst, dbias, grad, y, alpha)
}

func prelu(dst, src, slope []float32) { preluGeneric(dst, src, slope) }

func preluGrad(dst, dslope, grad, x, slope []float32) { preluGradGeneric(dst, dslope, grad, x, slope) }
