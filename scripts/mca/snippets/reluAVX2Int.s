# reluAVX2Int: ReLU avx2, exact: yes (proof only: never run)
# k = x > C as int32 (C = 0xff800000, the int32 of -Inf): the lanes kept; dst = k & x.
# A standalone llvm-mca input (scripts/llvm-mca.sh adds a row for it), not
# assembled into any binary: the loop shape of kernels_amd64.s (8 YMM vectors,
# 64 floats per iteration, subq $0x40 / jae). Registers: rdi = dst, rsi = src
# or grad, rdx = x, rcx = floats left; ymm5 = 0xff800000 in every lane

.Lloop:
	vmovdqu (%rsi), %ymm1
	vpcmpgtd %ymm5, %ymm1, %ymm8
	vpand %ymm1, %ymm8, %ymm1
	vmovdqu %ymm1, (%rdi)
	vmovdqu 0x20(%rsi), %ymm2
	vpcmpgtd %ymm5, %ymm2, %ymm9
	vpand %ymm2, %ymm9, %ymm2
	vmovdqu %ymm2, 0x20(%rdi)
	vmovdqu 0x40(%rsi), %ymm3
	vpcmpgtd %ymm5, %ymm3, %ymm10
	vpand %ymm3, %ymm10, %ymm3
	vmovdqu %ymm3, 0x40(%rdi)
	vmovdqu 0x60(%rsi), %ymm4
	vpcmpgtd %ymm5, %ymm4, %ymm11
	vpand %ymm4, %ymm11, %ymm4
	vmovdqu %ymm4, 0x60(%rdi)
	vmovdqu 0x80(%rsi), %ymm1
	vpcmpgtd %ymm5, %ymm1, %ymm8
	vpand %ymm1, %ymm8, %ymm1
	vmovdqu %ymm1, 0x80(%rdi)
	vmovdqu 0xa0(%rsi), %ymm2
	vpcmpgtd %ymm5, %ymm2, %ymm9
	vpand %ymm2, %ymm9, %ymm2
	vmovdqu %ymm2, 0xa0(%rdi)
	vmovdqu 0xc0(%rsi), %ymm3
	vpcmpgtd %ymm5, %ymm3, %ymm10
	vpand %ymm3, %ymm10, %ymm3
	vmovdqu %ymm3, 0xc0(%rdi)
	vmovdqu 0xe0(%rsi), %ymm4
	vpcmpgtd %ymm5, %ymm4, %ymm11
	vpand %ymm4, %ymm11, %ymm4
	vmovdqu %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi
	addq $0x100, %rdi
	subq $0x40, %rcx
	jae .Lloop
