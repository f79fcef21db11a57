# main loop of github.com/fastrelu/fastrelu/kernels.relu6AVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vcmpge_oqps %zmm1, %zmm0, %k1
	vcmpgeps %zmm6, %zmm1, %k4
	vmovaps %zmm6, %zmm1 {%k4}
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vcmpge_oqps %zmm2, %zmm0, %k3
	vcmpgeps %zmm6, %zmm2, %k5
	vmovaps %zmm6, %zmm2 {%k5}
	vmovaps %zmm0, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm1
	vcmpge_oqps %zmm1, %zmm0, %k1
	vcmpgeps %zmm6, %zmm1, %k4
	vmovaps %zmm6, %zmm1 {%k4}
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm2
	vcmpge_oqps %zmm2, %zmm0, %k3
	vcmpgeps %zmm6, %zmm2, %k5
	vmovaps %zmm6, %zmm2 {%k5}
	vmovaps %zmm0, %zmm2 {%k3}
	vmovups %zmm2, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
