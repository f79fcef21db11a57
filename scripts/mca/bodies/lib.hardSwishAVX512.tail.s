# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardSwishAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmulps %zmm0, %zmm0, %zmm3
	vaddps %zmm1, %zmm3, %zmm3
	vaddps %zmm5, %zmm3, %zmm3
	vcmpgeps %zmm6, %zmm3, %k1
	vcmpge_oqps %zmm3, %zmm0, %k4
	vmovaps %zmm6, %zmm3 {%k1}
	vmulps %zmm1, %zmm3, %zmm3
	vdivps %zmm6, %zmm3, %zmm3
	vmovaps %zmm14, %zmm3 {%k4}
	vmovups %zmm3, (%rdi)
	addq $0x40, %rsi
	addq $0x40, %rdi
	subq $0x10, %rcx
	jae .Lloop
