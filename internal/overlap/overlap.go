// Package overlap words the panic of a kernel whose dst overlaps an input
// partially, for every element type: package kernels' float32 slices and
// the 16-bit storage types' (internal/half).
package overlap

import (
	"strconv"
	"unsafe"
)

// Panic panics with fn's message for dst overlapping in (of dst's length),
// named name, without starting at the same byte: how far apart they start,
// in elements (or in bytes, when not a whole number of elements), and on
// which side.
func Panic[E any](fn, name string, dst, in []E) {
	size := uint64(unsafe.Sizeof(*new(E)))
	d := uintptr(unsafe.Pointer(unsafe.SliceData(dst)))
	s := uintptr(unsafe.Pointer(unsafe.SliceData(in)))
	// The side comes from the unsigned difference that is within the
	// slice, as the checks compute it: a signed d-s is wrong wherever the
	// two addresses are more than half the address space apart, and
	// int64(d-s) is never negative on a 32-bit platform.
	shift, side := uint64(d-s), " after"
	if uint64(d-s) >= uint64(len(dst))*size {
		shift, side = uint64(s-d), " before"
	}
	// A slice need not be aligned to its element size (unsafe.Slice over a
	// byte buffer), so the shift is a whole number of elements or not: name
	// bytes when it is not.
	unit := " bytes"
	if shift%size == 0 {
		shift, unit = shift/size, " elements"
	}
	panic(fn + ": dst overlaps " + name + " partially (len=" + strconv.Itoa(len(dst)) + ", dst starts " +
		strconv.FormatUint(shift, 10) + unit + side + " " + name + "): pass the same slice to work in place, or disjoint slices")
}
