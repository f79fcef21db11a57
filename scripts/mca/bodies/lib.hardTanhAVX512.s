# main loop of github.com/fastrelu/fastrelu/kernels.hardTanhAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vcmpltps %zmm6, %zmm1, %k1
	vmovaps %zmm6, %zmm1 {%k1}
	vcmpgtps %zmm5, %zmm1, %k4
	vmovaps %zmm5, %zmm1 {%k4}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vcmpltps %zmm6, %zmm2, %k3
	vmovaps %zmm6, %zmm2 {%k3}
	vcmpgtps %zmm5, %zmm2, %k5
	vmovaps %zmm5, %zmm2 {%k5}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm1
	vcmpltps %zmm6, %zmm1, %k1
	vmovaps %zmm6, %zmm1 {%k1}
	vcmpgtps %zmm5, %zmm1, %k4
	vmovaps %zmm5, %zmm1 {%k4}
	vmovups %zmm1, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm2
	vcmpltps %zmm6, %zmm2, %k3
	vmovaps %zmm6, %zmm2 {%k3}
	vcmpgtps %zmm5, %zmm2, %k5
	vmovaps %zmm5, %zmm2 {%k5}
	vmovups %zmm2, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
