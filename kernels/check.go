package kernels

import (
	"strconv"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/overlap"
)

// The argument checks run on every call, so each public function spells its
// fast path out itself: a few compares, all inlined (a helper holding the
// panic call would be too costly for the inliner), and one call, to a function
// that is never inlined, only when the arguments are wrong. That function
// works out which rule was broken and panics with a message naming the
// function and the lengths.
//
// The rules: all slices have the same length, and dst is either identical to
// an input (same first element) or disjoint from it. Inputs may overlap each
// other in any way, since they are only read.

// overlapsPartially reports whether dst and in (of equal length) share
// memory without starting at the same byte: whether they start at different
// bytes less than size apart, the distance being the smaller of the two
// unsigned differences d-s and s-d. It compares unsigned differences, never
// an end address: a slice may end exactly at the top of the address space,
// where s+size wraps to 0.
//
// It runs on every call, so it is written to fold: min becomes a
// conditional move, leaving one branch for identical starts (in place) and
// one for the distance, where comparing each difference took a branch of
// its own. Empty slices (size 0) share nothing: no distance is below 0.
func overlapsPartially(dst, in []float32) bool {
	d := uintptr(unsafe.Pointer(unsafe.SliceData(dst)))
	s := uintptr(unsafe.Pointer(unsafe.SliceData(in)))
	return d != s && min(d-s, s-d) < uintptr(len(dst))*elemBytes
}

// elemBytes is the size of an element of the package's slices.
const elemBytes = unsafe.Sizeof(float32(0))

//go:noinline
func panicUnary(fn string, dst, src []float32) {
	if len(dst) != len(src) {
		panic(fn + ": len(dst)=" + strconv.Itoa(len(dst)) + ", len(src)=" + strconv.Itoa(len(src)) + sameLength)
	}
	panicOverlap(fn, "src", dst, src)
}

//go:noinline
func panicBinary(fn, name string, dst, grad, x []float32) {
	if len(dst) != len(grad) || len(dst) != len(x) {
		panic(fn + ": len(dst)=" + strconv.Itoa(len(dst)) + ", len(grad)=" + strconv.Itoa(len(grad)) +
			", len(" + name + ")=" + strconv.Itoa(len(x)) + sameLength)
	}
	if overlapsPartially(dst, grad) {
		panicOverlap(fn, "grad", dst, grad)
	}
	panicOverlap(fn, name, dst, x)
}

const sameLength = ": all slices must have the same length"

func panicOverlap(fn, name string, dst, in []float32) { overlap.Panic(fn, name, dst, in) }
