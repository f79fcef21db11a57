# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardSwishAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmulps %ymm0, %ymm0, %ymm3
	vaddps %ymm1, %ymm3, %ymm3
	vaddps %ymm5, %ymm3, %ymm3
	vcmpgeps %ymm6, %ymm3, %ymm8
	vcmpge_oqps %ymm3, %ymm0, %ymm10
	vblendvps %ymm8, %ymm6, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vdivps %ymm6, %ymm3, %ymm3
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
