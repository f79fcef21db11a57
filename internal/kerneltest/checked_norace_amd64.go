//go:build !purego && !noasm && !race

package kerneltest

// raceEnabled: the race detector is off.
const raceEnabled = false
