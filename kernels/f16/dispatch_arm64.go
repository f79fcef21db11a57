//go:build !purego && !noasm

package f16

import (
	"github.com/fastrelu/fastrelu/internal/half"
	"github.com/fastrelu/fastrelu/kernels"
)

// useNEON selects the conversions of convert_arm64.s, set once: NEON is
// part of every arm64 CPU, and this package's conversions follow package
// kernels, which runs its generic path with FASTRELU_ISA=generic.
var useNEON = hasNEON

var hasNEON = kernels.Implementation() != "generic"

// paths are the conversions' implementations besides the generic one, by
// name, for the tests: each a flag that selects it and whether this CPU
// can run it.
var paths = []path{{"neon", &useNEON, hasNEON}}

func widen(dst []float32, src []Bits) {
	n := len(src) &^ 15
	if useNEON {
		half.Blocks(n, func(i, j int) { widenNEON(dst[i:j], half.Uint16s(src[i:j])) })
	} else {
		n = 0
	}
	widenGeneric(dst[n:], src[n:])
}

func narrow(dst []Bits, src []float32) {
	n := len(src) &^ 15
	if useNEON {
		half.Blocks(n, func(i, j int) { narrowNEON(half.Uint16s(dst[i:j]), src[i:j]) })
	} else {
		n = 0
	}
	narrowGeneric(dst[n:], src[n:])
}

// skip is 0: fromRounded tests every element for a midpoint.
func skip([]float32) int { return 0 }
