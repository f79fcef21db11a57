//go:build !purego && !noasm

#include "textflag.h"

// AVX2 and AVX-512 kernels for ReLU, LeakyReLU and their gradients.
//
// The contract maps to few instructions. The mask m(x) = (x <= 0) is VCMPPS
// with predicate LE_OQ (2): ordered, so false for NaN, true for -0 and +0.
//   ReLU, ReLUGrad:           AVX2: VANDNPS with the mask.
//                             AVX-512: a move of +0 merge-masked by m.
//   LeakyReLU, LeakyReLUGrad: one VMULPS by alpha, then AVX2: VBLENDVPS on
//                             the mask; AVX-512: the VMULPS itself is
//                             merge-masked by m.
// Lanes where m is false keep the input's exact bits (signaling NaNs
// included): they are selected, never computed on. VMAXPS is never used: its
// NaN and -0 results depend on operand order. Products are single VMULPS
// under Go's MXCSR: round to nearest even, no FTZ, no DAZ.
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
//     vectors, each loaded, computed and stored in turn; unaligned loads and
//     stores. Then whole vectors while n >= W, then the last vector. (With
//     4 YMM per iteration the speed at n = 4096 varied by 25% with the
//     loop's code alignment on Zen 5; with 8 it does not.)
//   - AVX2, n < 8: two overlapping XMM halves (n = 4..7), two 8-byte pairs
//     (2..3) or one element, both halves loaded before either is stored.
//   - AVX-512, n < 16: the AVX2 kernel (JMP), which handles n <= 16 with
//     at most two overlapping vectors. AVX-512 kernels use no masked loads
//     or stores: measured on Zen 5, a masked load whose 64-byte window
//     overlaps a store still in flight (in-place calls, or Go's adjacent
//     small allocations) waits for it, 3-5 ns per call, where these exact
//     overlapping vectors forward.
//   - Streaming: when dst is not an input, streamingThreshold (dispatch.go)
//     is not 0 and the bytes the call touches (8n forward, 12n for the
//     gradients) reach it, the body stores with VMOVNTPS:
//     first one unaligned vector at dst[0:W], then the body from the next
//     32-byte (AVX2) or 64-byte (AVX-512) boundary of dst on, overlapping
//     that vector (fine out of place only, hence the condition), SFENCE.
//   - VZEROUPPER before every RET.
//
// Registers: DI = dst, SI = src or grad, DX = x, CX = floats left,
// R8 = &dst[n-W]; Y0/Z0 = +0, Y6/Z6 = alpha in every lane, Y7/Z7 = the
// last vector's result. Y15/Z15, R14 and R15 are not used.

// ---- AVX2 lane operations, on YMM or XMM registers ------------------------
// Z is the zero register (Y0 or X0), A holds alpha (Y6 or X6).

// v = m(v) ? +0 : v.                          m: scratch, becomes the mask.
#define RELU(Z, v, m) \
	VCMPPS  $2, Z, v, m; \
	VANDNPS v, m, v

// v = m(v) ? alpha*v : v.                     m, p: scratch.
#define LEAKY(Z, A, v, m, p) \
	VCMPPS    $2, Z, v, m; \
	VMULPS    A, v, p; \
	VBLENDVPS m, p, v, v

// g = m(x) ? +0 : g.                          x becomes the mask.
#define RELUGRAD(Z, g, x) \
	VCMPPS  $2, Z, x, x; \
	VANDNPS g, x, g

// g = m(x) ? alpha*g : g.                     x becomes the mask, p: scratch.
#define LEAKYGRAD(Z, A, g, x, p) \
	VCMPPS    $2, Z, x, x; \
	VMULPS    A, g, p; \
	VBLENDVPS x, p, g, g

// One whole YMM vector at byte offset off: load, compute, store with ST
// (VMOVUPS, or VMOVNTPS when streaming).
#define RELU_Y(ST, off, v, m) \
	VMOVUPS off(SI), v; \
	RELU(Y0, v, m); \
	ST      v, off(DI)

#define LEAKY_Y(ST, off, v, m, p) \
	VMOVUPS off(SI), v; \
	LEAKY(Y0, Y6, v, m, p); \
	ST      v, off(DI)

#define RELUGRAD_Y(ST, off, g, x) \
	VMOVUPS off(SI), g; \
	VMOVUPS off(DX), x; \
	RELUGRAD(Y0, g, x); \
	ST      g, off(DI)

#define LEAKYGRAD_Y(ST, off, g, x, p) \
	VMOVUPS off(SI), g; \
	VMOVUPS off(DX), x; \
	LEAKYGRAD(Y0, Y6, g, x, p); \
	ST      g, off(DI)

// ---- AVX-512 lane operations on ZMM registers -----------------------------

// v = m(v) ? +0 : v: +0 moved into the lanes where m holds.
#define RELU512(v, k) \
	VCMPPS  $2, Z0, v, k; \
	VMOVAPS Z0, k, v

// v = m(v) ? alpha*v : v: the product written only where m holds.
#define LEAKY512(v, k) \
	VCMPPS $2, Z0, v, k; \
	VMULPS Z6, v, k, v

// g = m(x) ? +0 : g.
#define RELUGRAD512(g, x, k) \
	VCMPPS  $2, Z0, x, k; \
	VMOVAPS Z0, k, g

