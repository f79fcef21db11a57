# main loop of github.com/fastrelu/fastrelu/kernels.hardSwishGradAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vcmpleps %ymm5, %ymm3, %ymm10
	vdivps %ymm5, %ymm3, %ymm3
	vaddps %ymm14, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vblendvps %ymm10, %ymm3, %ymm1, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vmovups 0x20(%rdx), %ymm4
	vcmpltps %ymm6, %ymm4, %ymm9
	vcmpleps %ymm5, %ymm4, %ymm11
	vdivps %ymm5, %ymm4, %ymm4
	vaddps %ymm14, %ymm4, %ymm4
	vmulps %ymm2, %ymm4, %ymm4
	vblendvps %ymm11, %ymm4, %ymm2, %ymm2
	vandnps %ymm2, %ymm9, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm1
	vmovups 0x40(%rdx), %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vcmpleps %ymm5, %ymm3, %ymm10
	vdivps %ymm5, %ymm3, %ymm3
	vaddps %ymm14, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vblendvps %ymm10, %ymm3, %ymm1, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm2
	vmovups 0x60(%rdx), %ymm4
	vcmpltps %ymm6, %ymm4, %ymm9
	vcmpleps %ymm5, %ymm4, %ymm11
	vdivps %ymm5, %ymm4, %ymm4
	vaddps %ymm14, %ymm4, %ymm4
	vmulps %ymm2, %ymm4, %ymm4
	vblendvps %ymm11, %ymm4, %ymm2, %ymm2
	vandnps %ymm2, %ymm9, %ymm2
	vmovups %ymm2, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vmovups 0x80(%rdx), %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vcmpleps %ymm5, %ymm3, %ymm10
	vdivps %ymm5, %ymm3, %ymm3
	vaddps %ymm14, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vblendvps %ymm10, %ymm3, %ymm1, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vmovups 0xa0(%rdx), %ymm4
	vcmpltps %ymm6, %ymm4, %ymm9
	vcmpleps %ymm5, %ymm4, %ymm11
	vdivps %ymm5, %ymm4, %ymm4
	vaddps %ymm14, %ymm4, %ymm4
	vmulps %ymm2, %ymm4, %ymm4
	vblendvps %ymm11, %ymm4, %ymm2, %ymm2
	vandnps %ymm2, %ymm9, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm1
	vmovups 0xc0(%rdx), %ymm3
	vcmpltps %ymm6, %ymm3, %ymm8
	vcmpleps %ymm5, %ymm3, %ymm10
	vdivps %ymm5, %ymm3, %ymm3
	vaddps %ymm14, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vblendvps %ymm10, %ymm3, %ymm1, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm2
	vmovups 0xe0(%rdx), %ymm4
	vcmpltps %ymm6, %ymm4, %ymm9
	vcmpleps %ymm5, %ymm4, %ymm11
	vdivps %ymm5, %ymm4, %ymm4
	vaddps %ymm14, %ymm4, %ymm4
	vmulps %ymm2, %ymm4, %ymm4
	vblendvps %ymm11, %ymm4, %ymm2, %ymm2
	vandnps %ymm2, %ymm9, %ymm2
	vmovups %ymm2, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
