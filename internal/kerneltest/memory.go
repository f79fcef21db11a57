package kerneltest

import (
	"math"
	"testing"
	"unsafe"
)

// Canary is a signaling NaN no kernel produces, for the elements around a
// window a kernel must not write.
const Canary = 0x7fa5c3e1

// GuardByte fills the bytes around the slices Misaligned returns.
const GuardByte = 0xCD

// FillCanary sets every element of buf to Canary.
func FillCanary(buf []float32) {
	for i := range buf {
		buf[i] = math.Float32frombits(Canary)
	}
}

// CheckCanary fails t now if an element of buf outside [lo, hi) no longer
// holds Canary.
func CheckCanary(t testing.TB, buf []float32, lo, hi int, what string) {
	t.Helper()
	for i, c := range buf {
		if (i < lo || i >= hi) && math.Float32bits(c) != Canary {
			t.Fatalf("%s: element %d outside the window [%d, %d) was overwritten: %#08x", what, i, lo, hi, math.Float32bits(c))
		}
	}
}

// FloatsAt returns the n float32s at byte offset off of b, whatever their
// alignment: a view of b's memory.
func FloatsAt(b []byte, off, n int) []float32 {
	if n == 0 {
		return []float32{}
	}
	return unsafe.Slice((*float32)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), off)), n)
}

// Aligned64 returns the offset of the first 64-byte boundary in b.
func Aligned64(b []byte) int {
	return int(-uintptr(unsafe.Pointer(unsafe.SliceData(b))) & 63)
}

// Misaligned returns n zeroed float32s starting off bytes past a 64-byte
// boundary (off not a multiple of 4 misaligns them), with capacity n.
func Misaligned(n, off int) []float32 {
	f, _ := MisalignedGuarded(n, off)
	return f
}

// MisalignedGuarded is Misaligned, and returns the buffer around the
// slice, whose other bytes (at least 64 before the slice and 64 after it)
// hold GuardByte: CheckGuardBytes tells whether they still do.
func MisalignedGuarded(n, off int) (f []float32, buf []byte) {
	buf = make([]byte, 4*n+off+3*64)
	start := 64 + Aligned64(buf) + off
	for i := range buf {
		buf[i] = GuardByte
	}
	f = FloatsAt(buf, start, n)
	clear(f)
	return f, buf
}

// Aligned returns n zeroed float32s starting at a 64-byte boundary, with
// capacity n.
func Aligned(n int) []float32 { return Misaligned(n, 0) }

// CheckGuardBytes fails t now if a byte of buf outside the slice s (which
// MisalignedGuarded returned with buf, or a window of it) no longer holds
// GuardByte.
func CheckGuardBytes(t testing.TB, s []float32, buf []byte, what string) {
	t.Helper()
	if len(s) == 0 {
		return
	}
	start := int(uintptr(unsafe.Pointer(&s[0])) - uintptr(unsafe.Pointer(&buf[0])))
	for i := range buf {
		if (i < start || i >= start+4*len(s)) && buf[i] != GuardByte {
			where := "after"
			if i < start {
				where = "before"
			}
			t.Fatalf("%s: byte %d %s the slice (bytes %d..%d) changed to %#x", what, i, where, start, start+4*len(s), buf[i])
		}
	}
}