// g = m(x) ? alpha*g : g.
#define LEAKYGRAD512(g, x, k) \
	VCMPPS $2, Z0, x, k; \
	VMULPS Z6, g, k, g

#define RELU_Z(ST, off, v, k) \
	VMOVUPS off(SI), v; \
	RELU512(v, k); \
	ST      v, off(DI)

#define LEAKY_Z(ST, off, v, k) \
	VMOVUPS off(SI), v; \
	LEAKY512(v, k); \
	ST      v, off(DI)

#define RELUGRAD_Z(ST, off, g, x, k) \
	VMOVUPS off(SI), g; \
	VMOVUPS off(DX), x; \
	RELUGRAD512(g, x, k); \
	ST      g, off(DI)

#define LEAKYGRAD_Z(ST, off, g, x, k) \
	VMOVUPS off(SI), g; \
	VMOVUPS off(DX), x; \
	LEAKYGRAD512(g, x, k); \
	ST      g, off(DI)

// ---- the streaming decision ------------------------------------------------

// STREAM1 jumps to label when this call of a forward kernel streams: dst
// is not src, streamingThreshold is not 0, and the bytes the call touches,
// 8*n (n = CX), reach it. Clobbers AX, BX, R9.
#define STREAM1(label) \
	MOVQ    $-1, R9; \
	MOVQ    ·streamingThreshold(SB), AX; \
	TESTQ   AX, AX; \
	CMOVQEQ R9, AX; \
	CMPQ    DI, SI; \
	CMOVQEQ R9, AX; \
	LEAQ    (CX*8), BX; \
	CMPQ    BX, AX; \
	JAE     label

// STREAM2: the same for a gradient kernel: dst is neither grad nor x, and
// the call touches 12*n bytes.
#define STREAM2(label) \
	MOVQ    $-1, R9; \
	MOVQ    ·streamingThreshold(SB), AX; \
	TESTQ   AX, AX; \
	CMOVQEQ R9, AX; \
	CMPQ    DI, SI; \
	CMOVQEQ R9, AX; \
	CMPQ    DI, DX; \
	CMOVQEQ R9, AX; \
	LEAQ    (CX)(CX*2), BX; \
	SHLQ    $2, BX; \
	CMPQ    BX, AX; \
	JAE     label

// ---- dispatch entry points --------------------------------------------------
// relu, leakyReLU, reluGrad and leakyReLUGrad (dispatch_amd64.go) are one
// call each to these, small enough for the compiler to inline into the
// public functions; each jumps, with its arguments in place, to the kernel
// of the active path as the flags useAVX512 and useAVX2 say.

// func reluAsm(dst, src []float32)
TEXT ·reluAsm(SB), NOSPLIT, $0-48
	CMPB ·useAVX512(SB), $0
	JNE  avx512
	CMPB ·useAVX2(SB), $0
	JNE  avx2
	JMP  ·reluGeneric(SB)

avx512:
	JMP ·reluAVX512(SB)

avx2:
	JMP ·reluAVX2(SB)

// func leakyReLUAsm(dst, src []float32, alpha float32)
TEXT ·leakyReLUAsm(SB), NOSPLIT, $0-52
	CMPB ·useAVX512(SB), $0
	JNE  avx512
	CMPB ·useAVX2(SB), $0
	JNE  avx2
	JMP  ·leakyReLUGeneric(SB)

avx512:
	JMP ·leakyReLUAVX512(SB)

avx2:
	JMP ·leakyReLUAVX2(SB)

// func reluGradAsm(dst, grad, x []float32)
TEXT ·reluGradAsm(SB), NOSPLIT, $0-72
	CMPB ·useAVX512(SB), $0
	JNE  avx512
	CMPB ·useAVX2(SB), $0
	JNE  avx2
	JMP  ·reluGradGeneric(SB)

avx512:
	JMP ·reluGradAVX512(SB)

avx2:
	JMP ·reluGradAVX2(SB)

// func leakyReLUGradAsm(dst, grad, x []float32, alpha float32)
TEXT ·leakyReLUGradAsm(SB), NOSPLIT, $0-76
	CMPB ·useAVX512(SB), $0
	JNE  avx512
	CMPB ·useAVX2(SB), $0
	JNE  avx2
	JMP  ·leakyReLUGradGeneric(SB)

avx512:
	JMP ·leakyReLUGradAVX512(SB)

avx2:
	JMP ·leakyReLUGradAVX2(SB)

// ---- AVX2 -----------------------------------------------------------------

// func reluAVX2(dst, src []float32)
TEXT ·reluAVX2(SB), NOSPLIT, $0-48
	MOVQ   dst_base+0(FP), DI
	MOVQ   src_base+24(FP), SI
	MOVQ   dst_len+8(FP), CX
	VXORPS X0, X0, X0                   // zero
	CMPQ   CX, $8
	JB     small                        // n < 8

	VMOVUPS -32(SI)(CX*4), Y7           // last := relu(src[n-8:n]), before any store
	RELU(Y0, Y7, Y8)
	LEAQ    -32(DI)(CX*4), R8           // R8 = &dst[n-8]
	CMPQ    CX, $16
	JA      big
	RELU_Y(VMOVUPS, 0, Y1, Y8)          // n <= 16: dst[0:8] = relu(src[0:8])
	VMOVUPS Y7, (R8)                    // dst[n-8:n] = last
	VZEROUPPER
	RET

