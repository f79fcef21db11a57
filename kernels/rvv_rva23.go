//go:build !purego && !noasm && riscv64 && riscv64.rva23u64

package kernels

// vectorGuaranteed: RVA23U64 makes V mandatory.
const vectorGuaranteed = true
