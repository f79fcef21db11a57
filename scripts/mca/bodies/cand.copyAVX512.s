# main loop of fastrelu.local/mcameasure.copyAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
