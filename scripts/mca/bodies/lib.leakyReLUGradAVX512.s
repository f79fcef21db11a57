# main loop of github.com/fastrelu/fastrelu/kernels.leakyReLUGradAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups (%rdx), %zmm8
	vcmpge_oqps %zmm8, %zmm0, %k1
	vmulps %zmm6, %zmm1, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmovups 0x40(%rdx), %zmm9
	vcmpge_oqps %zmm9, %zmm0, %k3
	vmulps %zmm6, %zmm2, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vmovups 0x80(%rdx), %zmm10
	vcmpge_oqps %zmm10, %zmm0, %k4
	vmulps %zmm6, %zmm3, %zmm3 {%k4}
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vmovups 0xc0(%rdx), %zmm11
	vcmpge_oqps %zmm11, %zmm0, %k5
	vmulps %zmm6, %zmm4, %zmm4 {%k5}
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
