# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.leakyReLUAVX512.abi0, form 1
.Lloop:
	vmovups (%rsi), %zmm1
	vmulps %zmm6, %zmm1, %zmm8
	vmaxps %zmm1, %zmm8, %zmm1
	vmovups %zmm1, (%rdi)
	addq $0x40, %rsi
	addq $0x40, %rdi
	subq $0x10, %rcx
	jae .Lloop
