package kernels

// ReLU sets dst[i] to src[i] where src[i] > 0 or is NaN, and to +0
// elsewhere. As a Go loop:
//
//	for i, x := range src {
//		if x <= 0 {
//			dst[i] = 0 // +0, also for x = -0
//		} else {
//			dst[i] = x // exact bits, NaNs included
//		}
//	}
//
// dst and src must have the same length; dst may be src itself.
func ReLU(dst, src []float32) {
	if len(dst) != len(src) || overlapsPartially(dst, src) {
		panicUnary("kernels.ReLU", dst, src)
	}
	if raceEnabled {
		raceRead(src)
		raceWrite(dst)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobReLU, dst: dst, in: src})
		return
	}
	relu(dst, src)
}

// LeakyReLU sets dst[i] to src[i] where src[i] > 0 or is NaN, and to
// alpha*src[i] elsewhere. As a Go loop:
//
//	for i, x := range src {
//		if x <= 0 {
//			dst[i] = alpha * x // one binary32 multiplication
//		} else {
//			dst[i] = x // exact bits, NaNs included
//		}
//	}
//
// dst and src must have the same length; dst may be src itself.
func LeakyReLU(dst, src []float32, alpha float32) {
	if len(dst) != len(src) || overlapsPartially(dst, src) {
		panicUnary("kernels.LeakyReLU", dst, src)
	}
	if raceEnabled {
		raceRead(src)
		raceWrite(dst)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobLeakyReLU, alpha: alpha, dst: dst, in: src})
		return
	}
	leakyReLU(dst, src, alpha)
}

// ReLUGrad sets dst[i] to grad[i] where x[i] > 0 or is NaN, and to +0
// elsewhere: the gradient of ReLU at x, given the upstream gradient grad.
// As a Go loop:
//
//	for i := range dst {
//		if x[i] <= 0 {
//			dst[i] = 0 // +0; the gradient at x = 0 is 0
//		} else {
//			dst[i] = grad[i] // exact bits, NaNs included
//		}
//	}
//
// x may be the forward output ReLU(x) instead of the input: the result is
// the same. All three slices must have the same length; dst may be grad or x
// itself.
func ReLUGrad(dst, grad, x []float32) {
	if len(dst) != len(grad) || len(dst) != len(x) || overlapsPartially(dst, grad) || overlapsPartially(dst, x) {
		panicBinary("kernels.ReLUGrad", dst, grad, x)
	}
	if raceEnabled {
		raceRead(grad)
		raceRead(x)
		raceWrite(dst)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobReLUGrad, dst: dst, in: grad, test: x})
		return
	}
	reluGrad(dst, grad, x)
}

// LeakyReLUGrad sets dst[i] to grad[i] where x[i] > 0 or is NaN, and to
// alpha*grad[i] elsewhere: the gradient of LeakyReLU at x, given the
// upstream gradient grad. As a Go loop:
//
//	for i := range dst {
//		if x[i] <= 0 {
//			dst[i] = alpha * grad[i] // one binary32 multiplication
//		} else {
//			dst[i] = grad[i] // exact bits, NaNs included
//		}
//	}
//
// With a finite alpha > 0, x may be the forward output LeakyReLU(x, alpha)
// instead of the input: the result is the same. All three slices must have
// the same length; dst may be grad or x itself.
func LeakyReLUGrad(dst, grad, x []float32, alpha float32) {
	if len(dst) != len(grad) || len(dst) != len(x) || overlapsPartially(dst, grad) || overlapsPartially(dst, x) {
		panicBinary("kernels.LeakyReLUGrad", dst, grad, x)
	}
	if raceEnabled {
		raceRead(grad)
		raceRead(x)
		raceWrite(dst)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobLeakyReLUGrad, alpha: alpha, dst: dst, in: grad, test: x})
		return
	}
	leakyReLUGrad(dst, grad, x, alpha)
}

// Implementation names the code path this process uses: "avx512", "avx2",
// "neon" or "generic". It is chosen once, at start-up, from what the CPU and
// OS support, or from the FASTRELU_ISA environment variable: a path of this
// build, in any case, surrounding space ignored; when the CPU cannot run
// it, the best path below it. Any other value prints one line on stderr
// and leaves the default path in use.
func Implementation() string { return active.Name }
