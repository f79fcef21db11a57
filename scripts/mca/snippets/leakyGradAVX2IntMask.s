# leakyGradAVX2IntMask: LeakyReLUGrad avx2, exact: yes (proof only: never run)
# the mask in the integer domain, off the FP multiply/blend pipes: m = (C1 > x) | (x == +0 bits) as int32; dst = blendv(g, alpha*g, m).
# A standalone llvm-mca input (scripts/llvm-mca.sh adds a row for it), not
# assembled into any binary: the loop shape of kernels_amd64.s (8 YMM vectors,
# 64 floats per iteration, subq $0x40 / jae). Registers: rdi = dst, rsi = src
# or grad, rdx = x, rcx = floats left; ymm5 = 0xff800001 in every lane (as int32: -8388607); ymm0 = 0; ymm6 = alpha

.Lloop:
	vmovdqu (%rdx), %ymm8
	vpcmpeqd %ymm0, %ymm8, %ymm12
	vpcmpgtd %ymm8, %ymm5, %ymm8
	vpor %ymm12, %ymm8, %ymm8
	vmovups (%rsi), %ymm1
	vmulps %ymm6, %ymm1, %ymm12
	vblendvps %ymm8, %ymm12, %ymm1, %ymm1
	vmovups %ymm1, (%rdi)
	vmovdqu 0x20(%rdx), %ymm9
	vpcmpeqd %ymm0, %ymm9, %ymm13
	vpcmpgtd %ymm9, %ymm5, %ymm9
	vpor %ymm13, %ymm9, %ymm9
	vmovups 0x20(%rsi), %ymm2
	vmulps %ymm6, %ymm2, %ymm13
	vblendvps %ymm9, %ymm13, %ymm2, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmovdqu 0x40(%rdx), %ymm10
	vpcmpeqd %ymm0, %ymm10, %ymm14
	vpcmpgtd %ymm10, %ymm5, %ymm10
	vpor %ymm14, %ymm10, %ymm10
	vmovups 0x40(%rsi), %ymm3
	vmulps %ymm6, %ymm3, %ymm14
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmovdqu 0x60(%rdx), %ymm11
	vpcmpeqd %ymm0, %ymm11, %ymm15
	vpcmpgtd %ymm11, %ymm5, %ymm11
	vpor %ymm15, %ymm11, %ymm11
	vmovups 0x60(%rsi), %ymm4
	vmulps %ymm6, %ymm4, %ymm15
	vblendvps %ymm11, %ymm15, %ymm4, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmovdqu 0x80(%rdx), %ymm8
	vpcmpeqd %ymm0, %ymm8, %ymm12
	vpcmpgtd %ymm8, %ymm5, %ymm8
	vpor %ymm12, %ymm8, %ymm8
	vmovups 0x80(%rsi), %ymm1
	vmulps %ymm6, %ymm1, %ymm12
	vblendvps %ymm8, %ymm12, %ymm1, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmovdqu 0xa0(%rdx), %ymm9
	vpcmpeqd %ymm0, %ymm9, %ymm13
	vpcmpgtd %ymm9, %ymm5, %ymm9
	vpor %ymm13, %ymm9, %ymm9
	vmovups 0xa0(%rsi), %ymm2
	vmulps %ymm6, %ymm2, %ymm13
	vblendvps %ymm9, %ymm13, %ymm2, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmovdqu 0xc0(%rdx), %ymm10
	vpcmpeqd %ymm0, %ymm10, %ymm14
	vpcmpgtd %ymm10, %ymm5, %ymm10
	vpor %ymm14, %ymm10, %ymm10
	vmovups 0xc0(%rsi), %ymm3
	vmulps %ymm6, %ymm3, %ymm14
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmovdqu 0xe0(%rdx), %ymm11
	vpcmpeqd %ymm0, %ymm11, %ymm15
	vpcmpgtd %ymm11, %ymm5, %ymm11
	vpor %ymm15, %ymm11, %ymm11
	vmovups 0xe0(%rsi), %ymm4
	vmulps %ymm6, %ymm4, %ymm15
	vblendvps %ymm11, %ymm15, %ymm4, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rdx
	addq $0x100, %rsi
	addq $0x100, %rdi
	subq $0x40, %rcx
	jae .Lloop
