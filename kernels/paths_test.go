package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// TestPublicOnEachPath switches the public API onto each path this CPU runs
// in turn (the dispatch flags, as FASTRELU_ISA would set them) and holds all
// ten functions to the generic row, bit for bit, over every length of a few
// vectors and the shapes of the layer kernels, on inputs that are half
// special values: the dispatch entry points must reach each path's kernels.
func TestPublicOnEachPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	fill := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			if rng.IntN(2) == 0 {
				s[i] = math.Float32frombits(kerneltest.Specials[rng.IntN(len(kerneltest.Specials))])
			} else {
				s[i] = math.Float32frombits(rng.Uint32())
			}
		}
		return s
	}
	generic := kerneltest.Generic()
	kerneltest.Paths(t, func(t *testing.T, _ impl.Impl) {
		for _, k := range kerneltest.Kernels {
			if kerneltest.Repeats(t, k.Rounded) {
				continue
			}
			for n := 0; n <= 70; n++ {
				v, x := fill(n), fill(n)
				alpha := kerneltest.Alphas[n%len(kerneltest.Alphas)]
				want, got := make([]float32, n), make([]float32, n)
				k.Call(generic, want, v, x, alpha)
				k.Call(impl.Public(), got, v, x, alpha)
				kerneltest.EqualBits(t, want, got, "%s n=%d alpha=%#08x", k.Name, n, math.Float32bits(alpha))
			}
		}
		for _, k := range kerneltest.LayerKernels {
			if kerneltest.Repeats(t, k.Rounded) {
				continue
			}
			for _, cols := range []int{1, 3, 8, 16, 17, 33, 64, 100} {
				rows := 3 + cols%2*BlockRows
				a, b, par, acc := fill(rows*cols), fill(rows*cols), fill(cols), fill(cols)
				alpha := kerneltest.Alphas[cols%len(kerneltest.Alphas)]
				want, got := make([]float32, rows*cols), make([]float32, rows*cols)
				wantAcc, gotAcc := append([]float32(nil), acc...), append([]float32(nil), acc...)
				blockCall(k, generic, want, wantAcc, a, b, par, alpha)
				k.Call(impl.Public(), got, gotAcc, a, b, par, alpha)
				kerneltest.EqualBits(t, want, got, "%s cols=%d", k.Name, cols)
				kerneltest.EqualBits(t, wantAcc, gotAcc, "%s cols=%d: the sums", k.Name, cols)
			}
		}
	})
}
