package kernels

import (
	"fmt"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
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
	forEachRow(t, func(t *testing.T, r impl.Impl) {
		allocs := testing.AllocsPerRun(20, func() {
			r.ReLU(a, b)
			r.LeakyReLU(a, a, 0.1)
			r.ReLUGrad(a, b, c)
			r.LeakyReLUGrad(c, b, c, 0.1)
		})
		require.Zero(t, allocs, "allocations per call")
	})
}