big:
	CMPQ CX, $64
	JB   vec
	STREAM1(stream)                     // n*8 >= streamingThreshold, dst is not src
	SUBQ $64, CX

loop: // for ; n >= 64; n -= 64 { dst[0:64] = relu(src[0:64]) }
	RELU_Y(VMOVUPS, 0, Y1, Y8)
	RELU_Y(VMOVUPS, 32, Y2, Y9)
	RELU_Y(VMOVUPS, 64, Y3, Y10)
	RELU_Y(VMOVUPS, 96, Y4, Y11)
	RELU_Y(VMOVUPS, 128, Y1, Y8)
	RELU_Y(VMOVUPS, 160, Y2, Y9)
	RELU_Y(VMOVUPS, 192, Y3, Y10)
	RELU_Y(VMOVUPS, 224, Y4, Y11)
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  loop
	ADDQ $64, CX

vec: // for ; n >= 8; n -= 8 { dst[0:8] = relu(src[0:8]) }
	CMPQ CX, $8
	JB   last
	RELU_Y(VMOVUPS, 0, Y1, Y8)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $8, CX
	JMP  vec

last: // if n > 0 { dst[len-8:len] = last }
	TESTQ   CX, CX
	JEQ     done
	VMOVUPS Y7, (R8)

done:
	VZEROUPPER
	RET

stream: // dst[0:8], then non-temporal from dst's next 32-byte boundary on
	RELU_Y(VMOVUPS, 0, Y1, Y8)
	MOVQ DI, AX
	NEGQ AX
	ANDQ $31, AX                        // bytes to the boundary, 0..28
	ADDQ AX, DI
	ADDQ AX, SI
	SHRQ $2, AX
	SUBQ AX, CX
	SUBQ $64, CX
	JB   streamdone

streamloop: // for ; n >= 64; n -= 64 { dst[0:64] = relu(src[0:64]), streamed }
	RELU_Y(VMOVNTPS, 0, Y1, Y8)
	RELU_Y(VMOVNTPS, 32, Y2, Y9)
	RELU_Y(VMOVNTPS, 64, Y3, Y10)
	RELU_Y(VMOVNTPS, 96, Y4, Y11)
	RELU_Y(VMOVNTPS, 128, Y1, Y8)
	RELU_Y(VMOVNTPS, 160, Y2, Y9)
	RELU_Y(VMOVNTPS, 192, Y3, Y10)
	RELU_Y(VMOVNTPS, 224, Y4, Y11)
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  streamloop

streamdone:
	SFENCE
	ADDQ $64, CX
	JMP  vec

small: // n < 8
	CMPQ    CX, $4
	JB      small3
	VMOVUPS (SI), X1                    // dst[0:4], dst[n-4:n] = relu(src[0:4]), relu(src[n-4:n])
	VMOVUPS -16(SI)(CX*4), X2
	RELU(X0, X1, X8)
	RELU(X0, X2, X9)
	VMOVUPS X1, (DI)
	VMOVUPS X2, -16(DI)(CX*4)
	VZEROUPPER
	RET

small3:
	CMPQ  CX, $2
	JB    small1
	VMOVQ (SI), X1                      // dst[0:2], dst[n-2:n] = relu(src[0:2]), relu(src[n-2:n])
	VMOVQ -8(SI)(CX*4), X2
	RELU(X0, X1, X8)
	RELU(X0, X2, X9)
	VMOVQ X1, (DI)
	VMOVQ X2, -8(DI)(CX*4)
	VZEROUPPER
	RET

small1:
	TESTQ  CX, CX
	JEQ    small0
	VMOVSS (SI), X1                     // dst[0] = relu(src[0])
	RELU(X0, X1, X8)
	VMOVSS X1, (DI)

small0:
	VZEROUPPER
	RET

// func leakyReLUAVX2(dst, src []float32, alpha float32)
TEXT ·leakyReLUAVX2(SB), NOSPLIT, $0-52
	MOVQ         dst_base+0(FP), DI
	MOVQ         src_base+24(FP), SI
	MOVQ         dst_len+8(FP), CX
	VXORPS       X0, X0, X0             // zero
	VBROADCASTSS alpha+48(FP), Y6       // alpha in every lane
	CMPQ         CX, $8
	JB           small

	VMOVUPS -32(SI)(CX*4), Y7           // last := leaky(src[n-8:n]), before any store
	LEAKY(Y0, Y6, Y7, Y8, Y12)
	LEAQ    -32(DI)(CX*4), R8           // R8 = &dst[n-8]
	CMPQ    CX, $16
	JA      big
	LEAKY_Y(VMOVUPS, 0, Y1, Y8, Y12)    // n <= 16: dst[0:8]
	VMOVUPS Y7, (R8)                    // dst[n-8:n] = last
	VZEROUPPER
	RET

big:
	CMPQ CX, $64
	JB   vec
	STREAM1(stream)                     // n*8 >= streamingThreshold, dst is not src
	SUBQ $64, CX

