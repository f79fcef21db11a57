package bench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// The contenders must compute what they claim, or their speed means
// nothing: the naive loop and archsimd give the contract's exact bits, in
// place and out of place, at every length through a few vectors; vek and
// the C peers (-tags peers), approximate by design, agree on ordinary
// values out of place. The paths of the kernels table are tested in
// package kernels.

// reference is the generic row of the kernels table: package kernels and
// package fuzz hold it (and every other path) to the contract against two
// independent references and all 2^32 inputs, so here it serves as the
// contract itself.
func reference() *Contender {
	g := kerneltest.Generic()
	return &Contender{Name: g.Name, ReLU: g.ReLU, LeakyReLU: g.LeakyReLU, ReLUGrad: g.ReLUGrad, LeakyReLUGrad: g.LeakyReLUGrad}
}

// specials are the values where implementations part ways.
var specials = kerneltest.SpecialFloats()

func inputs(r *rand.Rand, n int, special bool) []float32 {
	s := make([]float32, n)
	for i := range s {
		if special && r.IntN(2) == 0 {
			s[i] = specials[r.IntN(len(specials))]
		} else {
			s[i] = r.Float32()*2 - 1
		}
	}
	return s
}

func TestContenders(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range Contenders() {
		exact := !c.Approximate
		if c.Role == Roofline {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			for n := 0; n <= 100; n++ {
				for _, special := range []bool{false, true} {
					if special && !exact {
						continue
					}
					x, g := inputs(r, n, special), inputs(r, n, special)
					for _, k := range Kernels {
						if !c.Has(k) {
							continue // XNNPACK has no gradients
						}
						check := func(mode string, got []float32) {
							t.Helper()
							want := make([]float32, n)
							call(reference(), k, want, g, x)
							if exact {
								kerneltest.EqualBits(t, want, got, "%s %s n=%d", k, mode, n)
								return
							}
							for i := range want {
								if got[i] != want[i] {
									t.Fatalf("%s %s n=%d i=%d (x=%#08x g=%#08x): got %#08x, want %#08x", k, mode, n, i,
										math.Float32bits(x[i]), math.Float32bits(g[i]), math.Float32bits(got[i]), math.Float32bits(want[i]))
								}
							}
						}
						// Out of place, with canaries on both sides of dst.
						buf := make([]float32, n+16)
						kerneltest.FillCanary(buf)
						dst := buf[8 : 8+n]
						call(&c, k, dst, g, x)
						check("out of place", dst)
						kerneltest.CheckCanary(t, buf, 8, 8+n, fmt.Sprintf("%s n=%d out of place", k, n))
						if !exact {
							continue // vek refuses overlapping slices; the peers are not held to it
						}
						// In place: dst is src (forward) or grad or x (gradients).
						in := append([]float32(nil), x...)
						if k.Gradient() {
							gi := append([]float32(nil), g...)
							call(&c, k, gi, gi, x)
							check("dst==grad", gi)
							call(&c, k, in, g, in)
							check("dst==x", in)
						} else {
							call(&c, k, in, nil, in)
							check("in place", in)
						}
					}
				}
			}
		})
	}
}

func call(c *Contender, k Kernel, dst, grad, x []float32) {
	switch k {
	case ReLU:
		c.ReLU(dst, x)
	case LeakyReLU:
		c.LeakyReLU(dst, x, Alpha)
	case ReLUGrad:
		c.ReLUGrad(dst, grad, x)
	case LeakyReLUGrad:
		c.LeakyReLUGrad(dst, grad, x, Alpha)
	}
}
