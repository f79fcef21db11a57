// Package half holds what the 16-bit storage packages (kernels/bf16,
// kernels/f16) share around their kernels: the chunk they widen at a time
// and the argument checks, with the same rules and messages as package
// kernels: all slices have the same length, and dst is either identical to
// an input (same first element: in place) or disjoint from it.
package half

import (
	"strconv"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/overlap"
)

// Chunk is how many elements a kernel widens to float32 at a time: its
// buffers live on the stack, and the float32 kernel's fixed cost per call
// is small beside a chunk's work.
const Chunk = 512

const sameLength = ": all slices must have the same length"

// CheckForward panics unless dst and src have the same length and dst is
// src or disjoint from it; fn names the caller in the message.
func CheckForward[T ~uint16](fn string, dst, src []T) {
	if len(dst) != len(src) || overlapsPartially(dst, src) {
		panicForward(fn, dst, src)
	}
}

// CheckGrad is CheckForward for dst and two inputs, grad and one named name
// ("x" or "y").
func CheckGrad[T ~uint16](fn, name string, dst, grad, x []T) {
	if len(dst) != len(grad) || len(dst) != len(x) || overlapsPartially(dst, grad) || overlapsPartially(dst, x) {
		panicGrad(fn, name, dst, grad, x)
	}
}

// overlapsPartially reports whether dst and in (of equal length) share
// memory without starting at the same byte, as package kernels' check of
// the same name does, with 2-byte elements.
func overlapsPartially[T ~uint16](dst, in []T) bool {
	d := uintptr(unsafe.Pointer(unsafe.SliceData(dst)))
	s := uintptr(unsafe.Pointer(unsafe.SliceData(in)))
	return d != s && min(d-s, s-d) < uintptr(len(dst))*2
}

//go:noinline
func panicForward[T ~uint16](fn string, dst, src []T) {
	if len(dst) != len(src) {
		panic(fn + ": len(dst)=" + strconv.Itoa(len(dst)) + ", len(src)=" + strconv.Itoa(len(src)) + sameLength)
	}
	overlap.Panic(fn, "src", dst, src)
}

//go:noinline
func panicGrad[T ~uint16](fn, name string, dst, grad, x []T) {
	if len(dst) != len(grad) || len(dst) != len(x) {
		panic(fn + ": len(dst)=" + strconv.Itoa(len(dst)) + ", len(grad)=" + strconv.Itoa(len(grad)) +
			", len(" + name + ")=" + strconv.Itoa(len(x)) + sameLength)
	}
	if overlapsPartially(dst, grad) {
		overlap.Panic(fn, "grad", dst, grad)
	}
	overlap.Panic(fn, name, dst, x)
}
