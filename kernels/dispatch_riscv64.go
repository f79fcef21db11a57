//go:build !purego && !noasm

package kernels

import (
	"github.com/fastrelu/fastrelu/internal/impl"
	"golang.org/x/sys/cpu"
)

// archImplementations returns the riscv64 assembly rows, best first.
//
// golang.org/x/sys/cpu sets HasV from the kernel (hwprobe) when the CPU has
// the V extension (RVV 1.0) and the kernel supports it. A build for
// GORISCV64=rva23u64 targets the RVA23U64 profile, of which V is a part: it
// has V by construction, which also covers kernels and emulators without
// hwprobe, as qemu-user.
func archImplementations() []impl.Impl {
	if cpu.RISCV64.HasV || vectorGuaranteed {
		return []impl.Impl{rvvRow(true, "")}
	}
	return []impl.Impl{rvvRow(false, "the V extension (RVV 1.0), reported by the kernel through hwprobe")}
}

// The path in use, set once from active (FASTRELU_ISA=generic turns it
// off); tests may flip it. The assembly entry points (one per kernel,
// generated into kernels_riscv64.s) test this flag and jump to the RVV
// kernel or to the generic Go function. No function variables: a call
// through one would make every caller's slices escape to the heap.
var useRVV = active.Name == "rvv"

// usePath makes the public functions dispatch to the row named name (the
// flag the entry points test) and returns a function that restores it.
// For tests only (registered with internal/impl).
func usePath(name string) (restore func()) {
	a := useRVV
	useRVV = name == "rvv"
	return func() { useRVV = a }
}
