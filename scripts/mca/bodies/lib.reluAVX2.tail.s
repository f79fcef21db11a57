# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.reluAVX2.abi0
.Lloop:
	cmpq $0x8, %rcx
	jb  .Lloop
	vmovups (%rsi), %ymm1
	vcmpleps %ymm0, %ymm1, %ymm8
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdi
	subq $0x8, %rcx
	jmp .Lloop
