# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.leakyReLUGradAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm3
	vcmpge_oqps %ymm3, %ymm0, %ymm8
	vmulps %ymm6, %ymm1, %ymm10
	vblendvps %ymm8, %ymm10, %ymm1, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdx
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
