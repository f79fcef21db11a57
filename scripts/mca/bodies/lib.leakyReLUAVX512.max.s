# main loop of github.com/fastrelu/fastrelu/kernels.leakyReLUAVX512.abi0, form 1
.Lloop:
	vmovups (%rsi), %zmm1
	vmulps %zmm6, %zmm1, %zmm8
	vmaxps %zmm1, %zmm8, %zmm1
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmulps %zmm6, %zmm2, %zmm9
	vmaxps %zmm2, %zmm9, %zmm2
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vmulps %zmm6, %zmm3, %zmm10
	vmaxps %zmm3, %zmm10, %zmm3
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vmulps %zmm6, %zmm4, %zmm11
	vmaxps %zmm4, %zmm11, %zmm4
	vmovups %zmm4, 0xc0(%rdi)
	vmovups 0x100(%rsi), %zmm1
	vmulps %zmm6, %zmm1, %zmm8
	vmaxps %zmm1, %zmm8, %zmm1
	vmovups %zmm1, 0x100(%rdi)
	vmovups 0x140(%rsi), %zmm2
	vmulps %zmm6, %zmm2, %zmm9
	vmaxps %zmm2, %zmm9, %zmm2
	vmovups %zmm2, 0x140(%rdi)
	vmovups 0x180(%rsi), %zmm3
	vmulps %zmm6, %zmm3, %zmm10
	vmaxps %zmm3, %zmm10, %zmm3
	vmovups %zmm3, 0x180(%rdi)
	vmovups 0x1c0(%rsi), %zmm4
	vmulps %zmm6, %zmm4, %zmm11
	vmaxps %zmm4, %zmm11, %zmm4
	vmovups %zmm4, 0x1c0(%rdi)
	addq $0x200, %rsi            # imm = 0x200
	addq $0x200, %rdi            # imm = 0x200
	subq $0x80, %rcx
	jae .Lloop
