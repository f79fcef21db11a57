//go:build unix

package kernels

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// TestLayerGuardPages places every slice of a layer kernel's call flush
// against an inaccessible page (kerneltest.GuardedPage), after its
// end or before its start, so that a read or write of even one byte outside
// a slice crashes the test; out of place and in place.
func TestLayerGuardPages(t *testing.T) {
	var pages [5][]float32
	for i := range pages {
		pages[i] = kerneltest.GuardedPage(t)
	}
	at := func(buf []float32, n int, end bool) []float32 {
		if end {
			return buf[len(buf)-n:]
		}
		return buf[:n]
	}
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachLayerKernel(t, func(t *testing.T, k kerneltest.LayerKernel) {
			for _, cols := range []int{1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 255, 256, 1024} {
				for _, rows := range []int{0, 1, 2, 4, 5} {
					n := rows * cols
					if n > len(pages[0]) {
						continue
					}
					for _, end := range []bool{false, true} {
						dst, a, b := at(pages[0], n, end), at(pages[1], n, !end), at(pages[2], n, end)
						par, acc := at(pages[3], cols, !end), at(pages[4], cols, end)
						copy(a, kerneltest.RandomInputs(n, uint64(n)))
						copy(b, kerneltest.RandomInputs(n, uint64(n)+1))
						copy(par, kerneltest.RandomInputs(cols, 2))
						copy(acc, kerneltest.RandomInputs(cols, 3))
						if !k.Grad {
							b, acc = nil, nil
						}
						if !k.HasPar() {
							par = nil
						}
						in := layerArgs{a: kerneltest.Bits(a), b: kerneltest.Bits(b), par: kerneltest.Bits(par), acc: kerneltest.Bits(acc), alpha: 0.5, cols: cols, block: blockOf(r)}
						k.Call(r, dst, acc, a, b, par, 0.5)
						checkLayer(t, k, in, dst, acc, "guard pages rows=%d cols=%d end=%v", rows, cols, end)
						// In place, dst flush against the guard.
						copy(dst, a)
						if k.Grad {
							copy(acc, kerneltest.RandomInputs(cols, 3))
						}
						in.a = kerneltest.Bits(dst)
						k.Call(r, dst, acc, dst, b, par, 0.5)
						checkLayer(t, k, in, dst, acc, "guard pages in place rows=%d cols=%d end=%v", rows, cols, end)
					}
				}
			}
		})
	})
}
