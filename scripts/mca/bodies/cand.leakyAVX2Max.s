# main loop of fastrelu.local/mcameasure.leakyAVX2Max.abi0
.Lloop:
	vmulps (%rsi), %ymm6, %ymm12
	vmaxps (%rsi), %ymm12, %ymm1
	vmovups %ymm1, (%rdi)
	vmulps 0x20(%rsi), %ymm6, %ymm13
	vmaxps 0x20(%rsi), %ymm13, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmulps 0x40(%rsi), %ymm6, %ymm14
	vmaxps 0x40(%rsi), %ymm14, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmulps 0x60(%rsi), %ymm6, %ymm15
	vmaxps 0x60(%rsi), %ymm15, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmulps 0x80(%rsi), %ymm6, %ymm12
	vmaxps 0x80(%rsi), %ymm12, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmulps 0xa0(%rsi), %ymm6, %ymm13
	vmaxps 0xa0(%rsi), %ymm13, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmulps 0xc0(%rsi), %ymm6, %ymm14
	vmaxps 0xc0(%rsi), %ymm14, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmulps 0xe0(%rsi), %ymm6, %ymm15
	vmaxps 0xe0(%rsi), %ymm15, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
