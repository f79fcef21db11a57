//go:build !purego && !noasm

package fpenv

// FPCR bits.
const (
	FZ = 1 << 24 // flush to zero: subnormal inputs and results read and written as ±0
	DN = 1 << 25 // default NaN
)

// FPCR returns the current thread's FPCR.
func FPCR() uint64

// SetFPCR writes v into the current thread's FPCR.
func SetFPCR(v uint64)

func flushSubnormals() (func(), bool) {
	saved := FPCR()
	SetFPCR(saved | FZ)
	return func() { SetFPCR(saved) }, true
}
