# main loop of github.com/fastrelu/fastrelu/kernels.leakyReLUAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vcmpge_oqps %zmm1, %zmm0, %k1
	vmulps %zmm6, %zmm1, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vcmpge_oqps %zmm2, %zmm0, %k3
	vmulps %zmm6, %zmm2, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vcmpge_oqps %zmm3, %zmm0, %k4
	vmulps %zmm6, %zmm3, %zmm3 {%k4}
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vcmpge_oqps %zmm4, %zmm0, %k5
	vmulps %zmm6, %zmm4, %zmm4 {%k5}
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
