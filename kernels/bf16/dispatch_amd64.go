//go:build !purego && !noasm

package bf16

import (
	"unsafe"

	"github.com/fastrelu/fastrelu/kernels"
	"github.com/klauspost/cpuid/v2"
)

// useAVX2 selects the AVX2 conversions (convert_amd64.s), set once: where
// the CPU has AVX2, unless package kernels runs its generic path
// (FASTRELU_ISA=generic), which this package's conversions follow.
var useAVX2 = cpuid.CPU.Supports(cpuid.AVX2) && kernels.Implementation() != "generic"

// paths are the conversions' implementations besides the generic one, by
// name, for the tests: each a flag that selects it and whether this CPU
// can run it.
var paths = []path{{"avx2", &useAVX2, cpuid.CPU.Supports(cpuid.AVX2)}}

// callLen is the most elements one assembly call converts: a long slice is
// converted in calls of their own, between which the goroutine can be
// preempted. A multiple of the assembly's block.
const callLen = 64 << 10

func widen(dst []float32, src []Bits) {
	if useAVX2 {
		n := len(src) &^ 31
		for i := 0; i < n; i += callLen {
			j := min(i+callLen, n)
			widenAVX2(dst[i:j], bits(src[i:j]))
		}
		dst, src = dst[n:], src[n:]
	}
	widenGeneric(dst, src)
}

func narrow(dst []Bits, src []float32) {
	if useAVX2 {
		n := len(src) &^ 31
		for i := 0; i < n; i += callLen {
			j := min(i+callLen, n)
			narrowAVX2(bits(dst[i:j]), src[i:j])
		}
		dst, src = dst[n:], src[n:]
	}
	narrowGeneric(dst, src)
}

// skip returns how many leading elements of y fromRounded may pass over:
// whole vectors of eight with no lane that may be a midpoint.
func skip(y []float32) int {
	if useAVX2 {
		return skipAVX2(y)
	}
	return 0
}

// bits is s as the assembly's []uint16, the same memory.
func bits(s []Bits) []uint16 { return unsafe.Slice((*uint16)(unsafe.SliceData(s)), len(s)) }