loop: // for ; n >= 64; n -= 64 { dst[0:64] = leaky(src[0:64]) }
	LEAKY_Y(VMOVUPS, 0, Y1, Y8, Y12)
	LEAKY_Y(VMOVUPS, 32, Y2, Y9, Y13)
	LEAKY_Y(VMOVUPS, 64, Y3, Y10, Y14)
	LEAKY_Y(VMOVUPS, 96, Y4, Y11, Y5)
	LEAKY_Y(VMOVUPS, 128, Y1, Y8, Y12)
	LEAKY_Y(VMOVUPS, 160, Y2, Y9, Y13)
	LEAKY_Y(VMOVUPS, 192, Y3, Y10, Y14)
	LEAKY_Y(VMOVUPS, 224, Y4, Y11, Y5)
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  loop
	ADDQ $64, CX

vec: // for ; n >= 8; n -= 8 { dst[0:8] = leaky(src[0:8]) }
	CMPQ CX, $8
	JB   last
	LEAKY_Y(VMOVUPS, 0, Y1, Y8, Y12)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $8, CX
	JMP  vec

last:
	TESTQ   CX, CX
	JEQ     done
	VMOVUPS Y7, (R8)                    // dst[len-8:len] = last

done:
	VZEROUPPER
	RET

stream:
	LEAKY_Y(VMOVUPS, 0, Y1, Y8, Y12)    // dst[0:8], unaligned
	MOVQ DI, AX
	NEGQ AX
	ANDQ $31, AX
	ADDQ AX, DI
	ADDQ AX, SI
	SHRQ $2, AX
	SUBQ AX, CX
	SUBQ $64, CX
	JB   streamdone

streamloop:
	LEAKY_Y(VMOVNTPS, 0, Y1, Y8, Y12)
	LEAKY_Y(VMOVNTPS, 32, Y2, Y9, Y13)
	LEAKY_Y(VMOVNTPS, 64, Y3, Y10, Y14)
	LEAKY_Y(VMOVNTPS, 96, Y4, Y11, Y5)
	LEAKY_Y(VMOVNTPS, 128, Y1, Y8, Y12)
	LEAKY_Y(VMOVNTPS, 160, Y2, Y9, Y13)
	LEAKY_Y(VMOVNTPS, 192, Y3, Y10, Y14)
	LEAKY_Y(VMOVNTPS, 224, Y4, Y11, Y5)
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  streamloop

streamdone:
	SFENCE
	ADDQ $64, CX
	JMP  vec

small:
	CMPQ    CX, $4
	JB      small3
	VMOVUPS (SI), X1                    // dst[0:4], dst[n-4:n]
	VMOVUPS -16(SI)(CX*4), X2
	LEAKY(X0, X6, X1, X8, X12)
	LEAKY(X0, X6, X2, X9, X13)
	VMOVUPS X1, (DI)
	VMOVUPS X2, -16(DI)(CX*4)
	VZEROUPPER
	RET

small3:
	CMPQ  CX, $2
	JB    small1
	VMOVQ (SI), X1                      // dst[0:2], dst[n-2:n]
	VMOVQ -8(SI)(CX*4), X2
	LEAKY(X0, X6, X1, X8, X12)
	LEAKY(X0, X6, X2, X9, X13)
	VMOVQ X1, (DI)
	VMOVQ X2, -8(DI)(CX*4)
	VZEROUPPER
	RET

small1:
	TESTQ  CX, CX
	JEQ    small0
	VMOVSS (SI), X1                     // dst[0]
	LEAKY(X0, X6, X1, X8, X12)
	VMOVSS X1, (DI)

small0:
	VZEROUPPER
	RET

// func reluGradAVX2(dst, grad, x []float32)
TEXT ·reluGradAVX2(SB), NOSPLIT, $0-72
	MOVQ   dst_base+0(FP), DI
	MOVQ   grad_base+24(FP), SI
	MOVQ   x_base+48(FP), DX
	MOVQ   dst_len+8(FP), CX
	VXORPS X0, X0, X0                   // zero
	CMPQ   CX, $8
	JB     small

	VMOVUPS -32(SI)(CX*4), Y7           // last := grad[n-8:n] masked by x[n-8:n], before any store
	VMOVUPS -32(DX)(CX*4), Y8
	RELUGRAD(Y0, Y7, Y8)
	LEAQ    -32(DI)(CX*4), R8           // R8 = &dst[n-8]
	CMPQ    CX, $16
	JA      big
	RELUGRAD_Y(VMOVUPS, 0, Y1, Y8)      // n <= 16: dst[0:8]
	VMOVUPS Y7, (R8)                    // dst[n-8:n] = last
	VZEROUPPER
	RET

big:
	CMPQ CX, $64
	JB   vec
	STREAM2(stream)                     // n*12 >= streamingThreshold, dst is neither grad nor x
	SUBQ $64, CX

loop: // for ; n >= 64; n -= 64 { dst[i] = m(x[i]) ? +0 : grad[i] }
	RELUGRAD_Y(VMOVUPS, 0, Y1, Y8)
	RELUGRAD_Y(VMOVUPS, 32, Y2, Y9)
	RELUGRAD_Y(VMOVUPS, 64, Y3, Y10)
	RELUGRAD_Y(VMOVUPS, 96, Y4, Y11)
	RELUGRAD_Y(VMOVUPS, 128, Y1, Y8)
	RELUGRAD_Y(VMOVUPS, 160, Y2, Y9)
	RELUGRAD_Y(VMOVUPS, 192, Y3, Y10)
	RELUGRAD_Y(VMOVUPS, 224, Y4, Y11)
	ADDQ $256, SI
	ADDQ $256, DX
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  loop
	ADDQ $64, CX

