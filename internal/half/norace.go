//go:build !race

package half

// Without the race detector the annotations compile to nothing.

// RaceRead records a read of s under the race detector.
func RaceRead[T any]([]T) {}

// RaceWrite records a write of s under the race detector.
func RaceWrite[T any]([]T) {}
