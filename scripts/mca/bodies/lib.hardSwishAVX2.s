# main loop of github.com/fastrelu/fastrelu/kernels.hardSwishAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmulps %ymm0, %ymm0, %ymm3
	vaddps %ymm1, %ymm3, %ymm3
	vaddps %ymm5, %ymm3, %ymm3
	vcmpgeps %ymm6, %ymm3, %ymm8
	vcmpge_oqps %ymm3, %ymm0, %ymm10
	vblendvps %ymm8, %ymm6, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vdivps %ymm6, %ymm3, %ymm3
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vmulps %ymm0, %ymm0, %ymm4
	vaddps %ymm2, %ymm4, %ymm4
	vaddps %ymm5, %ymm4, %ymm4
	vcmpgeps %ymm6, %ymm4, %ymm9
	vcmpge_oqps %ymm4, %ymm0, %ymm11
	vblendvps %ymm9, %ymm6, %ymm4, %ymm4
	vmulps %ymm2, %ymm4, %ymm4
	vdivps %ymm6, %ymm4, %ymm4
	vblendvps %ymm11, %ymm14, %ymm4, %ymm4
	vmovups %ymm4, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm1
	vmulps %ymm0, %ymm0, %ymm3
	vaddps %ymm1, %ymm3, %ymm3
	vaddps %ymm5, %ymm3, %ymm3
	vcmpgeps %ymm6, %ymm3, %ymm8
	vcmpge_oqps %ymm3, %ymm0, %ymm10
	vblendvps %ymm8, %ymm6, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vdivps %ymm6, %ymm3, %ymm3
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm2
	vmulps %ymm0, %ymm0, %ymm4
	vaddps %ymm2, %ymm4, %ymm4
	vaddps %ymm5, %ymm4, %ymm4
	vcmpgeps %ymm6, %ymm4, %ymm9
	vcmpge_oqps %ymm4, %ymm0, %ymm11
	vblendvps %ymm9, %ymm6, %ymm4, %ymm4
	vmulps %ymm2, %ymm4, %ymm4
	vdivps %ymm6, %ymm4, %ymm4
	vblendvps %ymm11, %ymm14, %ymm4, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vmulps %ymm0, %ymm0, %ymm3
	vaddps %ymm1, %ymm3, %ymm3
	vaddps %ymm5, %ymm3, %ymm3
	vcmpgeps %ymm6, %ymm3, %ymm8
	vcmpge_oqps %ymm3, %ymm0, %ymm10
	vblendvps %ymm8, %ymm6, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vdivps %ymm6, %ymm3, %ymm3
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vmulps %ymm0, %ymm0, %ymm4
	vaddps %ymm2, %ymm4, %ymm4
	vaddps %ymm5, %ymm4, %ymm4
	vcmpgeps %ymm6, %ymm4, %ymm9
	vcmpge_oqps %ymm4, %ymm0, %ymm11
	vblendvps %ymm9, %ymm6, %ymm4, %ymm4
	vmulps %ymm2, %ymm4, %ymm4
	vdivps %ymm6, %ymm4, %ymm4
	vblendvps %ymm11, %ymm14, %ymm4, %ymm4
	vmovups %ymm4, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm1
	vmulps %ymm0, %ymm0, %ymm3
	vaddps %ymm1, %ymm3, %ymm3
	vaddps %ymm5, %ymm3, %ymm3
	vcmpgeps %ymm6, %ymm3, %ymm8
	vcmpge_oqps %ymm3, %ymm0, %ymm10
	vblendvps %ymm8, %ymm6, %ymm3, %ymm3
	vmulps %ymm1, %ymm3, %ymm3
	vdivps %ymm6, %ymm3, %ymm3
	vblendvps %ymm10, %ymm14, %ymm3, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm2
	vmulps %ymm0, %ymm0, %ymm4
	vaddps %ymm2, %ymm4, %ymm4
	vaddps %ymm5, %ymm4, %ymm4
	vcmpgeps %ymm6, %ymm4, %ymm9
	vcmpge_oqps %ymm4, %ymm0, %ymm11
	vblendvps %ymm9, %ymm6, %ymm4, %ymm4
	vmulps %ymm2, %ymm4, %ymm4
	vdivps %ymm6, %ymm4, %ymm4
	vblendvps %ymm11, %ymm14, %ymm4, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