vec:
	CMPQ CX, $8
	JB   last
	RELUGRAD_Y(VMOVUPS, 0, Y1, Y8)
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, DI
	SUBQ $8, CX
	JMP  vec

last:
	TESTQ   CX, CX
	JEQ     done
	VMOVUPS Y7, (R8)                    // dst[len-8:len] = last

done:
	VZEROUPPER
	RET

stream:
	RELUGRAD_Y(VMOVUPS, 0, Y1, Y8)      // dst[0:8], unaligned
	MOVQ DI, AX
	NEGQ AX
	ANDQ $31, AX
	ADDQ AX, DI
	ADDQ AX, SI
	ADDQ AX, DX
	SHRQ $2, AX
	SUBQ AX, CX
	SUBQ $64, CX
	JB   streamdone

streamloop:
	RELUGRAD_Y(VMOVNTPS, 0, Y1, Y8)
	RELUGRAD_Y(VMOVNTPS, 32, Y2, Y9)
	RELUGRAD_Y(VMOVNTPS, 64, Y3, Y10)
	RELUGRAD_Y(VMOVNTPS, 96, Y4, Y11)
	RELUGRAD_Y(VMOVNTPS, 128, Y1, Y8)
	RELUGRAD_Y(VMOVNTPS, 160, Y2, Y9)
	RELUGRAD_Y(VMOVNTPS, 192, Y3, Y10)
	RELUGRAD_Y(VMOVNTPS, 224, Y4, Y11)
	ADDQ $256, SI
	ADDQ $256, DX
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  streamloop

streamdone:
	SFENCE
	ADDQ $64, CX
	JMP  vec

small:
	CMPQ    CX, $4
	JB      small3
	VMOVUPS (SI), X1                    // dst[0:4], dst[n-4:n]
	VMOVUPS -16(SI)(CX*4), X2
	VMOVUPS (DX), X8
	VMOVUPS -16(DX)(CX*4), X9
	RELUGRAD(X0, X1, X8)
	RELUGRAD(X0, X2, X9)
	VMOVUPS X1, (DI)
	VMOVUPS X2, -16(DI)(CX*4)
	VZEROUPPER
	RET

small3:
	CMPQ  CX, $2
	JB    small1
	VMOVQ (SI), X1                      // dst[0:2], dst[n-2:n]
	VMOVQ -8(SI)(CX*4), X2
	VMOVQ (DX), X8
	VMOVQ -8(DX)(CX*4), X9
	RELUGRAD(X0, X1, X8)
	RELUGRAD(X0, X2, X9)
	VMOVQ X1, (DI)
	VMOVQ X2, -8(DI)(CX*4)
	VZEROUPPER
	RET

small1:
	TESTQ  CX, CX
	JEQ    small0
	VMOVSS (SI), X1                     // dst[0]
	VMOVSS (DX), X8
	RELUGRAD(X0, X1, X8)
	VMOVSS X1, (DI)

small0:
	VZEROUPPER
	RET

// func leakyReLUGradAVX2(dst, grad, x []float32, alpha float32)
TEXT ·leakyReLUGradAVX2(SB), NOSPLIT, $0-76
	MOVQ         dst_base+0(FP), DI
	MOVQ         grad_base+24(FP), SI
	MOVQ         x_base+48(FP), DX
	MOVQ         dst_len+8(FP), CX
	VXORPS       X0, X0, X0             // zero
	VBROADCASTSS alpha+72(FP), Y6       // alpha in every lane
	CMPQ         CX, $8
	JB           small

	VMOVUPS -32(SI)(CX*4), Y7           // last := leaky(grad[n-8:n]) by x[n-8:n], before any store
	VMOVUPS -32(DX)(CX*4), Y8
	LEAKYGRAD(Y0, Y6, Y7, Y8, Y12)
	LEAQ    -32(DI)(CX*4), R8           // R8 = &dst[n-8]
	CMPQ    CX, $16
	JA      big
	LEAKYGRAD_Y(VMOVUPS, 0, Y1, Y8, Y12) // n <= 16: dst[0:8]
	VMOVUPS Y7, (R8)                    // dst[n-8:n] = last
	VZEROUPPER
	RET

big:
	CMPQ CX, $64
	JB   vec
	STREAM2(stream)                     // n*12 >= streamingThreshold, dst is neither grad nor x
	SUBQ $64, CX

loop: // for ; n >= 64; n -= 64 { dst[i] = m(x[i]) ? alpha*grad[i] : grad[i] }
	LEAKYGRAD_Y(VMOVUPS, 0, Y1, Y8, Y12)
	LEAKYGRAD_Y(VMOVUPS, 32, Y2, Y9, Y13)
	LEAKYGRAD_Y(VMOVUPS, 64, Y3, Y10, Y14)
	LEAKYGRAD_Y(VMOVUPS, 96, Y4, Y11, Y5)
	LEAKYGRAD_Y(VMOVUPS, 128, Y1, Y8, Y12)
	LEAKYGRAD_Y(VMOVUPS, 160, Y2, Y9, Y13)
	LEAKYGRAD_Y(VMOVUPS, 192, Y3, Y10, Y14)
	LEAKYGRAD_Y(VMOVUPS, 224, Y4, Y11, Y5)
	ADDQ $256, SI
	ADDQ $256, DX
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  loop
	ADDQ $64, CX

