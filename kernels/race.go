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
		runtime.RaceReadRange(unsafe.Pointer(unsafe.SliceData(s)), 4*len(s))
	}
}

func raceWrite(s []float32) {
	if len(s) > 0 {
		runtime.RaceWriteRange(unsafe.Pointer(unsafe.SliceData(s)), 4*len(s))
	}
}
