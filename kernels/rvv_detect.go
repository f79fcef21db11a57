//go:build !purego && !noasm && riscv64 && !riscv64.rva23u64

package kernels

// vectorGuaranteed: below RVA23U64, V is optional; x/sys/cpu decides.
const vectorGuaranteed = false
