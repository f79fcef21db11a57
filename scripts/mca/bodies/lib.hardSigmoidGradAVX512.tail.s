# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardSigmoidGradAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups (%rdx), %zmm3
	vpslld $0x1, %zmm3, %zmm3
	vpsrld $0x1, %zmm3, %zmm3
	vcmpltps %zmm6, %zmm3, %k1
	vmulps %zmm5, %zmm1, %zmm1
	vmulps %zmm0, %zmm0, %zmm8
	vmovaps %zmm1, %zmm8 {%k1}
	vmovups %zmm8, (%rdi)
	addq $0x40, %rsi
	addq $0x40, %rdx
	addq $0x40, %rdi
	subq $0x10, %rcx
	jae .Lloop
