//go:build !purego && !noasm

package fpenv

// MXCSR bits.
const (
	DAZ = 1 << 6  // denormals are zeros: subnormal inputs read as ±0
	FTZ = 1 << 15 // flush to zero: subnormal results written as ±0
)

// MXCSR returns the current thread's MXCSR.
func MXCSR() uint32

// SetMXCSR loads v into the current thread's MXCSR.
func SetMXCSR(v uint32)

func flushSubnormals() (func(), bool) {
	saved := MXCSR()
	SetMXCSR(saved | FTZ | DAZ)
	return func() { SetMXCSR(saved) }, true
}
