# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardSwishGradAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups (%rdx), %zmm3
	vcmpltps %zmm6, %zmm3, %k1
	vcmpleps %zmm5, %zmm3, %k4
	vdivps %zmm5, %zmm3, %zmm3
	vaddps %zmm14, %zmm3, %zmm3
	vmulps %zmm1, %zmm3, %zmm3
	vmovaps %zmm3, %zmm1 {%k4}
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	addq $0x40, %rsi
	addq $0x40, %rdx
	addq $0x40, %rdi
	subq $0x10, %rcx
	jae .Lloop
