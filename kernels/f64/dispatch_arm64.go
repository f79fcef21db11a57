//go:build !purego && !noasm

package f64

import "github.com/fastrelu/fastrelu/kernels"

// useNEON selects the kernels of kernels_arm64.s, set once: where package
// kernels runs its neon path (every arm64 CPU, unless FASTRELU_ISA asks
// for the generic one).
var useNEON = kernels.Implementation() == "neon"

var paths = []path{{"neon", &useNEON, true}}

// Implementation names the code path this process's kernels run: "neon"
// or "generic", package kernels' own (FASTRELU_ISA included).
func Implementation() string {
	if useNEON {
		return "neon"
	}
	return "generic"
}
