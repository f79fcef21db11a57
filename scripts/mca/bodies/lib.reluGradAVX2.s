# main loop of github.com/fastrelu/fastrelu/kernels.reluGradAVX2.abi0
.Lloop:
	vcmpge_oqps (%rdx), %ymm0, %ymm12
	vandnps (%rsi), %ymm12, %ymm1
	vmovups %ymm1, (%rdi)
	vcmpge_oqps 0x20(%rdx), %ymm0, %ymm13
	vandnps 0x20(%rsi), %ymm13, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vcmpge_oqps 0x40(%rdx), %ymm0, %ymm14
	vandnps 0x40(%rsi), %ymm14, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vcmpge_oqps 0x60(%rdx), %ymm0, %ymm5
	vandnps 0x60(%rsi), %ymm5, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vcmpge_oqps 0x80(%rdx), %ymm0, %ymm12
	vandnps 0x80(%rsi), %ymm12, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vcmpge_oqps 0xa0(%rdx), %ymm0, %ymm13
	vandnps 0xa0(%rsi), %ymm13, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vcmpge_oqps 0xc0(%rdx), %ymm0, %ymm14
	vandnps 0xc0(%rsi), %ymm14, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vcmpge_oqps 0xe0(%rdx), %ymm0, %ymm5
	vandnps 0xe0(%rsi), %ymm5, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
