package amd64

// asmHeader is the comment at the top of kernels_amd64.s, after the
// includes: what the shapes are and why.
const asmHeader = `
// AVX2 and AVX-512 kernels for ReLU, LeakyReLU and their gradients, and
// for the layer kernels (bias or slope per column, sums per column),
// generated with avo by kernels/_asm/amd64 from the descriptions in
// kernels/_asm/kernel (one per activation; the layer kernels come from the
// same ones); shape.go and rows.go there are the shapes below, shared by
// all, lane.go the lane operations. Edit those and run "go generate" in
// kernels/; never edit this file.
//
// The contract maps to few instructions. The mask m(x) = (x <= 0) is VCMPPS
// with predicate LE_OQ (2): ordered, so false for NaN, true for -0 and +0.
//   ReLU, ReLUGrad:           AVX2: VANDNPS with the mask.
//                             AVX-512: a move of +0 merge-masked by m.
//   LeakyReLU, LeakyReLUGrad: one VMULPS by alpha, then AVX2: VBLENDVPS on
//                             the mask; AVX-512: the VMULPS itself is
//                             merge-masked by m.
// Lanes where m is false keep the input's exact bits (signaling NaNs
// included): they are selected, never computed on. Products are single
// VMULPS under Go's MXCSR: round to nearest even, no FTZ, no DAZ.
//
// Forms. The avx2 ReLU and LeakyReLUGrad test the byte useZen12 first
// (CMPB/JNE) and run their AMD Zen 1/2 form when it is set: the same
// operations with more loads folded (shape.go: zen12). LeakyReLU tests alpha's bits once per call (an unsigned range
// check, MOVL/SUBL/CMPL/JBE) and runs one of three copies of the whole
// kernel (every shape below, *Stream included), each with its own labels
// (loop_max, vec_min...):
//   max, 0 < alpha <= 1 (bits 0x00000001..0x3f800000), and
//   min, 1 <= alpha < +Inf (bits 0x3f800000..0x7f7fffff):
//       p = alpha*x (VMULPS), then VMAXPS (max) or VMINPS (min) of p and x,
//       x the second source in Intel's order (the first in Go's: VMAXPS
//       Y1, Y12, Y1), so x's own bits come back whenever either is a NaN
//       or both are zeros. Exact: for x > 0, alpha*x <= x (max) or >= x
//       (min) before rounding, and rounding to nearest is monotone with x
//       representable, so x wins, unless p == x, the same bits for nonzero
//       values; for x < 0 the inequality flips and p wins, or equals x;
//       for x = +-0 the product is a zero of x's sign and x comes back; a
//       NaN x comes back as is (signaling ones too). Outside these ranges
//       (alpha <= 0, -0, +Inf, NaN) some x fails (0*-Inf, alpha*+0 = -0,
//       Inf*0 = NaN, or a positive subnormal x multiplied), so:
//   otherwise: the compare + multiply + select above.
// Measured on Raptor Cove (Emerald Rapids), hot data, n = 4096: AVX2
// 1.76x (VBLENDVPS is 3 µops there), AVX-512 1.13x with 8 ZMM per
// iteration; llvm-mca agrees for AVX2 on every Intel and AMD core. Each
// form was checked on all 2^32 x for alphas at both ends of its range
// (docs/llvm-mca.md).
//
// Shape of every kernel (n = len(dst), W = 8 floats for AVX2, 16 for
// AVX-512):
//   - n >= W: the result of the LAST vector, dst[n-W:n], is computed first,
//     from the inputs as they are at entry, before anything is stored, and
//     stored at the very end, overlapping what the body wrote. The lanes
//     both write get the same bits, since both come from the same original
//     inputs: correct in place and out of place, with no element loop and
//     no access outside the slices. W <= n <= 2W: the first and the last
//     vector, nothing else.
//   - The body: 64 floats (256 bytes) per iteration, 8 YMM or 4 ZMM
//     vectors (8 ZMM, 128 floats, in LeakyReLU's max and min forms), each
//     loaded, computed and stored in turn; unaligned loads and stores (or,
//     where the kernel's loading folds an input, read from memory by the
//     one operation that uses it: shape.go). Then whole vectors while
//     n >= W (SUBQ/JAE on n biased by -W), then the last vector. (With 4 YMM per
//     iteration the speed at n = 4096 varied by 25% with the loop's code
//     alignment on Zen 5; with 8 it does not.)
//   - AVX2, n < 8: two overlapping XMM halves (n = 4..7), two 8-byte pairs
//     (2..3) or one element, both halves loaded before either is stored.
//   - AVX-512, n < 16: the AVX2 kernel (JMP), which handles n <= 16 with
//     at most two overlapping vectors. AVX-512 kernels use no masked loads
//     or stores: measured on Zen 5, a masked load whose 64-byte window
//     overlaps a store still in flight (in-place calls, or Go's adjacent
//     small allocations) waits for it, 3-5 ns per call, where these exact
//     overlapping vectors forward.
//   - The kernels never decide to stream: the Go side does (chunk.go)
//     and calls the *Stream kernels, which store the body with
//     VMOVNTPS: first one unaligned vector at dst[0:W] with a regular
//     store, then the body from the next 32-byte (AVX2) or 64-byte
//     (AVX-512) boundary of dst on, overlapping that vector, every pointer
//     advanced by the same bytes and the count by bytes/4, SFENCE, then
//     whole vectors and the last as above. Overlapping the head is fine out
//     of place only, so a *Stream kernel runs the plain one (JMP) when dst
//     is an input; also when n < 64, and when dst is not 4-byte aligned: it
//     can never reach vector alignment by whole elements.
//   - The entry points (relu, reluStream, ...) test useAVX512 and useAVX2
//     and jump, arguments in place, to the kernel or to the generic Go
//     function, so that the Go code calls them directly, with no function
//     variable and no Go wrapper.
//   - VZEROUPPER before every RET.
//
// Registers: DI = dst, SI = src or grad, DX = x, CX = floats left,
// R8 = &dst[n-W], AX scratch; Y0/Z0 = +0, Y6/Z6 = alpha in every lane,
// Y7/Z7 = the last vector's result. X15, R14 and R15 are not used.
//
// The layer kernels (biasReLU, biasLeakyReLU, reluGradBias,
// leakyReLUGradBias, prelu, preluGrad; kernel.Layer, rows.go)
// take row-major matrices, cols = len(bias), len(dbias) or len(slope), and
// loop over the rows inside the kernel, over the columns inside a row with
// the body and whole vectors above; every pointer advances by the same
// bytes within a row, the per-column ones (bias, slope, dbias, dslope)
// start again from their bases (R12, R13) at each row; R10 = cols,
// R11 = &dst[n]. z = src + bias is one VADDPS with src as the first source
// operand; the activation is then the one above.
//   - Forward kernels: each row's last vector is computed from the row's
//     inputs before any of the row is stored, and stored at the row's end,
//     as above. cols < 16: the AVX-512 kernel runs the AVX2 one (JMP);
//     cols < 8: the AVX2 kernel runs each row in the steps below.
//   - Gradient kernels: 4 rows at a time while 4 are left (R8 = a row's
//     bytes, AX = three rows'), then one: each vector of columns loads its
//     sums once, adds the rows' values in row order (VADDPS, the sum the
//     first source operand) and stores them back once. (Loading and storing
//     the sums for every row doubled the time past the caches: the extra
//     stores fill the store buffer behind dst's.) No element may be added
//     twice, so the rows' last cols%W elements go without overlap: AVX2 in
//     steps of 4 (XMM), 2 (VMOVQ) and 1 (VMOVSS) floats; AVX-512 as one
//     vector under an opmask of those lanes (K2), loads zero-masked, stores
//     masked, so that no fault is taken and nothing outside the slices is
//     written; cols < 16: the AVX2 kernel (JMP), twice as fast there (a
//     masked load of the sums does not forward from the masked store of
//     the block before). PReLUGrad adds x*grad only where m(x): AVX-512 merge-masks
//     the VADDPS by m; AVX2 blends the sum and the old value on m, so that
//     other rows add nothing (not +0). Products that may meet two NaNs
//     (alpha*grad, slope*grad) have grad as the first source, as
//     LeakyReLUGrad's.
//   - No *Stream variants: the layer kernels store with regular stores.
`

