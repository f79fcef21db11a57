# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardTanhAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vcmpltps %zmm6, %zmm1, %k1
	vmovaps %zmm6, %zmm1 {%k1}
	vcmpgtps %zmm5, %zmm1, %k4
	vmovaps %zmm5, %zmm1 {%k4}
	vmovups %zmm1, (%rdi)
	addq $0x40, %rsi
	addq $0x40, %rdi
	subq $0x10, %rcx
	jae .Lloop
