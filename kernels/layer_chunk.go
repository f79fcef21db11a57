package kernels

// Long calls of the layer kernels, split as the elementwise ones are (see
// chunk.go): whole rows at a time, about chunkLen elements (one row at the
// least), each chunk a separate, never inlined Go call whose stack check is
// a preemption point. The chunks run in row order, so the bias and slope
// gradients still add their rows in order: the same bits as one call.

// layerStep returns the number of elements of one chunk: whole rows of
// cols elements, about chunkLen of them, one row at the least.
func layerStep(cols int) int { return max(1, chunkLen/cols) * cols }

//go:noinline
func biasReLULong(dst, src, bias []float32) {
	step := layerStep(len(bias))
	for i := 0; i < len(dst); i += step {
		e := min(i+step, len(dst))
		biasReLUChunk(dst[i:e], src[i:e], bias)
	}
}

//go:noinline
func biasLeakyReLULong(dst, src, bias []float32, alpha float32) {
	step := layerStep(len(bias))
	for i := 0; i < len(dst); i += step {
		e := min(i+step, len(dst))
		biasLeakyReLUChunk(dst[i:e], src[i:e], bias, alpha)
	}
}

//go:noinline
func reluGradBiasLong(dst, dbias, grad, y []float32) {
	step := layerStep(len(dbias))
	for i := 0; i < len(dst); i += step {
		e := min(i+step, len(dst))
		reluGradBiasChunk(dst[i:e], dbias, grad[i:e], y[i:e])
	}
}

//go:noinline
func leakyReLUGradBiasLong(dst, dbias, grad, y []float32, alpha float32) {
	step := layerStep(len(dbias))
	for i := 0; i < len(dst); i += step {
		e := min(i+step, len(dst))
		leakyReLUGradBiasChunk(dst[i:e], dbias, grad[i:e], y[i:e], alpha)
	}
}

//go:noinline
func preluLong(dst, src, slope []float32) {
	step := layerStep(len(slope))
	for i := 0; i < len(dst); i += step {
		e := min(i+step, len(dst))
		preluChunk(dst[i:e], src[i:e], slope)
	}
}

//go:noinline
func preluGradLong(dst, dslope, grad, x, slope []float32) {
	step := layerStep(len(slope))
	for i := 0; i < len(dst); i += step {
		e := min(i+step, len(dst))
		preluGradChunk(dst[i:e], dslope, grad[i:e], x[i:e], slope)
	}
}

//go:noinline
func biasReLUChunk(dst, src, bias []float32) {
	if chunkHook != nil {
		chunkHook(len(dst), false)
	}
	biasReLU(dst, src, bias)
}

//go:noinline
func biasLeakyReLUChunk(dst, src, bias []float32, alpha float32) {
	if chunkHook != nil {
		chunkHook(len(dst), false)
	}
	biasLeakyReLU(dst, src, bias, alpha)
}

//go:noinline
func reluGradBiasChunk(dst, dbias, grad, y []float32) {
	if chunkHook != nil {
		chunkHook(len(dst), false)
	}
	reluGradBias(dst, dbias, grad, y)
}

//go:noinline
func leakyReLUGradBiasChunk(dst, dbias, grad, y []float32, alpha float32) {
	if chunkHook != nil {
		chunkHook(len(dst), false)
	}
	leakyReLUGradBias(dst, dbias, grad, y, alpha)
}

//go:noinline
func preluChunk(dst, src, slope []float32) {
	if chunkHook != nil {
		chunkHook(len(dst), false)
	}
	prelu(dst, src, slope)
}

//go:noinline
func preluGradChunk(dst, dslope, grad, x, slope []float32) {
	if chunkHook != nil {
		chunkHook(len(dst), false)
	}
	preluGrad(dst, dslope, grad, x, slope)
}
