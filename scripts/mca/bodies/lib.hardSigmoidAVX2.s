# main loop of github.com/fastrelu/fastrelu/kernels.hardSigmoidAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vaddps %ymm5, %ymm1, %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm3
	vcmpgeps %ymm6, %ymm1, %ymm8
	vblendvps %ymm8, %ymm6, %ymm1, %ymm1
	vandnps %ymm1, %ymm3, %ymm1
	vdivps %ymm6, %ymm1, %ymm1
	vmovups %ymm1, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vaddps %ymm5, %ymm2, %ymm2
	vcmpge_oqps %ymm2, %ymm0, %ymm4
	vcmpgeps %ymm6, %ymm2, %ymm9
	vblendvps %ymm9, %ymm6, %ymm2, %ymm2
	vandnps %ymm2, %ymm4, %ymm2
	vdivps %ymm6, %ymm2, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm1
	vaddps %ymm5, %ymm1, %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm3
	vcmpgeps %ymm6, %ymm1, %ymm8
	vblendvps %ymm8, %ymm6, %ymm1, %ymm1
	vandnps %ymm1, %ymm3, %ymm1
	vdivps %ymm6, %ymm1, %ymm1
	vmovups %ymm1, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm2
	vaddps %ymm5, %ymm2, %ymm2
	vcmpge_oqps %ymm2, %ymm0, %ymm4
	vcmpgeps %ymm6, %ymm2, %ymm9
	vblendvps %ymm9, %ymm6, %ymm2, %ymm2
	vandnps %ymm2, %ymm4, %ymm2
	vdivps %ymm6, %ymm2, %ymm2
	vmovups %ymm2, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vaddps %ymm5, %ymm1, %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm3
	vcmpgeps %ymm6, %ymm1, %ymm8
	vblendvps %ymm8, %ymm6, %ymm1, %ymm1
	vandnps %ymm1, %ymm3, %ymm1
	vdivps %ymm6, %ymm1, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vaddps %ymm5, %ymm2, %ymm2
	vcmpge_oqps %ymm2, %ymm0, %ymm4
	vcmpgeps %ymm6, %ymm2, %ymm9
	vblendvps %ymm9, %ymm6, %ymm2, %ymm2
	vandnps %ymm2, %ymm4, %ymm2
	vdivps %ymm6, %ymm2, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm1
	vaddps %ymm5, %ymm1, %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm3
	vcmpgeps %ymm6, %ymm1, %ymm8
	vblendvps %ymm8, %ymm6, %ymm1, %ymm1
	vandnps %ymm1, %ymm3, %ymm1
	vdivps %ymm6, %ymm1, %ymm1
	vmovups %ymm1, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm2
	vaddps %ymm5, %ymm2, %ymm2
	vcmpge_oqps %ymm2, %ymm0, %ymm4
	vcmpgeps %ymm6, %ymm2, %ymm9
	vblendvps %ymm9, %ymm6, %ymm2, %ymm2
	vandnps %ymm2, %ymm4, %ymm2
	vdivps %ymm6, %ymm2, %ymm2
	vmovups %ymm2, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
