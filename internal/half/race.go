//go:build race

package half

import (
	"runtime"
	"unsafe"
)

// Under the race detector, the storage packages' conversions tell it what
// they read and write, as package kernels' functions do: their assembly is
// invisible to its instrumentation.

// RaceRead records a read of s.
func RaceRead[T any](s []T) {
	if len(s) > 0 {
		runtime.RaceReadRange(hide(s), len(s)*int(unsafe.Sizeof(s[0])))
	}
}

// RaceWrite records a write of s.
func RaceWrite[T any](s []T) {
	if len(s) > 0 {
		runtime.RaceWriteRange(hide(s), len(s)*int(unsafe.Sizeof(s[0])))
	}
}

// hide returns s's address as an unsafe.Pointer that escape analysis does
// not trace back to s (see package kernels' race.go).
func hide[T any](s []T) unsafe.Pointer {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return *(*unsafe.Pointer)(unsafe.Pointer(&p))
}
