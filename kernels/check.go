package kernels

import (
	"strconv"
	"unsafe"
)

// checkUnary panics unless dst and src have the same length and dst is either
// src itself or disjoint from it. It is small enough to inline; the panics
// live in separate functions so that no argument escapes.
func checkUnary(fn string, dst, src []float32) {
	if len(dst) != len(src) {
		panicLengths(fn, "src", len(dst), len(src), -1)
	}
	checkAlias(fn, "src", dst, src)
}

// checkBinary is checkUnary for the gradients: dst, grad and x all have the
// same length, and dst is identical to or disjoint from each input. grad and
// x may overlap each other in any way, since they are only read.
func checkBinary(fn string, dst, grad, x []float32) {
	if len(dst) != len(grad) || len(dst) != len(x) {
		panicLengths(fn, "grad", len(dst), len(grad), len(x))
	}
	checkAlias(fn, "grad", dst, grad)
	checkAlias(fn, "x", dst, x)
}

// checkAlias panics when dst and in (of equal length) share memory without
// starting at the same element.
func checkAlias(fn, name string, dst, in []float32) {
	if len(dst) == 0 {
		return
	}
	d := uintptr(unsafe.Pointer(unsafe.SliceData(dst)))
	s := uintptr(unsafe.Pointer(unsafe.SliceData(in)))
	size := uintptr(len(dst)) * 4
	if d != s && d < s+size && s < d+size {
		panicOverlap(fn, name, int(int64(d-s)/4), len(dst))
	}
}

//go:noinline
func panicLengths(fn, in string, nDst, nIn, nX int) {
	msg := fn + ": len(dst)=" + strconv.Itoa(nDst) + ", len(" + in + ")=" + strconv.Itoa(nIn)
	if nX >= 0 {
		msg += ", len(x)=" + strconv.Itoa(nX)
	}
	panic(msg + ": all slices must have the same length")
}

//go:noinline
func panicOverlap(fn, in string, shift, n int) {
	where := strconv.Itoa(shift) + " elements after"
	if shift < 0 {
		where = strconv.Itoa(-shift) + " elements before"
	}
	panic(fn + ": dst overlaps " + in + " partially (len=" + strconv.Itoa(n) + ", dst starts " + where +
		" " + in + "): pass the same slice to work in place, or disjoint slices")
}
