# main loop of github.com/fastrelu/fastrelu/kernels.hardSwishAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmulps %zmm0, %zmm0, %zmm3
	vaddps %zmm1, %zmm3, %zmm3
	vaddps %zmm5, %zmm3, %zmm3
	vcmpgeps %zmm6, %zmm3, %k1
	vcmpge_oqps %zmm3, %zmm0, %k4
	vmovaps %zmm6, %zmm3 {%k1}
	vmulps %zmm1, %zmm3, %zmm3
	vdivps %zmm6, %zmm3, %zmm3
	vmovaps %zmm14, %zmm3 {%k4}
	vmovups %zmm3, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmulps %zmm0, %zmm0, %zmm4
	vaddps %zmm2, %zmm4, %zmm4
	vaddps %zmm5, %zmm4, %zmm4
	vcmpgeps %zmm6, %zmm4, %k3
	vcmpge_oqps %zmm4, %zmm0, %k5
	vmovaps %zmm6, %zmm4 {%k3}
	vmulps %zmm2, %zmm4, %zmm4
	vdivps %zmm6, %zmm4, %zmm4
	vmovaps %zmm14, %zmm4 {%k5}
	vmovups %zmm4, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm1
	vmulps %zmm0, %zmm0, %zmm3
	vaddps %zmm1, %zmm3, %zmm3
	vaddps %zmm5, %zmm3, %zmm3
	vcmpgeps %zmm6, %zmm3, %k1
	vcmpge_oqps %zmm3, %zmm0, %k4
	vmovaps %zmm6, %zmm3 {%k1}
	vmulps %zmm1, %zmm3, %zmm3
	vdivps %zmm6, %zmm3, %zmm3
	vmovaps %zmm14, %zmm3 {%k4}
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm2
	vmulps %zmm0, %zmm0, %zmm4
	vaddps %zmm2, %zmm4, %zmm4
	vaddps %zmm5, %zmm4, %zmm4
	vcmpgeps %zmm6, %zmm4, %k3
	vcmpge_oqps %zmm4, %zmm0, %k5
	vmovaps %zmm6, %zmm4 {%k3}
	vmulps %zmm2, %zmm4, %zmm4
	vdivps %zmm6, %zmm4, %zmm4
	vmovaps %zmm14, %zmm4 {%k5}
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
