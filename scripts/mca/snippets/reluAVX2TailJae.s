# reluAVX2TailJae: ReLU avx2, exact: yes (proof only: never run)
# the library's one-vector loop (tail) closed by subq $8 / jae (rcx biased by -8 before it) instead of cmpq / jb / jmp.
# A standalone llvm-mca input (scripts/llvm-mca.sh adds a row for it), not
# assembled into any binary: the loop shape of kernels_amd64.s (8 YMM vectors,
# 64 floats per iteration, subq $0x40 / jae). Registers: rdi = dst, rsi = src
# or grad, rdx = x, rcx = floats left; ymm0 = 0

.Lloop:
	vmovups (%rsi), %ymm1
	vcmpleps %ymm0, %ymm1, %ymm8
	vandnps %ymm1, %ymm8, %ymm1
	vmovups %ymm1, (%rdi)
	addq $0x20, %rsi
	addq $0x20, %rdi
	subq $0x8, %rcx
	jae .Lloop
