//go:build !purego && !noasm

package kernels

import (
	"os"
	"strconv"
	"strings"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/klauspost/cpuid/v2"
	"golang.org/x/sys/cpu"
)

// archImplementations returns the amd64 assembly rows, best first.
//
// golang.org/x/sys/cpu sets HasAVX2 only when the OS saves the YMM state
// (XCR0), and HasAVX512F only when it also saves the ZMM and opmask state,
// so these flags alone answer "may this process run these instructions".
// The avx512 kernels use AVX512F instructions only (ZMM loads and stores,
// compares into opmasks, merge-masked moves, multiplies and additions, and
// for the layer gradients' last columns KMOVW and opmask-masked loads and
// stores) and no CD, BW, DQ or VL; for n < 16 (the layer kernels: cols <
// 16) they run the avx2 kernels, hence AVX2 as well. The smooth
// activations' kernels (kernels_checked_amd64.go) take fused multiply-adds
// on both paths: FMA3, which every CPU with AVX2 has in practice, checked
// all the same.
func archImplementations() []impl.Impl {
	avx512Missing := ""
	switch {
	case !cpu.X86.HasAVX512F:
		avx512Missing = "AVX512F (in the CPU, with ZMM and opmask state enabled by the OS)"
	case !cpu.X86.HasAVX2:
		avx512Missing = "AVX2"
	case !cpu.X86.HasFMA:
		avx512Missing = "FMA"
	}
	avx2Missing := ""
	switch {
	case !cpu.X86.HasAVX2:
		avx2Missing = "AVX2 (in the CPU, with YMM state enabled by the OS)"
	case !cpu.X86.HasFMA:
		avx2Missing = "FMA (FMA3)"
	}
	return []impl.Impl{
		avx512Row(avx512Missing == "", avx512Missing),
		avx2Row(avx2Missing == "", avx2Missing),
	}
}

// The path in use, set once from active. The assembly entry points (one
// per kernel and its *Stream form, generated into kernels_amd64.s) test these
// flags and jump to that path's kernel, or to the generic Go function. No
// function variables: a call through one would make every caller's slices
// escape to the heap. The public functions call the entry points directly.
var (
	useAVX512 = active.Name == "avx512"
	useAVX2   = active.Name == "avx2"
)

// useZen12 makes the avx2 kernels that have a form for AMD family 0x17
// (Zen, Zen+, Zen 2; Hygon's 0x18 is the same core) run it: the same
// operations with more loads folded into them, which their cores dispatch
// faster and later cores slower (docs/llvm-mca.md). Every form gives the
// same bits. The assembly tests it, as it tests useAVX2.
var useZen12 = chooseTuning()

// chooseTuning returns whether to run the Zen 1/2 forms: as the CPU's
// family says, or as FASTRELU_TUNE says ("zen12" or "default"; for the
// tests, which run both on any CPU with AVX2, and for measuring). Any other
// value is reported and ignored.
func chooseTuning() bool {
	zen12 := zen12Family()
	want := os.Getenv("FASTRELU_TUNE")
	switch strings.ToLower(strings.TrimSpace(want)) {
	case "":
	case "zen12":
		zen12 = true
	case "default":
		zen12 = false
	default:
		os.Stderr.WriteString("kernels: FASTRELU_TUNE=" + strconv.Quote(want) +
			" is not a known tuning (valid: zen12, default, any case); ignored\n")
	}
	return zen12
}

// zen12Family reports whether this CPU is AMD family 0x17 or Hygon 0x18.
func zen12Family() bool {
	return cpuid.CPU.VendorID == cpuid.AMD && cpuid.CPU.Family == 0x17 ||
		cpuid.CPU.VendorID == cpuid.Hygon && cpuid.CPU.Family == 0x18
}

// usePath makes the public functions dispatch to the row named name (the
// flags the entry points test) and returns a function that restores them.
// For tests only (registered with internal/impl).
func usePath(name string) (restore func()) {
	a, b := useAVX512, useAVX2
	useAVX512, useAVX2 = name == "avx512", name == "avx2"
	return func() { useAVX512, useAVX2 = a, b }
}
