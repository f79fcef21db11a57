# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardSwishGradAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vcmpleps %ymm5, %ymm3, %ymm10
	vdivps %ymm5, %ymm3, %ymm3
	vaddps %ymm14, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vblendvps %ymm10, %ymm3, %ymm1, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdx
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
