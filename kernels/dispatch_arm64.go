//go:build !purego && !noasm

package kernels

import "github.com/fastrelu/fastrelu/internal/impl"

// archImplementations returns the arm64 assembly rows, best first.
//
// The neon row is always available: AdvSIMD (NEON) is a mandatory part of
// ARMv8-A, and Go's arm64 port already assumes it (the compiler and runtime
// use the FP/SIMD registers unconditionally), so there is no CPU or OS that
// runs this binary and lacks it, and nothing to detect.
func archImplementations() []impl.Impl {
	return []impl.Impl{neonRow(true, "")}
}

// The path in use, set once from active (FASTRELU_ISA=generic turns it
// off); tests may flip it. The assembly entry points (one per
// kernel, generated into kernels_arm64.s) test this flag and jump to the NEON
// kernel or to the generic Go function. No function variables: a call
// through one would make every caller's slices escape to the heap. The
// public functions call the entry points directly, as on amd64.
var useNEON = active.Name == "neon"

// usePath makes the public functions dispatch to the row named name (the
// flag the entry points test) and returns a function that restores it.
// For tests only (registered with internal/impl).
func usePath(name string) (restore func()) {
	a := useNEON
	useNEON = name == "neon"
	return func() { useNEON = a }
}
