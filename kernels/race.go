//go:build race

package kernels

import (
	"runtime"
	"unsafe"
)

// Under the race detector, the public functions tell it what they read and
// write: the assembly kernels are invisible to its instrumentation, so
// without this a data race on a slice passed to an assembly path would go
// unreported where the generic path reports it.

const raceEnabled = true

func raceRead(s []float32) {
	if len(s) > 0 {
		runtime.RaceReadRange(hide(s), int(elemBytes)*len(s))
	}
}

func raceWrite(s []float32) {
	if len(s) > 0 {
		runtime.RaceWriteRange(hide(s), int(elemBytes)*len(s))
	}
}

// hide returns s's address as an unsafe.Pointer that escape analysis does
// not trace back to s: runtime.RaceReadRange and RaceWriteRange leak their
// argument (as far as the compiler knows), which would move every caller's
// slices to the heap under -race only. The address is only recorded, and s
// stays alive in the caller throughout.
func hide(s []float32) unsafe.Pointer {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return *(*unsafe.Pointer)(unsafe.Pointer(&p))
}
