# main loop of github.com/fastrelu/fastrelu/kernels.reluGradAVX512.abi0
.Lloop:
	vmovups (%rsi), %zmm1
	vcmpge_oqps (%rdx), %zmm0, %k1
	vmovaps %zmm0, %zmm1 {%k1}
	vmovups %zmm1, (%rdi)
	vmovups 0x40(%rsi), %zmm2
	vcmpge_oqps 0x40(%rdx), %zmm0, %k3
	vmovaps %zmm0, %zmm2 {%k3}
	vmovups %zmm2, 0x40(%rdi)
	vmovups 0x80(%rsi), %zmm3
	vcmpge_oqps 0x80(%rdx), %zmm0, %k4
	vmovaps %zmm0, %zmm3 {%k4}
	vmovups %zmm3, 0x80(%rdi)
	vmovups 0xc0(%rsi), %zmm4
	vcmpge_oqps 0xc0(%rdx), %zmm0, %k5
	vmovaps %zmm0, %zmm4 {%k5}
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
