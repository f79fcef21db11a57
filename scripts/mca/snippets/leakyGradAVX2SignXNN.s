# leakyGradAVX2SignXNN: LeakyReLUGrad avx2, exact: no (blend on x's sign bit: +0 and negative NaNs differ)
# The C peer's loop (bench/cpeer_amd64.go, XNNPACK style): dst = blendv(g, g*alpha, x), no compare;
# the figure the exact kernels are compared with on Zen 1 and Zen 2. A standalone llvm-mca input
# (scripts/llvm-mca.sh adds a row for it), the library's loop shape: 8 YMM, 64 floats per iteration.
# Registers: rdi = dst, rsi = grad, rdx = x, rcx = floats left; ymm6 = alpha

.Lloop:
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm8
	vmulps %ymm6, %ymm1, %ymm12
	vblendvps %ymm8, %ymm12, %ymm1, %ymm1
	vmovups %ymm1, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vmovups 0x20(%rdx), %ymm9
	vmulps %ymm6, %ymm2, %ymm13
	vblendvps %ymm9, %ymm13, %ymm2, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm3
	vmovups 0x40(%rdx), %ymm10
	vmulps %ymm6, %ymm3, %ymm14
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm4
	vmovups 0x60(%rdx), %ymm11
	vmulps %ymm6, %ymm4, %ymm15
	vblendvps %ymm11, %ymm15, %ymm4, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vmovups 0x80(%rdx), %ymm8
	vmulps %ymm6, %ymm1, %ymm12
	vblendvps %ymm8, %ymm12, %ymm1, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vmovups 0xa0(%rdx), %ymm9
	vmulps %ymm6, %ymm2, %ymm13
	vblendvps %ymm9, %ymm13, %ymm2, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm3
	vmovups 0xc0(%rdx), %ymm10
	vmulps %ymm6, %ymm3, %ymm14
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm4
	vmovups 0xe0(%rdx), %ymm11
	vmulps %ymm6, %ymm4, %ymm15
	vblendvps %ymm11, %ymm15, %ymm4, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi
	addq $0x100, %rdx
	addq $0x100, %rdi
	subq $0x40, %rcx
	jae .Lloop
