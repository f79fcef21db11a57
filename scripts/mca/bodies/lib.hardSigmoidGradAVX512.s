# main loop of github.com/fastrelu/fastrelu/kernels.hardSigmoidGradAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vmovups (%rdx), %zmm3
	vpslld $0x1, %zmm3, %zmm3
	vpsrld $0x1, %zmm3, %zmm3
	vcmpltps %zmm6, %zmm3, %k1
	vmulps %zmm5, %zmm1, %zmm1
	vmulps %zmm0, %zmm0, %zmm8
	vmovaps %zmm1, %zmm8 {%k1}
	vmovups %zmm8, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vmovups 0x40(%rdx), %zmm4
	vpslld $0x1, %zmm4, %zmm4
	vpsrld $0x1, %zmm4, %zmm4
	vcmpltps %zmm6, %zmm4, %k3
	vmulps %zmm5, %zmm2, %zmm2
	vmulps %zmm0, %zmm0, %zmm9
	vmovaps %zmm2, %zmm9 {%k3}
	vmovups %zmm9, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm1
	vmovups 0x80(%rdx), %zmm3
	vpslld $0x1, %zmm3, %zmm3
	vpsrld $0x1, %zmm3, %zmm3
	vcmpltps %zmm6, %zmm3, %k1
	vmulps %zmm5, %zmm1, %zmm1
	vmulps %zmm0, %zmm0, %zmm8
	vmovaps %zmm1, %zmm8 {%k1}
	vmovups %zmm8, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm2
	vmovups 0xc0(%rdx), %zmm4
	vpslld $0x1, %zmm4, %zmm4
	vpsrld $0x1, %zmm4, %zmm4
	vcmpltps %zmm6, %zmm4, %k3
	vmulps %zmm5, %zmm2, %zmm2
	vmulps %zmm0, %zmm0, %zmm9
	vmovaps %zmm2, %zmm9 {%k3}
	vmovups %zmm9, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
