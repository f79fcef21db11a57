# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.leakyReLUGradAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups (%rdx), %zmm8
	vcmpge_oqps %zmm8, %zmm0, %k1
	vmulps %zmm6, %zmm1, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	addq $0x40, %rsi
	addq $0x40, %rdx
	addq $0x40, %rdi
	subq $0x10, %rcx
	jae .Lloop
