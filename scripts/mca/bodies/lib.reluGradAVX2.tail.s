# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.reluGradAVX2.abi0
.Lloop:
	vcmpge_oqps (%rdx), %ymm0, %ymm12
	vandnps (%rsi), %ymm12, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdx
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
