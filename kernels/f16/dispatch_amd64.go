//go:build !purego && !noasm

package f16

import (
	"github.com/fastrelu/fastrelu/internal/half"
	"github.com/fastrelu/fastrelu/kernels"
	"github.com/klauspost/cpuid/v2"
)

// useAVX512 and useAVX2 select the conversions of convert_amd64.s, set
// once: AVX-512 where package kernels runs its avx512 path (the CPU and the
// OS have it, and FASTRELU_ISA does not ask for less), else AVX2 where the
// CPU has AVX2 and F16C, unless package kernels runs its generic path
// (FASTRELU_ISA=generic), which this package's conversions follow.
var (
	useAVX512 = hasAVX512
	useAVX2   = !hasAVX512 && hasAVX2
)

var (
	hasAVX512 = kernels.Implementation() == "avx512" && cpuid.CPU.Supports(cpuid.AVX2, cpuid.F16C)
	hasAVX2   = kernels.Implementation() != "generic" && cpuid.CPU.Supports(cpuid.AVX2, cpuid.F16C)
)

// paths are the conversions' implementations besides the generic one, by
// name, for the tests: each a flag that selects it and whether this CPU
// can run it.
var paths = []path{{"avx512", &useAVX512, hasAVX512}, {"avx2", &useAVX2, hasAVX2}}

func widen(dst []float32, src []Bits) {
	n := len(src) &^ 31
	switch {
	case useAVX512:
		half.Blocks(n, func(i, j int) { widenAVX512(dst[i:j], half.Uint16s(src[i:j])) })
	case useAVX2:
		half.Blocks(n, func(i, j int) { widenAVX2(dst[i:j], half.Uint16s(src[i:j])) })
	default:
		n = 0
	}
	widenGeneric(dst[n:], src[n:])
}

func narrow(dst []Bits, src []float32) {
	n := len(src) &^ 31
	switch {
	case useAVX512:
		half.Blocks(n, func(i, j int) { narrowAVX512(half.Uint16s(dst[i:j]), src[i:j]) })
	case useAVX2:
		half.Blocks(n, func(i, j int) { narrowAVX2(half.Uint16s(dst[i:j]), src[i:j]) })
	default:
		n = 0
	}
	narrowGeneric(dst[n:], src[n:])
}

// skip returns how many leading elements of y fromRounded may pass over:
// whole vectors of eight with no lane that may be a midpoint (AVX2 on
// either vector path).
func skip(y []float32) int {
	if useAVX512 || useAVX2 {
		return skipAVX2(y)
	}
	return 0
}
