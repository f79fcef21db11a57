//go:build purego || noasm || !(amd64 || arm64)

package kernels

// Dispatch of the layer kernels: the one place where their vector rows
// join. No row has them yet, so every build runs the generic functions;
// when an architecture gets them, these become per-GOARCH functions like
// relu and the others (direct calls to //go:noescape stubs, no function
// variables) and the architecture's rows in archImplementations set the
// six fields of impl.Impl.

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
