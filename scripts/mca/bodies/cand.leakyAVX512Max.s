# main loop of fastrelu.local/mcameasure.leakyAVX512Max.abi0
.Lloop:
	vmulps (%rsi), %zmm6, %zmm12
	vmaxps (%rsi), %zmm12, %zmm1
	vmovups %zmm1, (%rdi)
	vmulps 0x40(%rsi), %zmm6, %zmm13
	vmaxps 0x40(%rsi), %zmm13, %zmm2
	vmovups %zmm2, 0x40(%rdi)
	vmulps 0x80(%rsi), %zmm6, %zmm14
	vmaxps 0x80(%rsi), %zmm14, %zmm3
	vmovups %zmm3, 0x80(%rdi)
	vmulps 0xc0(%rsi), %zmm6, %zmm15
	vmaxps 0xc0(%rsi), %zmm15, %zmm4
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
