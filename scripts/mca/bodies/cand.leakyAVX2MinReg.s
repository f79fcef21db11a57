# main loop of fastrelu.local/mcameasure.leakyAVX2MinReg.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmulps %ymm6, %ymm1, %ymm12
	vminps %ymm1, %ymm12, %ymm1
	vmovups %ymm1, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vmulps %ymm6, %ymm2, %ymm13
	vminps %ymm2, %ymm13, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm3
	vmulps %ymm6, %ymm3, %ymm14
	vminps %ymm3, %ymm14, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm4
	vmulps %ymm6, %ymm4, %ymm15
	vminps %ymm4, %ymm15, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vmulps %ymm6, %ymm1, %ymm12
	vminps %ymm1, %ymm12, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vmulps %ymm6, %ymm2, %ymm13
	vminps %ymm2, %ymm13, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm3
	vmulps %ymm6, %ymm3, %ymm14
	vminps %ymm3, %ymm14, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm4
	vmulps %ymm6, %ymm4, %ymm15
	vminps %ymm4, %ymm15, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
