package kernels

import (
	"testing"
	"unsafe"
)

// TestOverlapsPartiallyFolded holds the folded overlap check (check.go: one
// compare, conditional moves) to the plain rule it replaces, d != s and
// either unsigned difference below the size, on addresses near 0, near the
// middle and near the top of the address space, aligned and not, with the
// lengths 0 (empty slices overlap nothing), 1, 2, 3, 4, 5, 1000 and, on a
// 64-bit platform, 64 TiB. unsafe.Slice refuses a nil pointer with a
// length and a slice past the top of the address space: those are skipped.
func TestOverlapsPartiallyFolded(t *testing.T) {
	plain := func(d, s uintptr, n int) bool {
		size := uintptr(n) * 4
		return d != s && (d-s < size || s-d < size)
	}
	lens := []int{0, 1, 2, 3, 4, 5, 1000}
	if raceEnabled {
		// checkptr, on with -race, refuses slice headers made from these
		// integer addresses; the logic is the same in the plain build.
		t.Skip("slice headers at arbitrary addresses: not under checkptr (-race)")
	}
	if shift := 44; unsafe.Sizeof(uintptr(0)) == 8 {
		lens = append(lens, 1<<shift) // unsafe.Slice allows up to the heap's limit
	}
	var bases []uintptr
	for _, b := range []uintptr{0, 1 << 12, ^uintptr(0)/2 + 1, ^uintptr(0) - 4095} {
		for _, o := range []uintptr{0, 1, 3, 4, 7, 8, 16, 4000, 4004} {
			bases = append(bases, b+o, b-o)
		}
	}
	valid := func(p uintptr, n int) bool { return n == 0 || p != 0 && uintptr(n)*4 <= -p }
	checked := 0
	for _, d := range bases {
		for _, s := range bases {
			for _, n := range lens {
				if !valid(d, n) || !valid(s, n) {
					continue
				}
				want := plain(d, s, n)
				if got := overlapsPartially(highSlice(d, n), highSlice(s, n)); got != want {
					t.Fatalf("overlapsPartially(dst %#x, in %#x, len %d) = %v, want %v", d, s, n, got, want)
				}
				checked++
			}
		}
	}
	t.Logf("%d cases", checked)
}
