package kerneltest

import (
	"fmt"
	"math"
	"testing"
)

// EqualBits fails t now unless want and got have the same length and the
// same bits element by element (so +0 and -0 differ, and NaNs compare by
// payload: never compare floats with testify's Equal). The message, from
// format and args, names the first differing index with both values in
// hex, and how many differ.
func EqualBits(t testing.TB, want, got []float32, format string, args ...any) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%s: length %d, want %d", fmt.Sprintf(format, args...), len(got), len(want))
	}
	first, bad := -1, 0
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
			if first < 0 {
				first = i
			}
			bad++
		}
	}
	if bad > 0 {
		t.Fatalf("%s: element %d: got %#08x, want %#08x (%d of %d elements differ)", fmt.Sprintf(format, args...),
			first, math.Float32bits(got[first]), math.Float32bits(want[first]), bad, len(want))
	}
}

// EqualUint32s is EqualBits for slices of bit patterns.
func EqualUint32s(t testing.TB, want, got []uint32, format string, args ...any) {
	t.Helper()
	EqualBits(t, Floats(want), Floats(got), format, args...)
}
