# main loop of github.com/fastrelu/fastrelu/kernels.hardSwishGradAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups (%rdx), %zmm3
	vcmpltps %zmm6, %zmm3, %k1
	vcmpleps %zmm5, %zmm3, %k4
	vdivps %zmm5, %zmm3, %zmm3
	vaddps %zmm14, %zmm3, %zmm3
	vmulps %zmm1, %zmm3, %zmm3
	vmovaps %zmm3, %zmm1 {%k4}
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmovups 0x40(%rdx), %zmm4
	vcmpltps %zmm6, %zmm4, %k3
	vcmpleps %zmm5, %zmm4, %k5
	vdivps %zmm5, %zmm4, %zmm4
	vaddps %zmm14, %zmm4, %zmm4
	vmulps %zmm2, %zmm4, %zmm4
	vmovaps %zmm4, %zmm2 {%k5}
	vmovaps %zmm0, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm1
	vmovups 0x80(%rdx), %zmm3
	vcmpltps %zmm6, %zmm3, %k1
	vcmpleps %zmm5, %zmm3, %k4
	vdivps %zmm5, %zmm3, %zmm3
	vaddps %zmm14, %zmm3, %zmm3
	vmulps %zmm1, %zmm3, %zmm3
	vmovaps %zmm3, %zmm1 {%k4}
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm2
	vmovups 0xc0(%rdx), %zmm4
	vcmpltps %zmm6, %zmm4, %k3
	vcmpleps %zmm5, %zmm4, %k5
	vdivps %zmm5, %zmm4, %zmm4
	vaddps %zmm14, %zmm4, %zmm4
	vmulps %zmm2, %zmm4, %zmm4
	vmovaps %zmm4, %zmm2 {%k5}
	vmovaps %zmm0, %zmm2 {%k3}
	vmovups %zmm2, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