vec:
	CMPQ CX, $8
	JB   last
	LEAKYGRAD_Y(VMOVUPS, 0, Y1, Y8, Y12)
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, DI
	SUBQ $8, CX
	JMP  vec

last:
	TESTQ   CX, CX
	JEQ     done
	VMOVUPS Y7, (R8)                    // dst[len-8:len] = last

done:
	VZEROUPPER
	RET

stream:
	LEAKYGRAD_Y(VMOVUPS, 0, Y1, Y8, Y12) // dst[0:8], unaligned
	MOVQ DI, AX
	NEGQ AX
	ANDQ $31, AX
	ADDQ AX, DI
	ADDQ AX, SI
	ADDQ AX, DX
	SHRQ $2, AX
	SUBQ AX, CX
	SUBQ $64, CX
	JB   streamdone

streamloop:
	LEAKYGRAD_Y(VMOVNTPS, 0, Y1, Y8, Y12)
	LEAKYGRAD_Y(VMOVNTPS, 32, Y2, Y9, Y13)
	LEAKYGRAD_Y(VMOVNTPS, 64, Y3, Y10, Y14)
	LEAKYGRAD_Y(VMOVNTPS, 96, Y4, Y11, Y5)
	LEAKYGRAD_Y(VMOVNTPS, 128, Y1, Y8, Y12)
	LEAKYGRAD_Y(VMOVNTPS, 160, Y2, Y9, Y13)
	LEAKYGRAD_Y(VMOVNTPS, 192, Y3, Y10, Y14)
	LEAKYGRAD_Y(VMOVNTPS, 224, Y4, Y11, Y5)
	ADDQ $256, SI
	ADDQ $256, DX
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  streamloop

streamdone:
	SFENCE
	ADDQ $64, CX
	JMP  vec

small:
	CMPQ    CX, $4
	JB      small3
	VMOVUPS (SI), X1                    // dst[0:4], dst[n-4:n]
	VMOVUPS -16(SI)(CX*4), X2
	VMOVUPS (DX), X8
	VMOVUPS -16(DX)(CX*4), X9
	LEAKYGRAD(X0, X6, X1, X8, X12)
	LEAKYGRAD(X0, X6, X2, X9, X13)
	VMOVUPS X1, (DI)
	VMOVUPS X2, -16(DI)(CX*4)
	VZEROUPPER
	RET

small3:
	CMPQ  CX, $2
	JB    small1
	VMOVQ (SI), X1                      // dst[0:2], dst[n-2:n]
	VMOVQ -8(SI)(CX*4), X2
	VMOVQ (DX), X8
	VMOVQ -8(DX)(CX*4), X9
	LEAKYGRAD(X0, X6, X1, X8, X12)
	LEAKYGRAD(X0, X6, X2, X9, X13)
	VMOVQ X1, (DI)
	VMOVQ X2, -8(DI)(CX*4)
	VZEROUPPER
	RET

small1:
	TESTQ  CX, CX
	JEQ    small0
	VMOVSS (SI), X1                     // dst[0]
	VMOVSS (DX), X8
	LEAKYGRAD(X0, X6, X1, X8, X12)
	VMOVSS X1, (DI)

small0:
	VZEROUPPER
	RET

// ---- AVX-512 --------------------------------------------------------------

// func reluAVX512(dst, src []float32)
TEXT ·reluAVX512(SB), NOSPLIT, $0-48
	MOVQ dst_len+8(FP), CX
	CMPQ CX, $16
	JAE  wide
	JMP  ·reluAVX2(SB)                  // n < 16: at most two overlapping YMM/XMM vectors

wide:
	MOVQ    dst_base+0(FP), DI
	MOVQ    src_base+24(FP), SI
	VXORPS  X0, X0, X0                  // zero, all of Z0
	VMOVUPS -64(SI)(CX*4), Z7           // last := relu(src[n-16:n]), before any store
	RELU512(Z7, K2)
	LEAQ    -64(DI)(CX*4), R8           // R8 = &dst[n-16]
	CMPQ    CX, $32
	JA      big
	RELU_Z(VMOVUPS, 0, Z1, K1)          // n <= 32: dst[0:16] = relu(src[0:16])
	VMOVUPS Z7, (R8)                    // dst[n-16:n] = last
	VZEROUPPER
	RET

big:
	CMPQ CX, $64
	JB   vec
	STREAM1(stream)                     // n*8 >= streamingThreshold, dst is not src
	SUBQ $64, CX

loop: // for ; n >= 64; n -= 64 { dst[0:64] = relu(src[0:64]) }
	RELU_Z(VMOVUPS, 0, Z1, K1)
	RELU_Z(VMOVUPS, 64, Z2, K3)
	RELU_Z(VMOVUPS, 128, Z3, K4)
	RELU_Z(VMOVUPS, 192, Z4, K5)
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  loop
	ADDQ $64, CX

vec: // for ; n >= 16; n -= 16 { dst[0:16] = relu(src[0:16]) }
	CMPQ CX, $16
	JB   last
	RELU_Z(VMOVUPS, 0, Z1, K1)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $16, CX
	JMP  vec

last: // if n > 0 { dst[len-16:len] = last }
	TESTQ   CX, CX
	JEQ     done
	VMOVUPS Z7, (R8)

