# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardTanhAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vcmpltps %ymm6, %ymm1, %ymm3
	vblendvps %ymm3, %ymm6, %ymm1, %ymm1
	vcmpgtps %ymm5, %ymm1, %ymm8
	vblendvps %ymm8, %ymm5, %ymm1, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
