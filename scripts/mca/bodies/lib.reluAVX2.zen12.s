# main loop of github.com/fastrelu/fastrelu/kernels.reluAVX2.abi0, form 1
.Lloop:
	vcmpge_oqps (%rsi), %ymm0, %ymm8
	vandnps (%rsi), %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	vcmpge_oqps 0x20(%rsi), %ymm0, %ymm9
	vandnps 0x20(%rsi), %ymm9, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vcmpge_oqps 0x40(%rsi), %ymm0, %ymm10
	vandnps 0x40(%rsi), %ymm10, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vcmpge_oqps 0x60(%rsi), %ymm0, %ymm11
	vandnps 0x60(%rsi), %ymm11, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vcmpge_oqps 0x80(%rsi), %ymm0, %ymm8
	vandnps 0x80(%rsi), %ymm8, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vcmpge_oqps 0xa0(%rsi), %ymm0, %ymm9
	vandnps 0xa0(%rsi), %ymm9, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vcmpge_oqps 0xc0(%rsi), %ymm0, %ymm10
	vandnps 0xc0(%rsi), %ymm10, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vcmpge_oqps 0xe0(%rsi), %ymm0, %ymm11
	vandnps 0xe0(%rsi), %ymm11, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
