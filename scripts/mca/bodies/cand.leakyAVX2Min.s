# main loop of fastrelu.local/mcameasure.leakyAVX2Min.abi0
.Lloop:
	vmulps (%rsi), %ymm6, %ymm12
	vminps (%rsi), %ymm12, %ymm1
	vmovups %ymm1, (%rdi)
	vmulps 0x20(%rsi), %ymm6, %ymm13
	vminps 0x20(%rsi), %ymm13, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmulps 0x40(%rsi), %ymm6, %ymm14
	vminps 0x40(%rsi), %ymm14, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmulps 0x60(%rsi), %ymm6, %ymm15
	vminps 0x60(%rsi), %ymm15, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmulps 0x80(%rsi), %ymm6, %ymm12
	vminps 0x80(%rsi), %ymm12, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmulps 0xa0(%rsi), %ymm6, %ymm13
	vminps 0xa0(%rsi), %ymm13, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmulps 0xc0(%rsi), %ymm6, %ymm14
	vminps 0xc0(%rsi), %ymm14, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmulps 0xe0(%rsi), %ymm6, %ymm15
	vminps 0xe0(%rsi), %ymm15, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
