# reluAVX2IntMem: ReLU avx2, exact: yes (proof only: never run)
# m = C1 > x as int32 (x negative or -0 or -Inf, not NaN); dst = ~m & x; both loads folded.
# A standalone llvm-mca input (scripts/llvm-mca.sh adds a row for it), not
# assembled into any binary: the loop shape of kernels_amd64.s (8 YMM vectors,
# 64 floats per iteration, subq $0x40 / jae). Registers: rdi = dst, rsi = src
# or grad, rdx = x, rcx = floats left; ymm5 = 0xff800001 in every lane (as int32: -8388607)

.Lloop:
	vpcmpgtd (%rsi), %ymm5, %ymm8
	vpandn (%rsi), %ymm8, %ymm1
	vmovdqu %ymm1, (%rdi)
	vpcmpgtd 0x20(%rsi), %ymm5, %ymm9
	vpandn 0x20(%rsi), %ymm9, %ymm2
	vmovdqu %ymm2, 0x20(%rdi)
	vpcmpgtd 0x40(%rsi), %ymm5, %ymm10
	vpandn 0x40(%rsi), %ymm10, %ymm3
	vmovdqu %ymm3, 0x40(%rdi)
	vpcmpgtd 0x60(%rsi), %ymm5, %ymm11
	vpandn 0x60(%rsi), %ymm11, %ymm4
	vmovdqu %ymm4, 0x60(%rdi)
	vpcmpgtd 0x80(%rsi), %ymm5, %ymm8
	vpandn 0x80(%rsi), %ymm8, %ymm1
	vmovdqu %ymm1, 0x80(%rdi)
	vpcmpgtd 0xa0(%rsi), %ymm5, %ymm9
	vpandn 0xa0(%rsi), %ymm9, %ymm2
	vmovdqu %ymm2, 0xa0(%rdi)
	vpcmpgtd 0xc0(%rsi), %ymm5, %ymm10
	vpandn 0xc0(%rsi), %ymm10, %ymm3
	vmovdqu %ymm3, 0xc0(%rdi)
	vpcmpgtd 0xe0(%rsi), %ymm5, %ymm11
	vpandn 0xe0(%rsi), %ymm11, %ymm4
	vmovdqu %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi
	addq $0x100, %rdi
	subq $0x40, %rcx
	jae .Lloop
