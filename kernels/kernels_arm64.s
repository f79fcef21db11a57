//go:build !purego && !noasm

#include "textflag.h"

// NEON (AdvSIMD) kernels for arm64: see kernels.go for the contract.
//
// m(x) = (x <= 0), ordered, is exactly FCMLE Vd.4S, Vn.4S, #0.0: all ones
// where x <= 0 (both zeros included), all zeros where x > 0 or x is NaN.
//
//	ReLU:          BIC  y, x, m         y = x where !m, +0 where m
//	LeakyReLU:     FMUL p, alpha, x;    BIT x, p, m (x takes p where m)
//	ReLUGrad:      BIC  y, grad, m(x)
//	LeakyReLUGrad: FMUL p, alpha, grad; BIT grad, p, m(x)
//
// Never FMAX/FMAXNM: they quiet NaNs, and FMAXNM turns a NaN into a number.
// Pass-through lanes are moved as bits (BIC, BIT), so NaN payloads, signs
// and signaling NaNs survive. FMUL runs under Go's FPCR: FZ = 0 (subnormals
// kept), DN = 0 (a NaN operand propagates, quieted), RNE. Its operands are in
// the order the Go compiler uses for alpha*v (fmul d, alpha, v), so when
// alpha and v are both NaN the NEON path picks the same one as the generic
// path compiled for arm64.
//
// Go's assembler has no mnemonics for FCMLE, FMUL (vector) or BIC (vector),
// so they are WORDs with the instruction in a comment beside each, in the
// strict form "WORD $0x<8 lowercase hex digits> // <instruction>", which
// TestNEONEncodings (run by scripts/check-neon-encodings.sh in CI) assembles
// with aarch64-linux-gnu-as -march=armv8-a and compares with every WORD.
//
// Shape of every kernel, n = len(dst):
//	- n/16 iterations of 16 floats: LD1 of four Q registers per input with
//	  post-increment, four independent compare/select chains, ST1 of four.
//	- then the bits of n%16, each at most once: 8 floats (two Q), 4 (one Q),
//	  2 (FMOVD into a D register), 1 (FMOVS into an S register); these two
//	  use the .2S/.8B forms, and a scalar load zeroes the rest of the vector
//	  register, so the unused lane computes on +0 and is never stored.
// Nothing is read or written outside the slices, and every block loads all
// its inputs before it stores, so dst may be an input itself (in place).
//
// Registers: R0 dst, R1 src or grad, R2 x (gradients), R3 n, R4 count of
// 16-float blocks; V0-V3 src or grad, V4-V7 masks (x for gradients),
// V16-V19 products, V31 alpha in every lane.

// func reluNEON(dst, src []float32)
TEXT ·reluNEON(SB), NOSPLIT, $0-48
	MOVD	dst_base+0(FP), R0
	MOVD	dst_len+8(FP), R3
	MOVD	src_base+24(FP), R1
	LSR	$4, R3, R4
	CBZ	R4, tail8

