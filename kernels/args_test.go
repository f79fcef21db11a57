package kernels

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// calls holds each public function with its name, called with dst and one
// more slice as every input (so that the overlap of dst with each input can
// be tested on its own).
var calls = []struct {
	name   string
	inputs []string
	call   func(dst []float32, in ...[]float32)
}{
	{"kernels.ReLU", []string{"src"}, func(d []float32, in ...[]float32) { ReLU(d, in[0]) }},
	{"kernels.LeakyReLU", []string{"src"}, func(d []float32, in ...[]float32) { LeakyReLU(d, in[0], 0.1) }},
	{"kernels.ReLUGrad", []string{"grad", "x"}, func(d []float32, in ...[]float32) { ReLUGrad(d, in[0], in[1]) }},
	{"kernels.LeakyReLUGrad", []string{"grad", "x"}, func(d []float32, in ...[]float32) { LeakyReLUGrad(d, in[0], in[1], 0.1) }},
}

func TestPanicsOnMismatchedLengths(t *testing.T) {
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			if len(c.inputs) == 1 {
				require.PanicsWithValue(t, c.name+": len(dst)=7, len(src)=8: all slices must have the same length",
					func() { c.call(make([]float32, 7), make([]float32, 8)) })
				require.PanicsWithValue(t, c.name+": len(dst)=0, len(src)=1: all slices must have the same length",
					func() { c.call(nil, make([]float32, 1)) })
				return
			}
			require.PanicsWithValue(t, c.name+": len(dst)=7, len(grad)=8, len(x)=7: all slices must have the same length",
				func() { c.call(make([]float32, 7), make([]float32, 8), make([]float32, 7)) })
			require.PanicsWithValue(t, c.name+": len(dst)=7, len(grad)=7, len(x)=6: all slices must have the same length",
				func() { c.call(make([]float32, 7), make([]float32, 7), make([]float32, 6)) })
		})
	}
}

// TestPanicsOnPartialOverlap shifts dst against each input in both
// directions, down to one element of overlap.
func TestPanicsOnPartialOverlap(t *testing.T) {
	const n = 10
	for _, c := range calls {
		for which, name := range c.inputs {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				for shift := -(n - 1); shift <= n-1; shift++ {
					if shift == 0 {
						continue
					}
					buf := make([]float32, 3*n)
					dst, in := buf[n+shift:2*n+shift], buf[n:2*n]
					args := [][]float32{make([]float32, n), make([]float32, n)}
					args[which] = in
					where := fmt.Sprintf("%d elements after", shift)
					if shift < 0 {
						where = fmt.Sprintf("%d elements before", -shift)
					}
					want := fmt.Sprintf("%s: dst overlaps %s partially (len=%d, dst starts %s %s): "+
						"pass the same slice to work in place, or disjoint slices", c.name, name, n, where, name)
					require.PanicsWithValue(t, want, func() { c.call(dst, args...) }, "shift %d", shift)
				}
			})
		}
	}
}

func TestNoPanicForIdenticalOrEmpty(t *testing.T) {
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			buf := make([]float32, 20)
			assert.NotPanics(t, func() { c.call(buf[3:9], buf[3:9], buf[3:9]) }, "identical")
			assert.NotPanics(t, func() { c.call(buf[3:9], buf[9:15], buf[9:15]) }, "adjacent, disjoint")
			assert.NotPanics(t, func() { c.call(nil, nil, nil) }, "nil")
			assert.NotPanics(t, func() { c.call(buf[:0], buf[1:1], nil) }, "empty")
			// Inputs overlapping each other, dst disjoint: allowed.
			assert.NotPanics(t, func() { c.call(buf[0:5], buf[5:10], buf[7:12]) }, "inputs overlap each other")
		})
	}
}

// TestNoAllocations also proves that no argument escapes: the slices point
// into arrays on the test's stack, which would move to the heap (and count
// as an allocation per run) if any kernel let them escape.
func TestNoAllocations(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		var a, b, c [67]float32
		ReLU(a[:], b[:])
		LeakyReLU(a[:], a[:], 0.1)
		ReLUGrad(a[:], b[:], c[:])
		LeakyReLUGrad(c[:], b[:], c[:], 0.1)
	})
	require.Zero(t, allocs, "allocations per call")
}

// TestNoAllocationsPerRow checks that no path's kernel allocates. The rows
// are function values, whose arguments escape, so the buffers are on the
// heap from the start; TestNoAllocations covers escape through the public
// functions.
func TestNoAllocationsPerRow(t *testing.T) {
	a, b, c := make([]float32, 67), make([]float32, 67), make([]float32, 67)
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		allocs := testing.AllocsPerRun(20, func() {
			r.ReLU(a, b)
			r.LeakyReLU(a, a, 0.1)
			r.ReLUGrad(a, b, c)
			r.LeakyReLUGrad(c, b, c, 0.1)
		})
		require.Zero(t, allocs, "allocations per call")
	})
}

