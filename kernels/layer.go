package kernels

// The layer kernels; their contract is in the package documentation,
// under "Layer kernels".

// BiasReLU sets dst to ReLU(src + bias), the bias broadcast over the rows.
// As a Go loop:
//
//	cols := len(bias)
//	for i, s := range src {
//		z := s + bias[i%cols] // one binary32 addition
//		if z <= 0 {
//			dst[i] = 0 // +0
//		} else {
//			dst[i] = z // exact bits, NaNs included
//		}
//	}
//
// dst may be src itself; bias must not overlap dst.
func BiasReLU(dst, src, bias []float32) {
	if badLayerForwardArgs(dst, src, bias) {
		panicLayerForward("kernels.BiasReLU", "src", "bias", dst, src, bias)
	}
	if raceEnabled {
		raceRead(src)
		raceRead(bias)
		raceWrite(dst)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobBiasReLU, dst: dst, in: src, param: bias})
		return
	}
	biasReLU(dst, src, bias)
}

// BiasLeakyReLU sets dst to LeakyReLU(src + bias, alpha), the bias
// broadcast over the rows. As a Go loop:
//
//	cols := len(bias)
//	for i, s := range src {
//		z := s + bias[i%cols] // one binary32 addition
//		if z <= 0 {
//			dst[i] = alpha * z // one binary32 multiplication
//		} else {
//			dst[i] = z // exact bits, NaNs included
//		}
//	}
//
// dst may be src itself; bias must not overlap dst.
func BiasLeakyReLU(dst, src, bias []float32, alpha float32) {
	if badLayerForwardArgs(dst, src, bias) {
		panicLayerForward("kernels.BiasLeakyReLU", "src", "bias", dst, src, bias)
	}
	if raceEnabled {
		raceRead(src)
		raceRead(bias)
		raceWrite(dst)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobBiasLeakyReLU, alpha: alpha, dst: dst, in: src, param: bias})
		return
	}
	biasLeakyReLU(dst, src, bias, alpha)
}

// ReLUGradBias sets dst to ReLUGrad(grad, y) and adds each column's sum of
// dst to dbias, in row order. As a Go loop:
//
//	cols := len(dbias)
//	for i := range dst {
//		d := grad[i] // exact bits, NaNs included
//		if y[i] <= 0 {
//			d = 0 // +0
//		}
//		dst[i] = d
//		dbias[i%cols] += d // one binary32 addition, rows in order
//	}
//
// y is the forward output ReLU(z) or the pre-activation z: the result is the
// same. dst may be grad or y itself; dbias must not overlap any other
// argument. dbias is added to: zero it first for a plain sum.
func ReLUGradBias(dst, dbias, grad, y []float32) {
	if badGradBiasArgs(dst, dbias, grad, y) {
		panicGradBias("kernels.ReLUGradBias", dst, dbias, grad, y)
	}
	if raceEnabled {
		raceRead(grad)
		raceRead(y)
		raceWrite(dst)
		raceWrite(dbias)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobReLUGradBias, dst: dst, in: grad, test: y, sums: dbias})
		return
	}
	reluGradBias(dst, dbias, grad, y)
}

// LeakyReLUGradBias sets dst to LeakyReLUGrad(grad, y, alpha) and adds each
// column's sum of dst to dbias, in row order. As a Go loop:
//
//	cols := len(dbias)
//	for i := range dst {
//		d := grad[i] // exact bits, NaNs included
//		if y[i] <= 0 {
//			d = alpha * grad[i] // one binary32 multiplication
//		}
//		dst[i] = d
//		dbias[i%cols] += d // one binary32 addition, rows in order
//	}
//
// With a finite alpha > 0, y may be the forward output LeakyReLU(z, alpha)
// instead of the pre-activation z: the result is the same; with any other
// alpha, pass z. dst may be grad or y itself; dbias must not overlap any
// other argument. dbias is added to: zero it first for a plain sum.
func LeakyReLUGradBias(dst, dbias, grad, y []float32, alpha float32) {
	if badGradBiasArgs(dst, dbias, grad, y) {
		panicGradBias("kernels.LeakyReLUGradBias", dst, dbias, grad, y)
	}
	if raceEnabled {
		raceRead(grad)
		raceRead(y)
		raceWrite(dst)
		raceWrite(dbias)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobLeakyReLUGradBias, alpha: alpha, dst: dst, in: grad, test: y, sums: dbias})
		return
	}
	leakyReLUGradBias(dst, dbias, grad, y, alpha)
}

// PReLU is LeakyReLU with one learned slope per column (He et al. 2015, as
// in PyTorch's PReLU with num_parameters = channels, Keras' PReLU with
// shared_axes over the rows, and ONNX's PRelu with the slope broadcast along
// the last axis). As a Go loop:
//
//	cols := len(slope)
//	for i, x := range src {
//		if x <= 0 {
//			dst[i] = slope[i%cols] * x // one binary32 multiplication
//		} else {
//			dst[i] = x // exact bits, NaNs included
//		}
//	}
//
// dst may be src itself; slope must not overlap dst.
func PReLU(dst, src, slope []float32) {
	if badLayerForwardArgs(dst, src, slope) {
		panicLayerForward("kernels.PReLU", "src", "slope", dst, src, slope)
	}
	if raceEnabled {
		raceRead(src)
		raceRead(slope)
		raceWrite(dst)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobPReLU, dst: dst, in: src, param: slope})
		return
	}
	prelu(dst, src, slope)
}

// PReLUGrad sets dst to the gradient of PReLU with respect to its input x,
// and adds to dslope the gradient with respect to the slopes, in row order.
// As a Go loop:
//
//	cols := len(slope)
//	for i := range dst {
//		j := i % cols
//		if x[i] <= 0 {
//			p := x[i] * grad[i] // computed before dst[i] is written
//			dst[i] = slope[j] * grad[i]
//			dslope[j] += p // rows in order; other rows add nothing
//		} else {
//			dst[i] = grad[i] // exact bits, NaNs included
//		}
//	}
//
// x is PReLU's input (the forward output would not do: the slope gradient is
// x*grad). dst may be grad or x itself; slope must not overlap dst, and
// dslope no other argument. dslope is added to: zero it first for a plain
// sum.
func PReLUGrad(dst, dslope, grad, x, slope []float32) {
	if badPReLUGradArgs(dst, dslope, grad, x, slope) {
		panicPReLUGrad("kernels.PReLUGrad", dst, dslope, grad, x, slope)
	}
	if raceEnabled {
		raceRead(grad)
		raceRead(x)
		raceRead(slope)
		raceWrite(dst)
		raceWrite(dslope)
	}
	if len(dst) > chunkLen {
		runLong(&job{kind: jobPReLUGrad, dst: dst, in: grad, test: x, param: slope, sums: dslope})
		return
	}
	preluGrad(dst, dslope, grad, x, slope)
}
