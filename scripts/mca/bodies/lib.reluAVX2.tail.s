# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.reluAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm8
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
