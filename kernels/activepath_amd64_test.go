//go:build !purego && !noasm

package kernels

// setPath makes the public functions dispatch to the row named name (the
// flags the glue functions test) and returns a function that restores them.
func setPath(name string) (restore func()) {
	a, b := useAVX512, useAVX2
	useAVX512, useAVX2 = name == "avx512", name == "avx2"
	return func() { useAVX512, useAVX2 = a, b }
}
