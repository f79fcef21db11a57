//go:build !purego && !noasm

package lanecheck

import (
	"strings"

	"golang.org/x/sys/cpu"
)

// supported returns what this CPU lacks to run check on path, or "". The
// avx512 kernels run the avx2 ones for n < 16; the FMA kernels need FMA3,
// which the library's own paths do not ask for yet.
func supported(path, check string) string {
	switch {
	case !cpu.X86.HasAVX2:
		return "AVX2"
	case path == "avx512" && !cpu.X86.HasAVX512F:
		return "AVX512F"
	case strings.HasPrefix(check, "fma") && !cpu.X86.HasFMA:
		return "FMA3"
	}
	return ""
}
