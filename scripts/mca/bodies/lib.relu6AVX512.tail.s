# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.relu6AVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vcmpge_oqps %zmm1, %zmm0, %k1
	vcmpgeps %zmm6, %zmm1, %k4
	vmovaps %zmm6, %zmm1 {%k4}
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	addq $0x40, %rsi
	addq $0x40, %rdi
	subq $0x10, %rcx
	jae .Lloop
