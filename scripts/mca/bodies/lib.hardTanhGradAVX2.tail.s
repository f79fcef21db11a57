# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.hardTanhGradAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm3
	vcmpleps %ymm6, %ymm3, %ymm8
	vcmpgeps %ymm5, %ymm3, %ymm10
	vandnps %ymm1, %ymm10, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdx
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
