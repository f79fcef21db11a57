package bench

// copyContender is the memory roofline: copy(dst, src) reads and writes the
// same bytes as a forward kernel with no work at all, and the runtime's
// memmove uses non-temporal stores for large sizes. Beside a gradient kernel
// it still copies one slice (8 bytes per element), so compare its GB/s, not
// its time per call.
var copyContender = Contender{
	Name:          "copy",
	Role:          Roofline,
	Note:          "copy(dst, src): the memory roofline, dashed",
	ReLU:          func(dst, src []float32) { copy(dst, src) },
	LeakyReLU:     func(dst, src []float32, _ float32) { copy(dst, src) },
	ReLUGrad:      func(dst, grad, _ []float32) { copy(dst, grad) },
	LeakyReLUGrad: func(dst, grad, _ []float32, _ float32) { copy(dst, grad) },
}

// naiveContender is the loop most people write: one branch per element,
// which mispredicts about half the time on random-sign data. It follows the
// contract exactly (m(x) = x <= 0, false for NaN). It is measured on cold
// data only: on the same inputs call after call the branch predictor learns
// their signs, and the loop would look several times faster than on fresh
// pre-activations.
var naiveContender = Contender{
	Name:          "naive",
	Role:          Baseline,
	Note:          "the Go loop most people write: if x <= 0 {...} else {...}; cold data only (on hot data the branch predictor learns the signs)",
	ColdOnly:      true,
	ReLU:          naiveReLU,
	LeakyReLU:     naiveLeakyReLU,
	ReLUGrad:      naiveReLUGrad,
	LeakyReLUGrad: naiveLeakyReLUGrad,
}

func naiveReLU(dst, src []float32) {
	for i, x := range src {
		if x <= 0 {
			dst[i] = 0
		} else {
			dst[i] = x
		}
	}
}

func naiveLeakyReLU(dst, src []float32, alpha float32) {
	for i, x := range src {
		if x <= 0 {
			dst[i] = alpha * x
		} else {
			dst[i] = x
		}
	}
}

func naiveReLUGrad(dst, grad, x []float32) {
	for i := range dst {
		if x[i] <= 0 {
			dst[i] = 0
		} else {
			dst[i] = grad[i]
		}
	}
}

func naiveLeakyReLUGrad(dst, grad, x []float32, alpha float32) {
	for i := range dst {
		if x[i] <= 0 {
			dst[i] = alpha * grad[i]
		} else {
			dst[i] = grad[i]
		}
	}
}

// Floor is a contender whose functions return at once: what the harness
// itself costs per call (the loop, the call through a function value, the
// next input window). The report prints it beside the small-n timings; it is
// not in Contenders().
var Floor = &Contender{
	Name:          "empty",
	Role:          Baseline,
	Note:          "a function that returns at once: the harness's own cost per call",
	ReLU:          func(dst, src []float32) {},
	LeakyReLU:     func(dst, src []float32, alpha float32) {},
	ReLUGrad:      func(dst, grad, x []float32) {},
	LeakyReLUGrad: func(dst, grad, x []float32, alpha float32) {},
}
