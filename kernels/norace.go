//go:build !race

package kernels

// Without the race detector the annotations compile to nothing: the public
// functions test the constant raceEnabled, and the compiler drops the calls
// (and does not count them against the inlining budget).

const raceEnabled = false

func raceRead([]float32)  {}
func raceWrite([]float32) {}
