# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.leakyReLUAVX2.abi0, form 1
.Lloop:
	vmovups (%rsi), %ymm1
	vmulps %ymm6, %ymm1, %ymm8
	vmaxps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