done:
	VZEROUPPER
	RET

stream: // dst[0:16], then non-temporal from dst's next 64-byte boundary on
	RELU_Z(VMOVUPS, 0, Z1, K1)
	MOVQ DI, AX
	NEGQ AX
	ANDQ $63, AX                        // bytes to the boundary, 0..60
	ADDQ AX, DI
	ADDQ AX, SI
	SHRQ $2, AX
	SUBQ AX, CX
	SUBQ $64, CX
	JB   streamdone

streamloop:
	RELU_Z(VMOVNTPS, 0, Z1, K1)
	RELU_Z(VMOVNTPS, 64, Z2, K3)
	RELU_Z(VMOVNTPS, 128, Z3, K4)
	RELU_Z(VMOVNTPS, 192, Z4, K5)
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  streamloop

streamdone:
	SFENCE
	ADDQ $64, CX
	JMP  vec

// func leakyReLUAVX512(dst, src []float32, alpha float32)
TEXT ·leakyReLUAVX512(SB), NOSPLIT, $0-52
	MOVQ dst_len+8(FP), CX
	CMPQ CX, $16
	JAE  wide
	JMP  ·leakyReLUAVX2(SB)             // n < 16

wide:
	MOVQ         dst_base+0(FP), DI
	MOVQ         src_base+24(FP), SI
	VXORPS       X0, X0, X0             // zero
	VBROADCASTSS alpha+48(FP), Z6       // alpha in every lane
	VMOVUPS      -64(SI)(CX*4), Z7      // last := leaky(src[n-16:n]), before any store
	LEAKY512(Z7, K2)
	LEAQ         -64(DI)(CX*4), R8      // R8 = &dst[n-16]
	CMPQ         CX, $32
	JA           big
	LEAKY_Z(VMOVUPS, 0, Z1, K1)         // n <= 32: dst[0:16]
	VMOVUPS      Z7, (R8)               // dst[n-16:n] = last
	VZEROUPPER
	RET

big:
	CMPQ CX, $64
	JB   vec
	STREAM1(stream)                     // n*8 >= streamingThreshold, dst is not src
	SUBQ $64, CX

loop: // for ; n >= 64; n -= 64 { dst[0:64] = leaky(src[0:64]) }
	LEAKY_Z(VMOVUPS, 0, Z1, K1)
	LEAKY_Z(VMOVUPS, 64, Z2, K3)
	LEAKY_Z(VMOVUPS, 128, Z3, K4)
	LEAKY_Z(VMOVUPS, 192, Z4, K5)
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  loop
	ADDQ $64, CX

vec:
	CMPQ CX, $16
	JB   last
	LEAKY_Z(VMOVUPS, 0, Z1, K1)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $16, CX
	JMP  vec

last:
	TESTQ   CX, CX
	JEQ     done
	VMOVUPS Z7, (R8)                    // dst[len-16:len] = last

done:
	VZEROUPPER
	RET

stream:
	LEAKY_Z(VMOVUPS, 0, Z1, K1)         // dst[0:16], unaligned
	MOVQ DI, AX
	NEGQ AX
	ANDQ $63, AX
	ADDQ AX, DI
	ADDQ AX, SI
	SHRQ $2, AX
	SUBQ AX, CX
	SUBQ $64, CX
	JB   streamdone

streamloop:
	LEAKY_Z(VMOVNTPS, 0, Z1, K1)
	LEAKY_Z(VMOVNTPS, 64, Z2, K3)
	LEAKY_Z(VMOVNTPS, 128, Z3, K4)
	LEAKY_Z(VMOVNTPS, 192, Z4, K5)
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  streamloop

streamdone:
	SFENCE
	ADDQ $64, CX
	JMP  vec

// func reluGradAVX512(dst, grad, x []float32)
TEXT ·reluGradAVX512(SB), NOSPLIT, $0-72
	MOVQ dst_len+8(FP), CX
	CMPQ CX, $16
	JAE  wide
	JMP  ·reluGradAVX2(SB)              // n < 16

wide:
	MOVQ    dst_base+0(FP), DI
	MOVQ    grad_base+24(FP), SI
	MOVQ    x_base+48(FP), DX
	VXORPS  X0, X0, X0                  // zero
	VMOVUPS -64(SI)(CX*4), Z7           // last := grad[n-16:n] masked by x[n-16:n], before any store
	VMOVUPS -64(DX)(CX*4), Z8
	RELUGRAD512(Z7, Z8, K2)
	LEAQ    -64(DI)(CX*4), R8           // R8 = &dst[n-16]
	CMPQ    CX, $32
	JA      big
	RELUGRAD_Z(VMOVUPS, 0, Z1, Z8, K1)  // n <= 32: dst[0:16]
	VMOVUPS Z7, (R8)                    // dst[n-16:n] = last
	VZEROUPPER
	RET

big:
	CMPQ CX, $64
	JB   vec
	STREAM2(stream)                     // n*12 >= streamingThreshold, dst is neither grad nor x
	SUBQ $64, CX

