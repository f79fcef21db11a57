module github.com/fastrelu/fastrelu/kernels/_asm/neon

go 1.24.0
