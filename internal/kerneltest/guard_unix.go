//go:build unix

package kerneltest

import (
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// GuardedPage maps three pages, makes the first and the last inaccessible,
// and returns the middle one as float32s: a kernel that reads or writes
// even one byte outside a slice that ends at its end, or starts at its
// start, faults. The mapping goes when t ends.
func GuardedPage(t testing.TB) []float32 {
	t.Helper()
	page := unix.Getpagesize()
	mem, err := unix.Mmap(-1, 0, 3*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Fatalf("mmap: %v", err)
	}
	t.Cleanup(func() { _ = unix.Munmap(mem) })
	if err := unix.Mprotect(mem[:page], unix.PROT_NONE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	if err := unix.Mprotect(mem[2*page:], unix.PROT_NONE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(&mem[page])), page/4)
}

// Guarded returns n float32s on a fresh GuardedPage that end at its last
// byte (atEnd) or start at its first (!atEnd), with capacity n.
func Guarded(t testing.TB, n int, atEnd bool) []float32 {
	t.Helper()
	p := GuardedPage(t)
	if atEnd {
		return p[len(p)-n:]
	}
	return p[:n:n]
}

// GuardedBytes returns the bytes of a GuardedPage.
func GuardedBytes(t testing.TB) []byte {
	t.Helper()
	p := GuardedPage(t)
	return unsafe.Slice((*byte)(unsafe.Pointer(&p[0])), 4*len(p))
}
