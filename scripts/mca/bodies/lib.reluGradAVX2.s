# main loop of github.com/fastrelu/fastrelu/kernels.reluGradAVX2.abi0
.Lloop:
	vmovups (%rsi), %ymm1
	vmovups (%rdx), %ymm8
	vcmpleps %ymm0, %ymm8, %ymm12
	vandnps %ymm1, %ymm12, %ymm1
	vmovups %ymm1, (%rdi)
	vmovups 0x20(%rsi), %ymm2
	vmovups 0x20(%rdx), %ymm9
	vcmpleps %ymm0, %ymm9, %ymm13
	vandnps %ymm2, %ymm13, %ymm2
	vmovups %ymm2, 0x20(%rdi)
	vmovups 0x40(%rsi), %ymm3
	vmovups 0x40(%rdx), %ymm10
	vcmpleps %ymm0, %ymm10, %ymm14
	vandnps %ymm3, %ymm14, %ymm3
	vmovups %ymm3, 0x40(%rdi)
	vmovups 0x60(%rsi), %ymm4
	vmovups 0x60(%rdx), %ymm11
	vcmpleps %ymm0, %ymm11, %ymm5
	vandnps %ymm4, %ymm5, %ymm4
	vmovups %ymm4, 0x60(%rdi)
	vmovups 0x80(%rsi), %ymm1
	vmovups 0x80(%rdx), %ymm8
	vcmpleps %ymm0, %ymm8, %ymm12
	vandnps %ymm1, %ymm12, %ymm1
	vmovups %ymm1, 0x80(%rdi)
	vmovups 0xa0(%rsi), %ymm2
	vmovups 0xa0(%rdx), %ymm9
	vcmpleps %ymm0, %ymm9, %ymm13
	vandnps %ymm2, %ymm13, %ymm2
	vmovups %ymm2, 0xa0(%rdi)
	vmovups 0xc0(%rsi), %ymm3
	vmovups 0xc0(%rdx), %ymm10
	vcmpleps %ymm0, %ymm10, %ymm14
	vandnps %ymm3, %ymm14, %ymm3
	vmovups %ymm3, 0xc0(%rdi)
	vmovups 0xe0(%rsi), %ymm4
	vmovups 0xe0(%rdx), %ymm11
	vcmpleps %ymm0, %ymm11, %ymm5
	vandnps %ymm4, %ymm5, %ymm4
	vmovups %ymm4, 0xe0(%rdi)
	addq $0x100, %rsi            # imm = 0x100
	addq $0x100, %rdx            # imm = 0x100
	addq $0x100, %rdi            # imm = 0x100
	subq $0x40, %rcx
	jae .Lloop
