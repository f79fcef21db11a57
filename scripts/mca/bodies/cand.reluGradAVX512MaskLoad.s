# main loop of fastrelu.local/mcameasure.reluGradAVX512MaskLoad.abi0
.Lloop:
	vcmpngeps (%rdx), %zmm0, %k1
	vmovups (%rsi), %zmm1 {%k1} {z}
	vmovups %zmm1, (%rdi)
	vcmpngeps 0x40(%rdx), %zmm0, %k3
	vmovups 0x40(%rsi), %zmm2 {%k3} {z}
	vmovups %zmm2, 0x40(%rdi)
	vcmpngeps 0x80(%rdx), %zmm0, %k4
	vmovups 0x80(%rsi), %zmm3 {%k4} {z}
	vmovups %zmm3, 0x80(%rdi)
	vcmpngeps 0xc0(%rdx), %zmm0, %k7
	vmovups 0xc0(%rsi), %zmm4 {%k7} {z}
	vmovups %zmm4, 0xc0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
