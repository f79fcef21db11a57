//go:build unix

package kernels

import (
	"math"
	"os"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// Tests of memory safety and of the assembly's own paths, on every row,
// beyond the shared table-driven tests: the amd64 streaming stores (which
// those reach only at sizes above the cache) at every length and alignment,
// slices next to unmapped pages (any read or write outside a slice faults),
// and a report of the path in use for scripts/avx512-emu.sh. Unix only, for
// mmap.

// TestImplementationReport logs the path in use, for scripts that check
// which path a run exercised (scripts/avx512-emu.sh greps for the line),
// and fails when FASTRELU_REQUIRE_IMPL names another path.
func TestImplementationReport(t *testing.T) {
	t.Logf("fastrelu: Implementation()=%s FASTRELU_ISA=%q", Implementation(), os.Getenv("FASTRELU_ISA"))
	for _, r := range implementations {
		t.Logf("fastrelu: row %s available=%v %s", r.Name, r.Available, r.Missing)
	}
	if want := os.Getenv("FASTRELU_REQUIRE_IMPL"); want != "" {
		require.Equal(t, want, Implementation(), "FASTRELU_REQUIRE_IMPL")
	}
}

// amd64Rows returns the available assembly rows.
func amd64Rows(t *testing.T) []impl.Impl {
	var rows []impl.Impl
	for _, r := range implementations {
		if r.Name == "generic" {
			continue
		}
		if !r.Available {
			t.Logf("skipping %s: %s", r.Name, r.Missing)
			continue
		}
		rows = append(rows, r)
	}
	return rows
}

// amd64Check runs kernel k of row r on dst (a window of dBuf) and compares
// with the generic row, bit for bit, and the rest of dBuf with its kerneltest.Canary.
func amd64Check(t *testing.T, r impl.Impl, k int, dBuf []float32, dOff, n int, v, x []float32, alpha float32) {
	t.Helper()
	g := kerneltest.Generic()
	want := make([]float32, n)
	dst := dBuf[dOff : dOff+n]
	switch k {
	case 0:
		g.ReLU(want, v)
		r.ReLU(dst, v)
	case 1:
		g.LeakyReLU(want, v, alpha)
		r.LeakyReLU(dst, v, alpha)
	case 2:
		g.ReLUGrad(want, v, x)
		r.ReLUGrad(dst, v, x)
	case 3:
		g.LeakyReLUGrad(want, v, x, alpha)
		r.LeakyReLUGrad(dst, v, x, alpha)
	}
	for i := range dBuf {
		got := math.Float32bits(dBuf[i])
		if i >= dOff && i < dOff+n {
			if w := math.Float32bits(want[i-dOff]); got != w {
				t.Fatalf("%s kernel %d n=%d dOff=%d: dst[%d]=%#08x, want %#08x", r.Name, k, n, dOff, i-dOff, got, w)
			}
		} else if got != amd64Canary {
			t.Fatalf("%s kernel %d n=%d dOff=%d: element %d outside dst overwritten", r.Name, k, n, dOff, i-dOff)
		}
	}
}

const amd64Canary = 0x7fb0b0b0

// TestStreamingStores lowers streamingThreshold so that the streaming paths
// (unaligned head, aligned non-temporal body, regular tail) run at small
// sizes, at every dst alignment mod 64 bytes, and checks them against the
// generic row; then in place (which never streams) at the same sizes.
func TestStreamingStores(t *testing.T) {
	saved := streamingThreshold
	defer func() { streamingThreshold = saved }()
	maxN := 300
	if testing.Short() {
		maxN = 140
	}
	for _, r := range amd64Rows(t) {
		for _, threshold := range []int{4, 8 * 100} { // every n >= 64, or n >= 100 (67 for the gradients)
			streamingThreshold = threshold
			for k := range 4 {
				for n := 0; n <= maxN; n++ {
					v, x := kerneltest.RandomInputs(n+16, uint64(n)), kerneltest.RandomInputs(n+16, uint64(n)+9999)
					for off := range 16 {
						dBuf := make([]float32, n+32)
						for i := range dBuf {
							dBuf[i] = math.Float32frombits(amd64Canary)
						}
						amd64Check(t, r, k, dBuf, off, n, v[(off*7)%16:][:n], x[(off*3)%16:][:n], -0.25)
					}
					// In place: dst is src (or grad, or x).
					for _, which := range []int{0, 1} {
						if which == 1 && k < 2 {
							continue
						}
						buf := append([]float32(nil), v[:n]...)
						xx := x[:n]
						if which == 1 {
							buf = append([]float32(nil), x[:n]...)
						}
						want := make([]float32, n)
						vIn, xIn := append([]float32(nil), buf...), xx
						if which == 1 {
							vIn, xIn = v[:n], append([]float32(nil), buf...)
						}
						kerneltest.Kernels[k].Call(kerneltest.Generic(), want, vIn, xIn, 1.5)
						if which == 0 {
							kerneltest.Kernels[k].Call(r, buf, buf, xx, 1.5)
						} else {
							kerneltest.Kernels[k].Call(r, buf, v[:n], buf, 1.5)
						}
						for i := range want {
							if math.Float32bits(want[i]) != math.Float32bits(buf[i]) {
								t.Fatalf("%s kernel %d n=%d in place (%d): dst[%d]=%#08x, want %#08x",
									r.Name, k, n, which, i, math.Float32bits(buf[i]), math.Float32bits(want[i]))
							}
						}
					}
				}
			}
		}
	}
}

// TestGuardPages places dst and the inputs flush against an
// inaccessible page, after their end and before their start: a kernel that
// reads or writes even one byte outside a slice crashes the test. Every n
// from 0 to 3*64+1 and a few larger ones, out of place and in place, with
// and without the streaming path.
func TestGuardPages(t *testing.T) {
	d := kerneltest.GuardedPage(t)
	v := kerneltest.GuardedPage(t)
	x := kerneltest.GuardedPage(t)
	saved := streamingThreshold
	defer func() { streamingThreshold = saved }()
	ns := []int{}
	for n := 0; n <= 3*64+1; n++ {
		ns = append(ns, n)
	}
	ns = append(ns, 255, 256, 257, 500, len(d)-1, len(d))
	at := func(buf []float32, n int, end bool) []float32 {
		if end {
			return buf[len(buf)-n:]
		}
		return buf[:n]
	}
	for _, r := range amd64Rows(t) {
		for _, threshold := range []int{saved, 4} {
			streamingThreshold = threshold
			for k := range 4 {
				for _, n := range ns {
					for _, end := range []bool{false, true} {
						dst, vv, xx := at(d, n, end), at(v, n, !end), at(x, n, end)
						copy(vv, kerneltest.RandomInputs(n, uint64(n)))
						copy(xx, kerneltest.RandomInputs(n, uint64(n)+1))
						want := make([]float32, n)
						kerneltest.Kernels[k].Call(kerneltest.Generic(), want, vv, xx, 0.5)
						kerneltest.Kernels[k].Call(r, dst, vv, xx, 0.5)
						kerneltest.EqualBits(t, want, dst, "%s kernel %d n=%d", r.Name, k, n)
						// In place, dst flush against the guard.
						copy(dst, vv)
						kerneltest.Kernels[k].Call(r, dst, dst, xx, 0.5)
						kerneltest.Kernels[k].Call(kerneltest.Generic(), want, vv, xx, 0.5)
						kerneltest.EqualBits(t, want, dst, "%s kernel %d n=%d", r.Name, k, n)
					}
				}
			}
		}
	}
}