// stubsHeader is the comment after the package clause of kernels_amd64.go.
const stubsHeader = `
// The amd64 assembly kernels, in kernels_amd64.s, generated from
// kernels/_asm/amd64. Each takes valid arguments only (the public functions
// check them): slices of equal length, dst either identical to an input or
// disjoint from it. Each handles the whole slice in one call, tail
// included, and never reads or writes outside the slices, at any length and
// any byte alignment. None keeps a reference to a slice, hence
// //go:noescape: a caller's stack array stays on the stack.
//
// The avx2 kernels need AVX2 (VEX-encoded AVX instructions only, in fact);
// the avx512 kernels need AVX512F, and AVX2 since they run the avx2 kernel
// for n < 16. The *Stream kernels give the same results with non-temporal
// stores for the body; the caller decides when (chunk.go).
//
// The layer kernels (biasReLU ... preluGrad) take row-major matrices with
// cols = len(bias), len(dbias) or len(slope): len(dst) a multiple of cols,
// the per-column slices disjoint from dst (dbias and dslope from every
// other slice), as the public functions check. They have no *Stream
// variants, and the AVX-512 ones run the AVX2 kernel for cols < 16.
//
// m(v) below is v <= 0, ordered: false for NaN, true for -0 and +0.
`

// asmHeaderF64 is the comment at the top of package f64's kernels_amd64.s.
const asmHeaderF64 = `
// AVX2 and AVX-512 kernels of package f64: package kernels' shapes and lane
// operations (kernels_amd64.s there has what they are and why) on float64
// elements: four or eight lanes a vector, the PD forms of the compares,
// blends, masked moves and arithmetic (VCMPPD, VBLENDVPD, VMULPD, VADDPD,
// VDIVPD; AVX-512 merge-masking by opmasks of a bit per float64), the
// scalars broadcast with VBROADCASTSD and the constants as float64 (1/6 is
// the float64 nearest it). No forms: every call runs the general lane
// operation. Generated with avo by kernels/_asm/amd64; never edit this file.
`

// stubsHeaderF64 is the comment after the package clause of package f64's
// kernels_amd64.go.
const stubsHeaderF64 = `
// The amd64 assembly kernels, in kernels_amd64.s, generated from
// kernels/_asm/amd64: package kernels' on float64 elements, with the same
// preconditions (the public functions check them), the same handling of
// every length and byte alignment (never a read or write outside the
// slices), and //go:noescape. The avx512 kernels need AVX512F and AVX2
// (they run the avx2 kernel for n < 8, or cols < 8).
//
// m(v) below is v <= 0, ordered: false for NaN, true for -0 and +0.
`
