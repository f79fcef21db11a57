# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.reluGradAVX2.abi0
.Lloop:
	cmpq $0x8, %rcx
	jb  .Lloop
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm8
	vcmpleps %ymm0, %ymm8, %ymm12
	vandnps %ymm1, %ymm12, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdx
	addq $0x20, %rdi
	subq $0x8, %rcx
	jmp .Lloop
