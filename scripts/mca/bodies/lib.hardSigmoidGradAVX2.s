# main loop of github.com/fastrelu/fastrelu/kernels.hardSigmoidGradAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm3
	vpslld $0x1, %ymm3, %ymm3
	vpsrld $0x1, %ymm3, %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vmulps %ymm5, %ymm1, %ymm1
	vmulps %ymm0, %ymm0, %ymm10
	vblendvps %ymm8, %ymm1, %ymm10, %ymm10
	vmovups %ymm10, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vmovups 0x20(%rdx), %ymm4
	vpslld $0x1, %ymm4, %ymm4
	vpsrld $0x1, %ymm4, %ymm4
	vcmpltps %ymm6, %ymm4, %ymm9
	vmulps %ymm5, %ymm2, %ymm2
	vmulps %ymm0, %ymm0, %ymm11
	vblendvps %ymm9, %ymm2, %ymm11, %ymm11
	vmovups %ymm11, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm1
	vmovups 0x40(%rdx), %ymm3
	vpslld $0x1, %ymm3, %ymm3
	vpsrld $0x1, %ymm3, %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vmulps %ymm5, %ymm1, %ymm1
	vmulps %ymm0, %ymm0, %ymm10
	vblendvps %ymm8, %ymm1, %ymm10, %ymm10
	vmovups %ymm10, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm2
	vmovups 0x60(%rdx), %ymm4
	vpslld $0x1, %ymm4, %ymm4
	vpsrld $0x1, %ymm4, %ymm4
	vcmpltps %ymm6, %ymm4, %ymm9
	vmulps %ymm5, %ymm2, %ymm2
	vmulps %ymm0, %ymm0, %ymm11
	vblendvps %ymm9, %ymm2, %ymm11, %ymm11
	vmovups %ymm11, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vmovups 0x80(%rdx), %ymm3
	vpslld $0x1, %ymm3, %ymm3
	vpsrld $0x1, %ymm3, %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vmulps %ymm5, %ymm1, %ymm1
	vmulps %ymm0, %ymm0, %ymm10
	vblendvps %ymm8, %ymm1, %ymm10, %ymm10
	vmovups %ymm10, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vmovups 0xa0(%rdx), %ymm4
	vpslld $0x1, %ymm4, %ymm4
	vpsrld $0x1, %ymm4, %ymm4
	vcmpltps %ymm6, %ymm4, %ymm9
	vmulps %ymm5, %ymm2, %ymm2
	vmulps %ymm0, %ymm0, %ymm11
	vblendvps %ymm9, %ymm2, %ymm11, %ymm11
	vmovups %ymm11, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm1
	vmovups 0xc0(%rdx), %ymm3
	vpslld $0x1, %ymm3, %ymm3
	vpsrld $0x1, %ymm3, %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vmulps %ymm5, %ymm1, %ymm1
	vmulps %ymm0, %ymm0, %ymm10
	vblendvps %ymm8, %ymm1, %ymm10, %ymm10
	vmovups %ymm10, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm2
	vmovups 0xe0(%rdx), %ymm4
	vpslld $0x1, %ymm4, %ymm4
	vpsrld $0x1, %ymm4, %ymm4
	vcmpltps %ymm6, %ymm4, %ymm9
	vmulps %ymm5, %ymm2, %ymm2
	vmulps %ymm0, %ymm0, %ymm11
	vblendvps %ymm9, %ymm2, %ymm11, %ymm11
	vmovups %ymm11, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
