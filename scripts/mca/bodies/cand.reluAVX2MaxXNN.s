# main loop of fastrelu.local/mcameasure.reluAVX2MaxXNN.abi0
.Lloop:
	vmaxps (%rsi), %ymm0, %ymm1
	vmovups %ymm1, (%rdi)
	vmaxps 0x20(%rsi), %ymm0, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmaxps 0x40(%rsi), %ymm0, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmaxps 0x60(%rsi), %ymm0, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmaxps 0x80(%rsi), %ymm0, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmaxps 0xa0(%rsi), %ymm0, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmaxps 0xc0(%rsi), %ymm0, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmaxps 0xe0(%rsi), %ymm0, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
