# main loop of fastrelu.local/mcameasure.reluGradAVX512FixupX8.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups (%rdx), %zmm8
	vfixupimmps $0x0, %zmm5, %zmm8, %zmm1
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmovups 0x40(%rdx), %zmm9
	vfixupimmps $0x0, %zmm5, %zmm9, %zmm2
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vmovups 0x80(%rdx), %zmm10
	vfixupimmps $0x0, %zmm5, %zmm10, %zmm3
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vmovups 0xc0(%rdx), %zmm11
	vfixupimmps $0x0, %zmm5, %zmm11, %zmm4
	vmovups %zmm4, 0xc0(%rdi)
	vmovups 0x100(%rsi), %zmm1
	vmovups 0x100(%rdx), %zmm8
	vfixupimmps $0x0, %zmm5, %zmm8, %zmm1
	vmovups %zmm1, 0x100(%rdi)
	vmovups 0x140(%rsi), %zmm2
	vmovups 0x140(%rdx), %zmm9
	vfixupimmps $0x0, %zmm5, %zmm9, %zmm2
	vmovups %zmm2, 0x140(%rdi)
	vmovups 0x180(%rsi), %zmm3
	vmovups 0x180(%rdx), %zmm10
	vfixupimmps $0x0, %zmm5, %zmm10, %zmm3
	vmovups %zmm3, 0x180(%rdi)
	vmovups 0x1c0(%rsi), %zmm4
	vmovups 0x1c0(%rdx), %zmm11
	vfixupimmps $0x0, %zmm5, %zmm11, %zmm4
	vmovups %zmm4, 0x1c0(%rdi)
	addq $0x200, %rsi            # imm = 0x200
	addq $0x200, %rdx            # imm = 0x200
	addq $0x200, %rdi            # imm = 0x200
	subq $0x80, %rcx
	jae .Lloop
