# main loop of fastrelu.local/mcameasure.leakyAVX2BlendMem.abi0
.Lloop:
	vcmpngeps (%rsi), %ymm0, %ymm8
	vmulps (%rsi), %ymm6, %ymm12
	vblendvps %ymm8, (%rsi), %ymm12, %ymm1
	vmovups %ymm1, (%rdi)
	vcmpngeps 0x20(%rsi), %ymm0, %ymm9
	vmulps 0x20(%rsi), %ymm6, %ymm13
	vblendvps %ymm9, 0x20(%rsi), %ymm13, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vcmpngeps 0x40(%rsi), %ymm0, %ymm10
	vmulps 0x40(%rsi), %ymm6, %ymm14
	vblendvps %ymm10, 0x40(%rsi), %ymm14, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vcmpngeps 0x60(%rsi), %ymm0, %ymm11
	vmulps 0x60(%rsi), %ymm6, %ymm15
	vblendvps %ymm11, 0x60(%rsi), %ymm15, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vcmpngeps 0x80(%rsi), %ymm0, %ymm8
	vmulps 0x80(%rsi), %ymm6, %ymm12
	vblendvps %ymm8, 0x80(%rsi), %ymm12, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vcmpngeps 0xa0(%rsi), %ymm0, %ymm9
	vmulps 0xa0(%rsi), %ymm6, %ymm13
	vblendvps %ymm9, 0xa0(%rsi), %ymm13, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vcmpngeps 0xc0(%rsi), %ymm0, %ymm10
	vmulps 0xc0(%rsi), %ymm6, %ymm14
	vblendvps %ymm10, 0xc0(%rsi), %ymm14, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vcmpngeps 0xe0(%rsi), %ymm0, %ymm11
	vmulps 0xe0(%rsi), %ymm6, %ymm15
	vblendvps %ymm11, 0xe0(%rsi), %ymm15, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
