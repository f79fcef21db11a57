# reluGradAVX2IntMem: ReLUGrad avx2, exact: yes (proof only: never run)
# m = C1 > x as int32 (x < 0, -0 or -Inf), m |= (x == +0 bits); dst = ~m & g.
# A standalone llvm-mca input (scripts/llvm-mca.sh adds a row for it), not
# assembled into any binary: the loop shape of kernels_amd64.s (8 YMM vectors,
# 64 floats per iteration, subq $0x40 / jae). Registers: rdi = dst, rsi = src
# or grad, rdx = x, rcx = floats left; ymm5 = 0xff800001 in every lane (as int32: -8388607); ymm0 = 0

.Lloop:
	vmovdqu (%rdx), %ymm12
	vpcmpgtd %ymm12, %ymm5, %ymm8
	vpcmpeqd %ymm0, %ymm12, %ymm12
	vpor %ymm12, %ymm8, %ymm8
	vpandn (%rsi), %ymm8, %ymm1
	vmovdqu %ymm1, (%rdi)
	vmovdqu 0x20(%rdx), %ymm13
	vpcmpgtd %ymm13, %ymm5, %ymm9
	vpcmpeqd %ymm0, %ymm13, %ymm13
	vpor %ymm13, %ymm9, %ymm9
	vpandn 0x20(%rsi), %ymm9, %ymm2
	vmovdqu %ymm2, 0x20(%rdi)
	vmovdqu 0x40(%rdx), %ymm14
	vpcmpgtd %ymm14, %ymm5, %ymm10
	vpcmpeqd %ymm0, %ymm14, %ymm14
	vpor %ymm14, %ymm10, %ymm10
	vpandn 0x40(%rsi), %ymm10, %ymm3
	vmovdqu %ymm3, 0x40(%rdi)
	vmovdqu 0x60(%rdx), %ymm15
	vpcmpgtd %ymm15, %ymm5, %ymm11
	vpcmpeqd %ymm0, %ymm15, %ymm15
	vpor %ymm15, %ymm11, %ymm11
	vpandn 0x60(%rsi), %ymm11, %ymm4
	vmovdqu %ymm4, 0x60(%rdi)
	vmovdqu 0x80(%rdx), %ymm12
	vpcmpgtd %ymm12, %ymm5, %ymm8
	vpcmpeqd %ymm0, %ymm12, %ymm12
	vpor %ymm12, %ymm8, %ymm8
	vpandn 0x80(%rsi), %ymm8, %ymm1
	vmovdqu %ymm1, 0x80(%rdi)
	vmovdqu 0xa0(%rdx), %ymm13
	vpcmpgtd %ymm13, %ymm5, %ymm9
	vpcmpeqd %ymm0, %ymm13, %ymm13
	vpor %ymm13, %ymm9, %ymm9
	vpandn 0xa0(%rsi), %ymm9, %ymm2
	vmovdqu %ymm2, 0xa0(%rdi)
	vmovdqu 0xc0(%rdx), %ymm14
	vpcmpgtd %ymm14, %ymm5, %ymm10
	vpcmpeqd %ymm0, %ymm14, %ymm14
	vpor %ymm14, %ymm10, %ymm10
	vpandn 0xc0(%rsi), %ymm10, %ymm3
	vmovdqu %ymm3, 0xc0(%rdi)
	vmovdqu 0xe0(%rdx), %ymm15
	vpcmpgtd %ymm15, %ymm5, %ymm11
	vpcmpeqd %ymm0, %ymm15, %ymm15
	vpor %ymm15, %ymm11, %ymm11
	vpandn 0xe0(%rsi), %ymm11, %ymm4
	vmovdqu %ymm4, 0xe0(%rdi)
	addq $0x100, %rdx
	addq $0x100, %rsi
	addq $0x100, %rdi
	subq $0x40, %rcx
	jae .Lloop
