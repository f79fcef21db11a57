//go:build !purego && !noasm && race

package kerneltest

// raceEnabled: the race detector is on.
const raceEnabled = true