// TestPanicsOnMisalignedOverlap: a []float32 need not be 4-byte aligned
// (unsafe.Slice over a byte buffer), so dst may overlap an input shifted by
// 1 to 3 bytes, or any number that is not a multiple of 4: the message
// names the shift in bytes.
func TestPanicsOnMisalignedOverlap(t *testing.T) {
	const n = 8
	buf := make([]float32, 5*n) // room for every shift below, either way
	base := unsafe.Pointer(&buf[2*n])
	at := func(bytes int) []float32 { return unsafe.Slice((*float32)(unsafe.Add(base, bytes)), n) }
	for _, c := range calls {
		for which, name := range c.inputs {
			for _, shift := range []int{1, 2, 3, 5, 13, 4*n - 1, -1, -3, -6, -(4*n - 1)} {
				args := [][]float32{make([]float32, n), make([]float32, n)}
				args[which] = at(0)
				where := fmt.Sprintf("%d bytes after", shift)
				if shift < 0 {
					where = fmt.Sprintf("%d bytes before", -shift)
				}
				want := fmt.Sprintf("%s: dst overlaps %s partially (len=%d, dst starts %s %s): "+
					"pass the same slice to work in place, or disjoint slices", c.name, name, n, where, name)
				require.PanicsWithValue(t, want, func() { c.call(at(shift), args...) }, "shift %d bytes", shift)
			}
			// Shifted by a whole slice or more: disjoint.
			for _, shift := range []int{4 * n, 4*n + 1, -4 * n, -4*n - 3} {
				args := [][]float32{make([]float32, n), make([]float32, n)}
				args[which] = at(0)
				require.NotPanics(t, func() { c.call(at(shift), args...) }, "shift %d bytes", shift)
			}
		}
	}
}

// highSlice returns a slice header of n floats at address addr, for
// overlapsPartially only: its memory is never touched.
func highSlice(addr uintptr, n int) []float32 {
	p := *(*unsafe.Pointer)(unsafe.Pointer(&addr))
	return unsafe.Slice((*float32)(p), n)
}

// TestOverlapAtTopOfAddressSpace: a slice may end exactly at the top of the
// address space (2^64, or 2^32 on a 32-bit platform), where start+4*len
// wraps to 0, and two slices may lie more than half the address space
// apart. The overlap tests must compare no end addresses, and the panic
// message must name the side from no signed difference.
func TestOverlapAtTopOfAddressSpace(t *testing.T) {
	const top = ^uintptr(0) - 15 // 4 floats below the top: ends exactly there
	for _, tc := range []struct {
		d, s    uintptr
		n       int
		overlap bool
		where   string // the panic message's "dst starts ..."
	}{
		{top, top - 4, 4, true, "1 elements after"}, // dst ends at the top, src one element before it
		{top - 4, top, 3, true, "1 elements before"},
		{top, top - 12, 4, true, "3 elements after"},
		{top, top - 1, 4, true, "1 bytes after"},     // misaligned by one byte
		{top - 4, top, 4, true, "1 elements before"}, // src ends at the top
		{top - 13, top, 4, true, "13 bytes before"},
		{top, top - 16, 4, false, ""},
		{top - 16, top, 4, false, ""},
		{top, top, 4, false, ""},    // identical
		{0x1000, top, 4, false, ""}, // the other end of the address space
		{top, 0x1000, 4, false, ""},
		{top + 8, top + 4, 2, true, "1 elements after"}, // both end at or near the top
	} {
		dst, in := highSlice(tc.d, tc.n), highSlice(tc.s, tc.n)
		assert.Equal(t, tc.overlap, overlapsPartially(dst, in), "overlapsPartially: dst %#x, in %#x, len %d", tc.d, tc.s, tc.n)
		assert.Equal(t, tc.overlap || tc.d == tc.s, overlaps(dst, in), "overlaps: dst %#x, in %#x, len %d", tc.d, tc.s, tc.n)
		if tc.overlap {
			want := "f: dst overlaps src partially (len=" + fmt.Sprint(tc.n) + ", dst starts " + tc.where +
				" src): pass the same slice to work in place, or disjoint slices"
			assert.PanicsWithValue(t, want, func() { panicOverlap("f", "src", dst, in) }, "dst %#x, in %#x", tc.d, tc.s)
		}
	}
}

// TestOverlapsAtTopOfAddressSpace: the same for overlaps, the layer
// kernels' test that two slices (of any lengths) share memory.
func TestOverlapsAtTopOfAddressSpace(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("64-bit address space only")
	}
	const top = ^uintptr(0) - 15 // 4 floats below 2^64: ends exactly at 2^64
	for _, tc := range []struct {
		a      uintptr
		na     int
		b      uintptr
		nb     int
		shared bool
	}{
		{top, 4, top - 4, 2, true}, // b's last element is a's first
		{top, 4, top - 8, 2, false},
		{top - 8, 2, top, 4, false},
		{top - 8, 3, top, 4, true},
		{top, 4, top + 12, 1, true}, // b is a's last element
		{top + 12, 1, top, 4, true},
		{top, 4, top, 4, true},     // identical
		{top, 4, top + 1, 1, true}, // misaligned by one byte
		{top, 4, 0x1000, 4, false}, // the other end of the address space
		{0x1000, 4, top, 4, false},
		{top, 0, top, 4, false}, // empty: nothing shared
		{top, 4, top, 0, false},
	} {
		got := overlaps(highSlice(tc.a, tc.na), highSlice(tc.b, tc.nb))
		assert.Equal(t, tc.shared, got, "a %#x len %d, b %#x len %d", tc.a, tc.na, tc.b, tc.nb)
	}
}
