# main loop of fastrelu.local/mcameasure.leakyAVX512CurX8.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vcmpleps %zmm0, %zmm1, %k1
	vmulps %zmm6, %zmm1, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vcmpleps %zmm0, %zmm2, %k3
	vmulps %zmm6, %zmm2, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vcmpleps %zmm0, %zmm3, %k4
	vmulps %zmm6, %zmm3, %zmm3 {%k4}
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vcmpleps %zmm0, %zmm4, %k7
	vmulps %zmm6, %zmm4, %zmm4 {%k7}
	vmovups %zmm4, 0xc0(%rdi)
	vmovups 0x100(%rsi), %zmm1
	vcmpleps %zmm0, %zmm1, %k1
	vmulps %zmm6, %zmm1, %zmm1 {%k1}
	vmovups %zmm1, 0x100(%rdi)
	vmovups 0x140(%rsi), %zmm2
	vcmpleps %zmm0, %zmm2, %k3
	vmulps %zmm6, %zmm2, %zmm2 {%k3}
	vmovups %zmm2, 0x140(%rdi)
	vmovups 0x180(%rsi), %zmm3
	vcmpleps %zmm0, %zmm3, %k4
	vmulps %zmm6, %zmm3, %zmm3 {%k4}
	vmovups %zmm3, 0x180(%rdi)
	vmovups 0x1c0(%rsi), %zmm4
	vcmpleps %zmm0, %zmm4, %k7
	vmulps %zmm6, %zmm4, %zmm4 {%k7}
	vmovups %zmm4, 0x1c0(%rdi)
	addq $0x200, %rsi            # imm = 0x200
	addq $0x200, %rdi            # imm = 0x200
	subq $0x80, %rcx
	jae .Lloop
