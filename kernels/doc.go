// Package kernels provides ReLU, LeakyReLU, ReLU6, HardSigmoid, HardSwish and
// HardTanh activations and their gradients on []float32, the smooth ones
// (Sigmoid, Tanh, SiLU, GELU, GELUTanh, ELU, Softplus, Mish) correctly
// rounded, the layer kernels around them (bias fused in, the bias and
// slope gradients, per-channel PReLU), activations as values ([Activation])
// and a parallel runner ([Parallel]), with one exact semantics on every CPU.
//
// Each call runs the fastest code path this CPU has: AVX-512 or AVX2
// assembly on amd64, NEON on arm64, RVV (the V extension) on riscv64, pure
// Go elsewhere and under the purego build tag. The path is chosen once, at
// start-up, and [Implementation] names it. Every path gives the same bits as the Go loop in each function's
// documentation, in the vector body and in the tail, in place or not.
//
// # Usage
//
// The outputs come first (dst, then dbias or dslope), then the inputs, then
// alpha, as in copy:
//
//	y := make([]float32, len(x))
//	kernels.LeakyReLU(y, x, 0.01)          // y = LeakyReLU(x)
//	kernels.LeakyReLUGrad(dx, dy, y, 0.01) // dx = LeakyReLU'(x)·dy, from the output y
//
//	// A dense layer: z = x·W is a row-major batch of rows×cols, cols = len(b).
//	kernels.BiasLeakyReLU(h, z, b, 0.01)           // h = LeakyReLU(z + b), one pass
//	clear(db)                                      // db is added to, not overwritten
//	kernels.LeakyReLUGradBias(dz, db, dh, h, 0.01) // dz = LeakyReLU'·dh; db[j] += Σ_rows dz
//
//	p := kernels.NewParallel(0) // the same functions as methods, on all cores
//	defer p.Close()
//	p.LeakyReLU(y, x, 0.01)
//
// The package example trains one layer step end to end.
//
// # Arguments
//
// Lengths. The slices of an elementwise kernel ([ReLU], [LeakyReLU],
// [ReLUGrad], [LeakyReLUGrad]) all have the same length. A layer kernel
// takes a matrix as a row-major []float32: cols = len(bias) (or len(dbias),
// len(slope)), rows = len(src)/cols (len(dst)/cols for the gradients), and
// element j of row r is src[r*cols+j]. len(src) is a multiple of cols, dst has src's length
// (grad, y and x have dst's), dbias has cols elements, dslope has
// len(slope), and cols >= 1 when rows >= 1 (with no rows, bias may be
// empty). Any cols works, 1 and 1<<20 included.
//
// In place and aliasing. dst may be the very same slice as an input (src,
// grad, y or x: same first element, same length), and an in-place call
// gives the same bits as an out-of-place one. A dst that shares memory with
// an input without being identical to it panics. bias and slope must not
// share memory with dst, and dbias and dslope, which are written row after
// row, with no other argument. Inputs may overlap each other; they are only
// read.
//
// Accumulation. The bias and slope gradients are added to what the caller
// passes, never overwritten: [ReLUGradBias] and [LeakyReLUGradBias] add
// each column's sum to dbias, [PReLUGrad] adds to dslope, and so do the
// [Parallel] methods of the same names and [Activation.BiasGradient].
// Zero dbias and dslope (clear(dbias)) for a plain sum, or leave them to
// accumulate across the chunks of a mini-batch; a buffer left over from the
// previous step gives wrong gradients and no error.
//
// Panics. A call that breaks a rule above panics with a message naming the
// function and the lengths; [NewParallel] panics on a negative count.
// Empty and nil slices that keep the rules are a no-op. No call of a
// package function allocates, and no slice passed in escapes to the heap
// (the [Parallel] methods hand their slices to other goroutines, so theirs
// do).
//
// # Names
//
// A layer kernel's name reads in the order its steps run. BiasReLU and
// BiasLeakyReLU add the bias, then apply the activation: a layer's forward
// pass. ReLUGradBias and LeakyReLUGradBias take the activation's gradient,
// then sum it into the bias gradient dbias: the backward pass, "Grad" then
// "Bias" (not "the gradient of the bias" alone: dst gets the gradient too).
// PReLU and PReLUGrad are LeakyReLU and its gradient with one learned slope
// per column, the slope gradient added into dslope. [Activation]'s methods
// follow one scheme: Forward and Gradient run the elementwise kernels,
// BiasForward and BiasGradient the layer kernels, of the same activation.
// [Parallel]'s methods carry the names of the package functions they run.
//
// # The contract
//
// Let m(x) be the ordered comparison x <= 0: false when x is NaN. Then
//
//	ReLU:          dst[i] = m(src[i]) ? +0             : src[i]
//	LeakyReLU:     dst[i] = m(src[i]) ? alpha*src[i]   : src[i]
//	ReLUGrad:      dst[i] = m(x[i])   ? +0             : grad[i]
//	LeakyReLUGrad: dst[i] = m(x[i])   ? alpha*grad[i]  : grad[i]
//	ReLU6:         dst[i] = m(src[i]) ? +0 : src[i] >= 6 ? 6 : src[i]
//	ReLU6Grad:     dst[i] = m(x[i]) or x[i] >= 6 ? +0  : grad[i]
//	HardSigmoid:   dst[i] = relu6(src[i] + 3) / 6
//	HardSigmoidGrad: dst[i] = -3 < x[i] < 3 ? grad[i]*(1/6) : +0
//	HardSwish:     dst[i] = src[i] <= -3 ? -0 : src[i]*relu6(src[i] + 3) / 6
//	HardSwishGrad: dst[i] = x[i] < -3 ? +0 : x[i] <= 3 ? grad[i]*(x[i]/3 + 0.5) : grad[i]
//	HardTanh:      t = src[i] < lo ? lo : src[i]; dst[i] = t > hi ? hi : t
//	HardTanhGrad:  dst[i] = x[i] <= lo or x[i] >= hi ? +0 : grad[i]
//
// The smooth activations are correctly rounded: each output is the exact
// value of the mathematical function rounded once to the nearest float32,
// ties to even, proven on all 2^32 inputs (internal/rounded). Their
// gradients multiply grad by the derivative rounded once, in one binary32
// multiplication, except SigmoidGrad and TanhGrad, PyTorch's binary32 loops
// from the forward output y (grad*(1-y)*y and grad*(1-y*y)). No assembly
// evaluates them yet: every path runs the same generic Go kernel for them.
//
// HardSigmoid, HardSwish and HardTanh are PyTorch's CPU kernels as binary32 loops
// (each function's doc has the loop): the same operations in the same
// order, so the same bits as PyTorch, but for HardSwish(-Inf), -0 here
// where PyTorch's -Inf*0 gives NaN. Their gradients are PyTorch's
// hardsigmoid_backward and hardswish_backward, values at the kinks and for
// a NaN x included, and take the forward input x, not the output.
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
// and db = Σ_rows dz. The six layer kernels fuse the bias and the activation
// (forward: [BiasReLU], [BiasLeakyReLU], and [PReLU] with a slope per
// column) and the activation gradient and the bias gradient (backward:
// [ReLUGradBias], [LeakyReLUGradBias], [PReLUGrad]) into one pass over
// memory, with the same exactness as the four elementwise kernels. Their
// lengths and aliasing rules are under "Arguments" above. The contract, on
// top of the package's:
//
//   - z = src[r*cols+j] + bias[j] is one IEEE 754 binary32 addition,
//     rounded to nearest even, subnormals kept; then the activation applies
//     to z exactly as ReLU and LeakyReLU do. An addition quiets a NaN
//     operand: a signaling NaN in src or bias comes out quiet (payload and
//     sign kept; on riscv64, as the canonical NaN).
//   - The gradient sums are binary32 additions in blocks of [BlockRows]
//     rows, into what the caller passed: each block's column sums start
//     from -0 (which -0 + d leaves as d) and add the block's rows in order,
//     and each block sum is added to dbias in block order:
//     dbias[j] = ((dbias[j] + s0[j]) + s1[j]) + …, with
//     sk[j] = (((-0 + d[kB,j]) + d[kB+1,j]) + …) over the rows of block k,
//     d the dst the call writes. Zero dbias for a plain sum, or leave it to
//     accumulate across the chunks of a mini-batch (a chunk boundary on a
//     block boundary gives the bits of one call). PReLUGrad's block sums add
//     x*grad for the rows where m(x) holds, and nothing (not +0) for the
//     others. The blocks make the bits independent of how a call is split
//     among goroutines ([Parallel] splits by blocks), and the rounding
//     error of a sum grows with BlockRows plus the number of blocks rather
//     than with the rows. Every path vectorises across columns and never
//     reorders rows, so every path gives the same bits.
//   - The ...Matrix forms ([BiasReLUMatrix], [ReLUGradBiasMatrix], …) take
//     [Matrix] views with a row stride (gonum's blas32.General layout) and
//     give the bits of the slice forms on the views' rows laid end to end,
//     touching nothing between the rows.
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
//   - No call allocates, and no slice escapes. Long calls are split into
//     chunks of whole rows, or of columns of one row when a row is long, in
//     row order, and the race detector sees every slice (every row of a
//     Matrix view), as for the elementwise kernels.
//
// # Gradients from the forward output
//
// For ReLU, and for LeakyReLU with a finite alpha > 0, m(y) = m(x) where
// y is the forward output, so the gradient may be computed from y in place
// of x: an in-place training loop may overwrite its pre-activations with the
// activations and still call ReLUGrad(dGrad, dGrad, y). With alpha = 0 this
// does not hold (0*(-Inf) is NaN), nor with a negative, infinite or NaN
// alpha. [Activation.GradientFromOutput] tells which case an activation is.
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
// long call into chunks of 64Ki elements (whole rows for the layer kernels,
// about as many elements, one row at the least), each a separate kernel
// call: the scheduler and the garbage collector never wait for more than
// one chunk. Whether a call writes dst with non-temporal stores (amd64, out
// of place, large calls) is decided once from the whole call.
//
// # The race detector
//
// Under -race the functions report to the race detector the reads of
// their inputs and the write of dst (and of dbias and dslope), so a data
// race on these slices is reported on every path, the assembly ones
// included.
package kernels
