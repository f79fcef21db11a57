//go:build !purego && !noasm

package f64

import (
	"github.com/fastrelu/fastrelu/kernels"
	"golang.org/x/sys/cpu"
)

// useAVX512 and useAVX2 select the kernels of kernels_amd64.s, set once:
// the path package kernels runs, which is the best this CPU and OS run
// unless FASTRELU_ISA asks for less (package kernels' documentation).
var (
	useAVX512 = kernels.Implementation() == "avx512"
	useAVX2   = kernels.Implementation() == "avx2"
)

var paths = []path{
	{"avx512", &useAVX512, cpu.X86.HasAVX512F && cpu.X86.HasAVX2},
	{"avx2", &useAVX2, cpu.X86.HasAVX2},
}

// Implementation names the code path this process's kernels run:
// "avx512", "avx2" or "generic", package kernels' own (FASTRELU_ISA
// included).
func Implementation() string {
	switch {
	case useAVX512:
		return "avx512"
	case useAVX2:
		return "avx2"
	}
	return "generic"
}
