//go:build purego || noasm || !(amd64 || arm64)

package bf16

// No assembly here: the conversions are the generic ones.

var paths []path

func widen(dst []float32, src []Bits)  { widenGeneric(dst, src) }
func narrow(dst []Bits, src []float32) { narrowGeneric(dst, src) }
func skip([]float32) int               { return 0 }
