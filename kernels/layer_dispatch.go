//go:build purego || noasm || !(amd64 || arm64)

package kernels

// The layer kernels in builds without assembly (purego, noasm) and on
// architectures without vector rows: the generic functions. amd64 and
// arm64 have layer_dispatch_$GOARCH.go, direct calls to the generated entry
// points that jump to the active path's kernel.

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
