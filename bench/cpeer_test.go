package bench

import (
	"math/rand/v2"
	"testing"
)

// TestCPeer checks the optional C loop (-tags cpeers) on ordinary values,
// where it agrees with the contract (it is not exact for NaN and zeros),
// and that repeat runs the kernel it is asked for.
func TestCPeer(t *testing.T) {
	if CPeer == nil {
		t.Skip("the C peer is not built (go test -tags cpeers, with cgo, on amd64)")
	}
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n <= 40; n++ {
		x, g := inputs(r, n, false), inputs(r, n, false)
		for _, k := range Kernels {
			want, got := make([]float32, n), make([]float32, n)
			call(reference(), k, want, g, x)
			CPeer.repeat(k, got, g, x, 3)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%s n=%d: dst[%d] = %v, want %v", k, n, i, got[i], want[i])
				}
			}
		}
	}
}