loop: // for ; n >= 64; n -= 64 { dst[i] = m(x[i]) ? +0 : grad[i] }
	RELUGRAD_Z(VMOVUPS, 0, Z1, Z8, K1)
	RELUGRAD_Z(VMOVUPS, 64, Z2, Z9, K3)
	RELUGRAD_Z(VMOVUPS, 128, Z3, Z10, K4)
	RELUGRAD_Z(VMOVUPS, 192, Z4, Z11, K5)
	ADDQ $256, SI
	ADDQ $256, DX
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  loop
	ADDQ $64, CX

vec:
	CMPQ CX, $16
	JB   last
	RELUGRAD_Z(VMOVUPS, 0, Z1, Z8, K1)
	ADDQ $64, SI
	ADDQ $64, DX
	ADDQ $64, DI
	SUBQ $16, CX
	JMP  vec

last:
	TESTQ   CX, CX
	JEQ     done
	VMOVUPS Z7, (R8)                    // dst[len-16:len] = last

done:
	VZEROUPPER
	RET

stream:
	RELUGRAD_Z(VMOVUPS, 0, Z1, Z8, K1)  // dst[0:16], unaligned
	MOVQ DI, AX
	NEGQ AX
	ANDQ $63, AX
	ADDQ AX, DI
	ADDQ AX, SI
	ADDQ AX, DX
	SHRQ $2, AX
	SUBQ AX, CX
	SUBQ $64, CX
	JB   streamdone

streamloop:
	RELUGRAD_Z(VMOVNTPS, 0, Z1, Z8, K1)
	RELUGRAD_Z(VMOVNTPS, 64, Z2, Z9, K3)
	RELUGRAD_Z(VMOVNTPS, 128, Z3, Z10, K4)
	RELUGRAD_Z(VMOVNTPS, 192, Z4, Z11, K5)
	ADDQ $256, SI
	ADDQ $256, DX
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  streamloop

streamdone:
	SFENCE
	ADDQ $64, CX
	JMP  vec

// func leakyReLUGradAVX512(dst, grad, x []float32, alpha float32)
TEXT ·leakyReLUGradAVX512(SB), NOSPLIT, $0-76
	MOVQ dst_len+8(FP), CX
	CMPQ CX, $16
	JAE  wide
	JMP  ·leakyReLUGradAVX2(SB)         // n < 16

wide:
	MOVQ         dst_base+0(FP), DI
	MOVQ         grad_base+24(FP), SI
	MOVQ         x_base+48(FP), DX
	VXORPS       X0, X0, X0             // zero
	VBROADCASTSS alpha+72(FP), Z6       // alpha in every lane
	VMOVUPS      -64(SI)(CX*4), Z7      // last := leaky(grad[n-16:n]) by x[n-16:n], before any store
	VMOVUPS      -64(DX)(CX*4), Z8
	LEAKYGRAD512(Z7, Z8, K2)
	LEAQ         -64(DI)(CX*4), R8      // R8 = &dst[n-16]
	CMPQ         CX, $32
	JA           big
	LEAKYGRAD_Z(VMOVUPS, 0, Z1, Z8, K1) // n <= 32: dst[0:16]
	VMOVUPS      Z7, (R8)               // dst[n-16:n] = last
	VZEROUPPER
	RET

big:
	CMPQ CX, $64
	JB   vec
	STREAM2(stream)                     // n*12 >= streamingThreshold, dst is neither grad nor x
	SUBQ $64, CX

loop: // for ; n >= 64; n -= 64 { dst[i] = m(x[i]) ? alpha*grad[i] : grad[i] }
	LEAKYGRAD_Z(VMOVUPS, 0, Z1, Z8, K1)
	LEAKYGRAD_Z(VMOVUPS, 64, Z2, Z9, K3)
	LEAKYGRAD_Z(VMOVUPS, 128, Z3, Z10, K4)
	LEAKYGRAD_Z(VMOVUPS, 192, Z4, Z11, K5)
	ADDQ $256, SI
	ADDQ $256, DX
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  loop
	ADDQ $64, CX

vec:
	CMPQ CX, $16
	JB   last
	LEAKYGRAD_Z(VMOVUPS, 0, Z1, Z8, K1)
	ADDQ $64, SI
	ADDQ $64, DX
	ADDQ $64, DI
	SUBQ $16, CX
	JMP  vec

last:
	TESTQ   CX, CX
	JEQ     done
	VMOVUPS Z7, (R8)                    // dst[len-16:len] = last

done:
	VZEROUPPER
	RET

stream:
	LEAKYGRAD_Z(VMOVUPS, 0, Z1, Z8, K1) // dst[0:16], unaligned
	MOVQ DI, AX
	NEGQ AX
	ANDQ $63, AX
	ADDQ AX, DI
	ADDQ AX, SI
	ADDQ AX, DX
	SHRQ $2, AX
	SUBQ AX, CX
	SUBQ $64, CX
	JB   streamdone

streamloop:
	LEAKYGRAD_Z(VMOVNTPS, 0, Z1, Z8, K1)
	LEAKYGRAD_Z(VMOVNTPS, 64, Z2, Z9, K3)
	LEAKYGRAD_Z(VMOVNTPS, 128, Z3, Z10, K4)
	LEAKYGRAD_Z(VMOVNTPS, 192, Z4, Z11, K5)
	ADDQ $256, SI
	ADDQ $256, DX
	ADDQ $256, DI
	SUBQ $64, CX
	JAE  streamloop

streamdone:
	SFENCE
	ADDQ $64, CX
	JMP  vec
