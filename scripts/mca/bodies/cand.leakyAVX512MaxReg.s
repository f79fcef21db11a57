# main loop of fastrelu.local/mcameasure.leakyAVX512MaxReg.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmulps %zmm6, %zmm1, %zmm12
	vmaxps %zmm1, %zmm12, %zmm1
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmulps %zmm6, %zmm2, %zmm13
	vmaxps %zmm2, %zmm13, %zmm2
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vmulps %zmm6, %zmm3, %zmm14
	vmaxps %zmm3, %zmm14, %zmm3
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vmulps %zmm6, %zmm4, %zmm15
	vmaxps %zmm4, %zmm15, %zmm4
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