loop16:
	VLD1.P	64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	WORD	$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0
	WORD	$0x6ea0d825 // fcmle v5.4s, v1.4s, #0.0
	WORD	$0x6ea0d846 // fcmle v6.4s, v2.4s, #0.0
	WORD	$0x6ea0d867 // fcmle v7.4s, v3.4s, #0.0
	WORD	$0x4e641c00 // bic v0.16b, v0.16b, v4.16b
	WORD	$0x4e651c21 // bic v1.16b, v1.16b, v5.16b
	WORD	$0x4e661c42 // bic v2.16b, v2.16b, v6.16b
	WORD	$0x4e671c63 // bic v3.16b, v3.16b, v7.16b
	VST1.P	[V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS	$1, R4
	BNE	loop16

tail8:
	TBZ	$3, R3, tail4
	VLD1.P	32(R1), [V0.S4, V1.S4]
	WORD	$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0
	WORD	$0x6ea0d825 // fcmle v5.4s, v1.4s, #0.0
	WORD	$0x4e641c00 // bic v0.16b, v0.16b, v4.16b
	WORD	$0x4e651c21 // bic v1.16b, v1.16b, v5.16b
	VST1.P	[V0.S4, V1.S4], 32(R0)

tail4:
	TBZ	$2, R3, tail2
	VLD1.P	16(R1), [V0.S4]
	WORD	$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0
	WORD	$0x4e641c00 // bic v0.16b, v0.16b, v4.16b
	VST1.P	[V0.S4], 16(R0)

tail2:
	TBZ	$1, R3, tail1
	FMOVD.P	8(R1), F0
	WORD	$0x2ea0d804 // fcmle v4.2s, v0.2s, #0.0
	WORD	$0x0e641c00 // bic v0.8b, v0.8b, v4.8b
	FMOVD.P	F0, 8(R0)

tail1:
	TBZ	$0, R3, done
	FMOVS	(R1), F0
	WORD	$0x2ea0d804 // fcmle v4.2s, v0.2s, #0.0
	WORD	$0x0e641c00 // bic v0.8b, v0.8b, v4.8b
	FMOVS	F0, (R0)

done:
	RET

// func leakyReLUNEON(dst, src []float32, alpha float32)
TEXT ·leakyReLUNEON(SB), NOSPLIT, $0-52
	MOVD	dst_base+0(FP), R0
	MOVD	dst_len+8(FP), R3
	MOVD	src_base+24(FP), R1
	FMOVS	alpha+48(FP), F31
	VDUP	V31.S[0], V31.S4
	LSR	$4, R3, R4
	CBZ	R4, tail8

loop16:
	VLD1.P	64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	WORD	$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0
	WORD	$0x6ea0d825 // fcmle v5.4s, v1.4s, #0.0
	WORD	$0x6ea0d846 // fcmle v6.4s, v2.4s, #0.0
	WORD	$0x6ea0d867 // fcmle v7.4s, v3.4s, #0.0
	WORD	$0x6e20dff0 // fmul v16.4s, v31.4s, v0.4s
	WORD	$0x6e21dff1 // fmul v17.4s, v31.4s, v1.4s
	WORD	$0x6e22dff2 // fmul v18.4s, v31.4s, v2.4s
	WORD	$0x6e23dff3 // fmul v19.4s, v31.4s, v3.4s
	VBIT	V4.B16, V16.B16, V0.B16
	VBIT	V5.B16, V17.B16, V1.B16
	VBIT	V6.B16, V18.B16, V2.B16
	VBIT	V7.B16, V19.B16, V3.B16
	VST1.P	[V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS	$1, R4
	BNE	loop16

tail8:
	TBZ	$3, R3, tail4
	VLD1.P	32(R1), [V0.S4, V1.S4]
	WORD	$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0
	WORD	$0x6ea0d825 // fcmle v5.4s, v1.4s, #0.0
	WORD	$0x6e20dff0 // fmul v16.4s, v31.4s, v0.4s
	WORD	$0x6e21dff1 // fmul v17.4s, v31.4s, v1.4s
	VBIT	V4.B16, V16.B16, V0.B16
	VBIT	V5.B16, V17.B16, V1.B16
	VST1.P	[V0.S4, V1.S4], 32(R0)

tail4:
	TBZ	$2, R3, tail2
	VLD1.P	16(R1), [V0.S4]
	WORD	$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0
	WORD	$0x6e20dff0 // fmul v16.4s, v31.4s, v0.4s
	VBIT	V4.B16, V16.B16, V0.B16
	VST1.P	[V0.S4], 16(R0)

tail2:
	TBZ	$1, R3, tail1
	FMOVD.P	8(R1), F0
	WORD	$0x2ea0d804 // fcmle v4.2s, v0.2s, #0.0
	WORD	$0x2e20dff0 // fmul v16.2s, v31.2s, v0.2s
	VBIT	V4.B8, V16.B8, V0.B8
	FMOVD.P	F0, 8(R0)

tail1:
	TBZ	$0, R3, done
	FMOVS	(R1), F0
	WORD	$0x2ea0d804 // fcmle v4.2s, v0.2s, #0.0
	WORD	$0x2e20dff0 // fmul v16.2s, v31.2s, v0.2s
	VBIT	V4.B8, V16.B8, V0.B8
	FMOVS	F0, (R0)

done:
	RET

// func reluGradNEON(dst, grad, x []float32)
TEXT ·reluGradNEON(SB), NOSPLIT, $0-72
	MOVD	dst_base+0(FP), R0
	MOVD	dst_len+8(FP), R3
	MOVD	grad_base+24(FP), R1
	MOVD	x_base+48(FP), R2
	LSR	$4, R3, R4
	CBZ	R4, tail8

loop16:
	VLD1.P	64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P	64(R2), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD	$0x6ea0d884 // fcmle v4.4s, v4.4s, #0.0
	WORD	$0x6ea0d8a5 // fcmle v5.4s, v5.4s, #0.0
	WORD	$0x6ea0d8c6 // fcmle v6.4s, v6.4s, #0.0
	WORD	$0x6ea0d8e7 // fcmle v7.4s, v7.4s, #0.0
	WORD	$0x4e641c00 // bic v0.16b, v0.16b, v4.16b
	WORD	$0x4e651c21 // bic v1.16b, v1.16b, v5.16b
	WORD	$0x4e661c42 // bic v2.16b, v2.16b, v6.16b
	WORD	$0x4e671c63 // bic v3.16b, v3.16b, v7.16b
	VST1.P	[V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS	$1, R4
	BNE	loop16

tail8:
	TBZ	$3, R3, tail4
	VLD1.P	32(R1), [V0.S4, V1.S4]
	VLD1.P	32(R2), [V4.S4, V5.S4]
	WORD	$0x6ea0d884 // fcmle v4.4s, v4.4s, #0.0
	WORD	$0x6ea0d8a5 // fcmle v5.4s, v5.4s, #0.0
	WORD	$0x4e641c00 // bic v0.16b, v0.16b, v4.16b
	WORD	$0x4e651c21 // bic v1.16b, v1.16b, v5.16b
	VST1.P	[V0.S4, V1.S4], 32(R0)

tail4:
	TBZ	$2, R3, tail2
	VLD1.P	16(R1), [V0.S4]
	VLD1.P	16(R2), [V4.S4]
	WORD	$0x6ea0d884 // fcmle v4.4s, v4.4s, #0.0
	WORD	$0x4e641c00 // bic v0.16b, v0.16b, v4.16b
	VST1.P	[V0.S4], 16(R0)

tail2:
	TBZ	$1, R3, tail1
	FMOVD.P	8(R1), F0
	FMOVD.P	8(R2), F4
	WORD	$0x2ea0d884 // fcmle v4.2s, v4.2s, #0.0
	WORD	$0x0e641c00 // bic v0.8b, v0.8b, v4.8b
	FMOVD.P	F0, 8(R0)

tail1:
	TBZ	$0, R3, done
	FMOVS	(R1), F0
	FMOVS	(R2), F4
	WORD	$0x2ea0d884 // fcmle v4.2s, v4.2s, #0.0
	WORD	$0x0e641c00 // bic v0.8b, v0.8b, v4.8b
	FMOVS	F0, (R0)

done:
	RET

// func leakyReLUGradNEON(dst, grad, x []float32, alpha float32)
TEXT ·leakyReLUGradNEON(SB), NOSPLIT, $0-76
	MOVD	dst_base+0(FP), R0
	MOVD	dst_len+8(FP), R3
	MOVD	grad_base+24(FP), R1
	MOVD	x_base+48(FP), R2
	FMOVS	alpha+72(FP), F31
	VDUP	V31.S[0], V31.S4
	LSR	$4, R3, R4
	CBZ	R4, tail8

loop16:
	VLD1.P	64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P	64(R2), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD	$0x6ea0d884 // fcmle v4.4s, v4.4s, #0.0
	WORD	$0x6ea0d8a5 // fcmle v5.4s, v5.4s, #0.0
	WORD	$0x6ea0d8c6 // fcmle v6.4s, v6.4s, #0.0
	WORD	$0x6ea0d8e7 // fcmle v7.4s, v7.4s, #0.0
	WORD	$0x6e20dff0 // fmul v16.4s, v31.4s, v0.4s
	WORD	$0x6e21dff1 // fmul v17.4s, v31.4s, v1.4s
	WORD	$0x6e22dff2 // fmul v18.4s, v31.4s, v2.4s
	WORD	$0x6e23dff3 // fmul v19.4s, v31.4s, v3.4s
	VBIT	V4.B16, V16.B16, V0.B16
	VBIT	V5.B16, V17.B16, V1.B16
	VBIT	V6.B16, V18.B16, V2.B16
	VBIT	V7.B16, V19.B16, V3.B16
	VST1.P	[V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS	$1, R4
	BNE	loop16

tail8:
	TBZ	$3, R3, tail4
	VLD1.P	32(R1), [V0.S4, V1.S4]
	VLD1.P	32(R2), [V4.S4, V5.S4]
	WORD	$0x6ea0d884 // fcmle v4.4s, v4.4s, #0.0
	WORD	$0x6ea0d8a5 // fcmle v5.4s, v5.4s, #0.0
	WORD	$0x6e20dff0 // fmul v16.4s, v31.4s, v0.4s
	WORD	$0x6e21dff1 // fmul v17.4s, v31.4s, v1.4s
	VBIT	V4.B16, V16.B16, V0.B16
	VBIT	V5.B16, V17.B16, V1.B16
	VST1.P	[V0.S4, V1.S4], 32(R0)

tail4:
	TBZ	$2, R3, tail2
	VLD1.P	16(R1), [V0.S4]
	VLD1.P	16(R2), [V4.S4]
	WORD	$0x6ea0d884 // fcmle v4.4s, v4.4s, #0.0
	WORD	$0x6e20dff0 // fmul v16.4s, v31.4s, v0.4s
	VBIT	V4.B16, V16.B16, V0.B16
	VST1.P	[V0.S4], 16(R0)

tail2:
	TBZ	$1, R3, tail1
	FMOVD.P	8(R1), F0
	FMOVD.P	8(R2), F4
	WORD	$0x2ea0d884 // fcmle v4.2s, v4.2s, #0.0
	WORD	$0x2e20dff0 // fmul v16.2s, v31.2s, v0.2s
	VBIT	V4.B8, V16.B8, V0.B8
	FMOVD.P	F0, 8(R0)

tail1:
	TBZ	$0, R3, done
	FMOVS	(R1), F0
	FMOVS	(R2), F4
	WORD	$0x2ea0d884 // fcmle v4.2s, v4.2s, #0.0
	WORD	$0x2e20dff0 // fmul v16.2s, v31.2s, v0.2s
	VBIT	V4.B8, V16.B8, V0.B8
	FMOVS	F0, (R0)

done:
	RET

