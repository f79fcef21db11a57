# main loop of fastrelu.local/mcameasure.reluAVX512Cur.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vcmpleps %zmm0, %zmm1, %k1
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vcmpleps %zmm0, %zmm2, %k3
	vmovaps %zmm0, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vcmpleps %zmm0, %zmm3, %k4
	vmovaps %zmm0, %zmm3 {%k4}
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vcmpleps %zmm0, %zmm4, %k7
	vmovaps %zmm0, %zmm4 {%k7}
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
