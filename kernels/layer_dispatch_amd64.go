//go:build !purego && !noasm

package kernels

// The layer kernels on amd64: the assembly entry points (biasReLUAsm and the
// others, generated into kernels_amd64.s) test useAVX512 and useAVX2 and
// jump to that path's kernel or to the generic Go function, as for relu and
// the others (dispatch_amd64.go). No *Stream variants: the layer kernels
// always store with regular stores.

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
