# one-vector loop (tail) of github.com/fastrelu/fastrelu/kernels.relu6AVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm8
	vcmpgeps %ymm6, %ymm1, %ymm12
	vblendvps %ymm12, %ymm6, %ymm1, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
