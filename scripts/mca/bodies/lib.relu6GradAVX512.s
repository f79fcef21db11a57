# main loop of github.com/fastrelu/fastrelu/kernels.relu6GradAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups (%rdx), %zmm3
	vcmpge_oqps %zmm3, %zmm0, %k1
	vcmpgeps %zmm6, %zmm3, %k4
	vmovaps %zmm0, %zmm1 {%k4}
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmovups 0x40(%rdx), %zmm4
	vcmpge_oqps %zmm4, %zmm0, %k3
	vcmpgeps %zmm6, %zmm4, %k5
	vmovaps %zmm0, %zmm2 {%k5}
	vmovaps %zmm0, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm1
	vmovups 0x80(%rdx), %zmm3
	vcmpge_oqps %zmm3, %zmm0, %k1
	vcmpgeps %zmm6, %zmm3, %k4
	vmovaps %zmm0, %zmm1 {%k4}
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm2
	vmovups 0xc0(%rdx), %zmm4
	vcmpge_oqps %zmm4, %zmm0, %k3
	vcmpgeps %zmm6, %zmm4, %k5
	vmovaps %zmm0, %zmm2 {%k5}
	vmovaps %zmm0, %zmm2 {%k3}
	vmovups %zmm2, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
