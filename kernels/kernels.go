// Package kernels provides ReLU and LeakyReLU activations and their gradients
// on []float32, the layer kernels around them (bias fused in, the bias and
// slope gradients, per-channel PReLU), activations as values ([Activation])
// and a parallel runner ([Parallel]), with one exact semantics on every CPU.
//
// Each call picks the fastest code path this CPU runs (AVX-512 or AVX2
// assembly on amd64, NEON on arm64, pure Go elsewhere and under the purego
// build tag); the path is chosen once, at start-up, and [Implementation]
// names it. Every path gives the same bits as the Go loop in each function's
// documentation, in the vector body and in the tail, in place or not.
//
// # The contract
//
// Let m(x) be the ordered comparison x <= 0: false when x is NaN. Then
//
//	ReLU:          dst[i] = m(src[i]) ? +0             : src[i]
//	LeakyReLU:     dst[i] = m(src[i]) ? alpha*src[i]   : src[i]
//	ReLUGrad:      dst[i] = m(x[i])   ? +0             : grad[i]
//	LeakyReLUGrad: dst[i] = m(x[i])   ? alpha*grad[i]  : grad[i]
//
// A product is one IEEE 754 binary32 multiplication, rounded to nearest
// even, with subnormals kept: never flushed to zero, never fused with another
// operation, never computed in float64. A value that passes through keeps its
// exact bits, so a NaN input comes out with its sign and payload unchanged,
// a signaling NaN too. Hence ReLU(-0) = +0 and ReLU never returns -0;
// LeakyReLU(-0) = alpha*(-0); at x = 0 the gradient is +0 (ReLU) or
// alpha*grad (LeakyReLU), as in PyTorch and TensorFlow; a NaN x passes grad
// through unchanged. Any alpha is allowed, 0, negative, subnormal, infinite
// or NaN: the result is what the formulas give.
//
// IEEE 754 leaves two NaN results open, and so does this package across
// architectures: 0*Inf gives the CPU's default NaN (0xFFC00000 on x86,
// 0x7FC00000 on Arm, Power, z and RISC-V), and when alpha and grad are both
// NaN the product is one of the two, quieted. On one machine every path
// still gives the same bits for every input, these cases included: on amd64
// and 386 grad's NaN (the first source operand of VMULPS and MULSS), on
// arm64 and s390x alpha's unless alpha is quiet and grad is a signaling NaN
// (FMUL and MEEBR with alpha as the first operand), on ppc64 and ppc64le
// alpha's (FMULS with alpha in FRA). RISC-V propagates no NaN operand: on
// riscv64 every NaN that a product or a sum gives is the canonical NaN
// 0x7FC00000, whatever its operands.
//
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
//     sign kept; on riscv64, as the canonical NaN).
//   - The gradient sums are binary32 additions in row order, into what the
//     caller passed: dbias[j] = (((dbias[j] + d[0,j]) + d[1,j]) + …), with
//     d the dst the call writes. Zero dbias for a plain sum, or leave it to
//     accumulate across the chunks of a mini-batch. PReLUGrad's dslope[j]
//     adds x*grad for the rows where m(x) holds, and nothing (not +0) for the
//     others. Every path vectorises across columns and never reorders rows,
//     so every path gives the same bits.
//   - As for products, IEEE 754 leaves one more NaN result open across
//     architectures: when both operands of an addition are NaN the result is
//     one of them, quieted; Inf + (-Inf) gives the CPU's default NaN. On one
//     machine every path gives the same bits: on amd64, 386, ppc64 and
//     ppc64le the NaN of src (or of the running sum: the first source
//     operand of VADDPS, ADDSS and FADDS), on arm64 and s390x that one
//     unless it is quiet and the other is signaling (FADD, AEBR), on riscv64
//     the canonical NaN. A NaN product slope*grad with both NaN follows the
//     rule of alpha*grad above.
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
//   - No call allocates, and no slice escapes. Long calls are split into
//     chunks of whole rows, in row order, and the race detector sees every
//     slice, as for the elementwise kernels.
//
// # Floating-point environment
//
// The contract assumes Go's default floating-point environment: round to
// nearest even, subnormals kept (no flush-to-zero, no denormals-are-zero).
// Go code never changes it. If foreign code (a cgo library, say) leaves
// MXCSR.FTZ or DAZ set on amd64, or FPCR.FZ on arm64, on the thread that
// calls this package, the results are what the CPU gives in that mode and
// the paths may differ: the vector paths then read a positive subnormal as
// 0 (so it counts as x <= 0), the generic path does not, and every path
// flushes products with a subnormal operand or result to zero.
//
// # Long calls
//
// Go cannot preempt a goroutine inside assembly, so the functions split a
// long call into chunks of 64Ki elements, each a separate kernel call: the
// scheduler and the garbage collector never wait for more than one chunk
// (tens of microseconds). Whether a call writes dst with non-temporal
// stores (amd64, out of place, large calls) is decided once from the whole
// call.
//
// # The race detector
//
// Under -race the functions report to the race detector the reads of
// their inputs and the write of dst, so a data race on these slices is
// reported on every path, the assembly ones included.
//
// # Gradients from the forward output
//
// For ReLU, and for LeakyReLU with a finite alpha > 0, m(y) = m(x) where
// y is the forward output, so the gradient may be computed from y in place
// of x: an in-place training loop may overwrite its pre-activations with the
// activations and still call ReLUGrad(dGrad, dGrad, y). With alpha = 0 this
// does not hold (0*(-Inf) is NaN), nor with a negative, infinite or NaN alpha.
//
// # Arguments
//
// All slices of one call have the same length, or the call panics with a
// message naming the function and the lengths. dst may be the very same slice
// as an input (same first element, same length): in-place calls give the
// same bits as out-of-place ones. A dst that shares memory with an input
// without being identical to it panics. Inputs may overlap each other; they
// are only read. Empty and nil slices are a no-op. No call allocates, and
// no slice passed in escapes to the heap.
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
		reluLong(dst, src)
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
		leakyReLULong(dst, src, alpha)
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
		reluGradLong(dst, grad, x)
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
		leakyReLUGradLong(dst, grad, x, alpha)
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
