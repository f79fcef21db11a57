# main loop of fastrelu.local/mcameasure.leakyGradAVX512CmpMemX8.abi0
.Lloop:
	vcmpgeps (%rdx), %zmm0, %k1
	vmovups (%rsi), %zmm1
	vmulps %zmm6, %zmm1, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vcmpgeps 0x40(%rdx), %zmm0, %k3
	vmovups 0x40(%rsi), %zmm2
	vmulps %zmm6, %zmm2, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vcmpgeps 0x80(%rdx), %zmm0, %k4
	vmovups 0x80(%rsi), %zmm3
	vmulps %zmm6, %zmm3, %zmm3 {%k4}
	vmovups %zmm3, 0x80(%rdi)
	vcmpgeps 0xc0(%rdx), %zmm0, %k7
	vmovups 0xc0(%rsi), %zmm4
	vmulps %zmm6, %zmm4, %zmm4 {%k7}
	vmovups %zmm4, 0xc0(%rdi)
	vcmpgeps 0x100(%rdx), %zmm0, %k1
	vmovups 0x100(%rsi), %zmm1
	vmulps %zmm6, %zmm1, %zmm1 {%k1}
	vmovups %zmm1, 0x100(%rdi)
	vcmpgeps 0x140(%rdx), %zmm0, %k3
	vmovups 0x140(%rsi), %zmm2
	vmulps %zmm6, %zmm2, %zmm2 {%k3}
	vmovups %zmm2, 0x140(%rdi)
	vcmpgeps 0x180(%rdx), %zmm0, %k4
	vmovups 0x180(%rsi), %zmm3
	vmulps %zmm6, %zmm3, %zmm3 {%k4}
	vmovups %zmm3, 0x180(%rdi)
	vcmpgeps 0x1c0(%rdx), %zmm0, %k7
	vmovups 0x1c0(%rsi), %zmm4
	vmulps %zmm6, %zmm4, %zmm4 {%k7}
	vmovups %zmm4, 0x1c0(%rdi)
	addq $0x200, %rsi            # imm = 0x200
	addq $0x200, %rdx            # imm = 0x200
	addq $0x200, %rdi            # imm = 0x200
	subq $0x80, %rcx
	jae .Lloop
