# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardSigmoidGradAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm3
	vpslld $0x1, %ymm3, %ymm3
	vpsrld $0x1, %ymm3, %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vmulps %ymm5, %ymm1, %ymm1
	vmulps %ymm0, %ymm0, %ymm10
	vblendvps %ymm8, %ymm1, %ymm10, %ymm10
	vmovups %ymm10, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdx
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
