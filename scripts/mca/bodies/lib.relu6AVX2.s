# main loop of github.com/fastrelu/fastrelu/kernels.relu6AVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm8
	vcmpgeps %ymm6, %ymm1, %ymm12
	vblendvps %ymm12, %ymm6, %ymm1, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vcmpge_oqps %ymm2, %ymm0, %ymm9
	vcmpgeps %ymm6, %ymm2, %ymm13
	vblendvps %ymm13, %ymm6, %ymm2, %ymm2
	vandnps %ymm2, %ymm9, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm3
	vcmpge_oqps %ymm3, %ymm0, %ymm10
	vcmpgeps %ymm6, %ymm3, %ymm14
	vblendvps %ymm14, %ymm6, %ymm3, %ymm3
	vandnps %ymm3, %ymm10, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm4
	vcmpge_oqps %ymm4, %ymm0, %ymm11
	vcmpgeps %ymm6, %ymm4, %ymm5
	vblendvps %ymm5, %ymm6, %ymm4, %ymm4
	vandnps %ymm4, %ymm11, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vcmpge_oqps %ymm1, %ymm0, %ymm8
	vcmpgeps %ymm6, %ymm1, %ymm12
	vblendvps %ymm12, %ymm6, %ymm1, %ymm1
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vcmpge_oqps %ymm2, %ymm0, %ymm9
	vcmpgeps %ymm6, %ymm2, %ymm13
	vblendvps %ymm13, %ymm6, %ymm2, %ymm2
	vandnps %ymm2, %ymm9, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm3
	vcmpge_oqps %ymm3, %ymm0, %ymm10
	vcmpgeps %ymm6, %ymm3, %ymm14
	vblendvps %ymm14, %ymm6, %ymm3, %ymm3
	vandnps %ymm3, %ymm10, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm4
	vcmpge_oqps %ymm4, %ymm0, %ymm11
	vcmpgeps %ymm6, %ymm4, %ymm5
	vblendvps %ymm5, %ymm6, %ymm4, %ymm4
	vandnps %ymm4, %ymm11, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
