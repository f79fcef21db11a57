//go:build unix

package kernels

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
)

// TestLayerGuardPages places every slice of a layer kernel's call flush
// against an inaccessible page (bounds_test.go's guardedPage), after its
// end or before its start, so that a read or write of even one byte outside
// a slice crashes the test; out of place and in place.
func TestLayerGuardPages(t *testing.T) {
	var pages [5][]float32
	for i := range pages {
		p, free := guardedPage(t)
		defer free()
		pages[i] = p
	}
	at := func(buf []float32, n int, end bool) []float32 {
		if end {
			return buf[len(buf)-n:]
		}
		return buf[:n]
	}
	forEachLayerRow(t, func(t *testing.T, r impl.Impl) {
		forEachLayerKernel(t, func(t *testing.T, k layerKernel) {
			for _, cols := range []int{1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 255, 256, 1024} {
				for _, rows := range []int{0, 1, 2, 4, 5} {
					n := rows * cols
					if n > len(pages[0]) {
						continue
					}
					for _, end := range []bool{false, true} {
						dst, a, b := at(pages[0], n, end), at(pages[1], n, !end), at(pages[2], n, end)
						par, acc := at(pages[3], cols, !end), at(pages[4], cols, end)
						copy(a, randomInputs(n, uint64(n)))
						copy(b, randomInputs(n, uint64(n)+1))
						copy(par, randomInputs(cols, 2))
						copy(acc, randomInputs(cols, 3))
						if !k.grad {
							b, acc = nil, nil
						}
						if !k.hasPar() {
							par = nil
						}
						in := layerArgs{a: bitsOfSlice(a), b: bitsOfSlice(b), par: bitsOfSlice(par), acc: bitsOfSlice(acc), alpha: 0.5, cols: cols}
						k.call(r, dst, acc, a, b, par, 0.5)
						checkLayer(t, k, in, dst, acc, "guard pages rows=%d cols=%d end=%v", rows, cols, end)
						// In place, dst flush against the guard.
						copy(dst, a)
						if k.grad {
							copy(acc, randomInputs(cols, 3))
						}
						in.a = bitsOfSlice(dst)
						k.call(r, dst, acc, dst, b, par, 0.5)
						checkLayer(t, k, in, dst, acc, "guard pages in place rows=%d cols=%d end=%v", rows, cols, end)
					}
				}
			}
		})
	})
}
