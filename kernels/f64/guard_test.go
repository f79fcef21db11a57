//go:build unix

package f64

import (
	"fmt"
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// TestGuardPages runs every elementwise kernel on slices that end at the
// last byte before an inaccessible page, and that start at the first byte
// after one: a read or write past either end faults.
func TestGuardPages(t *testing.T) { eachPath(t, testGuardPages) }

func testGuardPages(t *testing.T) {
	for _, k := range elementwise {
		s := scalarSets(k.scalars)[0]
		for _, n := range []int{1, 2, 3, 5, 7, 9, 17, 33, 100} {
			for _, atEnd := range []bool{true, false} {
				page := kerneltest.GuardedBytes(t)
				off := 0
				if atEnd {
					off = len(page) - 8*n
				}
				v := floatsAt(page, off, n)
				for i := range v {
					v[i] = float64(i) - 3.5
				}
				want := make([]float64, n)
				func() {
					defer usePath("generic")()
					k.call(want, v, v, s)
				}()
				k.call(v, v, v, s)
				checkLayer(t, fmt.Sprintf("%s, n=%d", k.name, n), v, want, nil, nil)
			}
		}
	}
}
