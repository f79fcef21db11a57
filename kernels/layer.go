package kernels

// # Layer kernels
//
// A dense layer runs y = act(x·W + b) forward and, backward, dz = act'·dy
// and db = Σ_rows dz. The six kernels below fuse the bias and the activation
// (forward) and the activation gradient and the bias gradient (backward) into
// one pass over memory, with the same exactness as the four elementwise
// kernels. A matrix is a row-major []float32: cols = len(bias) (or
// len(dbias), len(slope)) and rows = len(src)/cols; element j of row r is
// src[r*cols+j].
//
// The contract, on top of the package's:
//
//   - z = src[r*cols+j] + bias[j] is one IEEE 754 binary32 addition,
//     rounded to nearest even, subnormals kept; then the activation applies
//     to z exactly as ReLU and LeakyReLU do. An addition quiets a NaN
//     operand: a signaling NaN in src or bias comes out quiet (payload and
//     sign kept).
//   - The gradient sums are binary32 additions in row order, into what the
//     caller passed: dbias[j] = (((dbias[j] + d[0,j]) + d[1,j]) + …), with
//     d the dst the call writes. Zero dbias for a plain sum, or leave it to
//     accumulate across the chunks of a mini-batch. PReLUGrad's dslope[j]
//     adds x*grad for the rows where m(x) holds, and nothing (not +0) for the
//     others. Every path vectorises across columns and never reorders rows,
//     so every path gives the same bits.
//   - As for products, IEEE 754 leaves one more NaN result open: when both
//     operands of an addition are NaN the result is one of them, quieted;
//     Inf + (-Inf) gives the CPU's default NaN.
//   - The gradient kernels take the forward output y in place of the
//     pre-activation, which is valid for ReLU and for LeakyReLU with a finite
//     alpha > 0 (see "Gradients from the forward output"); pass the
//     pre-activation z otherwise. PReLUGrad takes the input x itself, since
//     its slope gradient is x*grad.
//   - Lengths: len(src) is a multiple of cols, dst has src's length (grad,
//     y and x have dst's), dbias has cols elements, dslope has len(slope),
//     and cols >= 1 when rows >= 1 (with no rows, bias may be empty);
//     otherwise the call panics with a message naming the function and the
//     lengths. Any cols works, 1 and 1<<20 included.
//   - Aliasing: dst may be src, grad, y or x itself (same first element), as
//     for the elementwise kernels, and must be disjoint from them otherwise.
//     bias and slope must not share memory with dst, and dbias and dslope,
//     which are written row after row, with no other argument: the call
//     panics otherwise. Inputs may overlap each other.
//   - No call allocates, and no slice escapes.

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
	if len(dst) != len(src) || (len(src) != 0 && (len(bias) == 0 || len(src)%len(bias) != 0)) ||
		overlapsPartially(dst, src) || overlaps(dst, bias) {
		panicBias("kernels.BiasReLU", "src", "bias", dst, src, bias)
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
	if len(dst) != len(src) || (len(src) != 0 && (len(bias) == 0 || len(src)%len(bias) != 0)) ||
		overlapsPartially(dst, src) || overlaps(dst, bias) {
		panicBias("kernels.BiasLeakyReLU", "src", "bias", dst, src, bias)
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
	if len(dst) != len(grad) || len(dst) != len(y) || (len(dst) != 0 && (len(dbias) == 0 || len(dst)%len(dbias) != 0)) ||
		overlapsPartially(dst, grad) || overlapsPartially(dst, y) ||
		overlaps(dbias, dst) || overlaps(dbias, grad) || overlaps(dbias, y) {
		panicGradBias("kernels.ReLUGradBias", dst, dbias, grad, y)
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
	if len(dst) != len(grad) || len(dst) != len(y) || (len(dst) != 0 && (len(dbias) == 0 || len(dst)%len(dbias) != 0)) ||
		overlapsPartially(dst, grad) || overlapsPartially(dst, y) ||
		overlaps(dbias, dst) || overlaps(dbias, grad) || overlaps(dbias, y) {
		panicGradBias("kernels.LeakyReLUGradBias", dst, dbias, grad, y)
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
	if len(dst) != len(src) || (len(src) != 0 && (len(slope) == 0 || len(src)%len(slope) != 0)) ||
		overlapsPartially(dst, src) || overlaps(dst, slope) {
		panicBias("kernels.PReLU", "src", "slope", dst, src, slope)
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
	if len(dst) != len(grad) || len(dst) != len(x) || len(dslope) != len(slope) ||
		(len(dst) != 0 && (len(slope) == 0 || len(dst)%len(slope) != 0)) ||
		overlapsPartially(dst, grad) || overlapsPartially(dst, x) || overlaps(dst, slope) ||
		overlaps(dslope, dst) || overlaps(dslope, grad) || overlaps(dslope, x) || overlaps(dslope, slope) {
		panicPReLUGrad(dst, dslope, grad, x, slope)
	}
	preluGrad(dst, dslope, grad, x, slope)
}
