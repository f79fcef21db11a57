# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardSigmoidAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vaddps %ymm5, %ymm1, %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm3
	vcmpgeps %ymm6, %ymm1, %ymm8
	vblendvps %ymm8, %ymm6, %ymm1, %ymm1
	vandnps %ymm1, %ymm3, %ymm1
	vdivps %ymm6, %ymm1, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
