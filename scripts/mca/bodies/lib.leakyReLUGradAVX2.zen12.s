# main loop of github.com/fastrelu/fastrelu/kernels.leakyReLUGradAVX2.abi0, form 1
.Lloop:
	vmovups (%rsi), %ymm1
	vcmpge_oqps (%rdx), %ymm0, %ymm8
	vmulps %ymm6, %ymm1, %ymm10
	vblendvps %ymm8, %ymm10, %ymm1, %ymm1
	vmovups %ymm1, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vcmpge_oqps 0x20(%rdx), %ymm0, %ymm9
	vmulps %ymm6, %ymm2, %ymm11
	vblendvps %ymm9, %ymm11, %ymm2, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm1
	vcmpge_oqps 0x40(%rdx), %ymm0, %ymm8
	vmulps %ymm6, %ymm1, %ymm10
	vblendvps %ymm8, %ymm10, %ymm1, %ymm1
	vmovups %ymm1, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm2
	vcmpge_oqps 0x60(%rdx), %ymm0, %ymm9
	vmulps %ymm6, %ymm2, %ymm11
	vblendvps %ymm9, %ymm11, %ymm2, %ymm2
	vmovups %ymm2, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vcmpge_oqps 0x80(%rdx), %ymm0, %ymm8
	vmulps %ymm6, %ymm1, %ymm10
	vblendvps %ymm8, %ymm10, %ymm1, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vcmpge_oqps 0xa0(%rdx), %ymm0, %ymm9
	vmulps %ymm6, %ymm2, %ymm11
	vblendvps %ymm9, %ymm11, %ymm2, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm1
	vcmpge_oqps 0xc0(%rdx), %ymm0, %ymm8
	vmulps %ymm6, %ymm1, %ymm10
	vblendvps %ymm8, %ymm10, %ymm1, %ymm1
	vmovups %ymm1, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm2
	vcmpge_oqps 0xe0(%rdx), %ymm0, %ymm9
	vmulps %ymm6, %ymm2, %ymm11
	vblendvps %ymm9, %ymm11, %ymm2, %ymm2
	vmovups %ymm2, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
