//go:build !purego && !noasm

package kernels

// setPath makes the public functions dispatch to the row named name (the
// flag the glue functions test) and returns a function that restores it.
func setPath(name string) (restore func()) {
	a := useNEON
	useNEON = name == "neon"
	return func() { useNEON = a }
}
