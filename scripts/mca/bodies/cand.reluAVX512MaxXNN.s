# main loop of fastrelu.local/mcameasure.reluAVX512MaxXNN.abi0
.Lloop:
	vmaxps (%rsi), %zmm0, %zmm1
	vmovups %zmm1, (%rdi)
	vmaxps 0x40(%rsi), %zmm0, %zmm2
	vmovups %zmm2, 0x40(%rdi)
	vmaxps 0x80(%rsi), %zmm0, %zmm3
	vmovups %zmm3, 0x80(%rdi)
	vmaxps 0xc0(%rsi), %zmm0, %zmm4
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
