//go:build !purego && !noasm

package kernels

// Dispatch of the layer kernels on arm64: one direct call each to the
// generated entry points (biasReLUAsm and the others, kernels_arm64.s),
// which test useNEON and jump to the NEON kernel or to the generic Go
// function, as relu does (dispatch_arm64.go). No function variables, so the
// compiler inlines these into the public functions and no slice escapes.

func biasReLU(dst, src, bias []float32) { biasReLUAsm(dst, src, bias) }

func biasLeakyReLU(dst, src, bias []float32, alpha float32) {
	biasLeakyReLUAsm(dst, src, bias, alpha)
}

func reluGradBias(dst, dbias, grad, y []float32) { reluGradBiasAsm(dst, dbias, grad, y) }

func leakyReLUGradBias(dst, dbias, grad, y []float32, alpha float32) {
	leakyReLUGradBiasAsm(dst, dbias, grad, y, alpha)
}

func prelu(dst, src, slope []float32) { preluAsm(dst, src, slope) }

func preluGrad(dst, dslope, grad, x, slope []float32) { preluGradAsm(dst, dslope, grad, x, slope) }
