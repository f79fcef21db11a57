//go:build !purego && !noasm

package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
)

// BenchmarkAMD64 is the quick side-by-side benchmark used while tuning the
// amd64 assembly (the full comparison lives in bench/): every kernel on
// every row of the table, the public function, a naive Go if-loop and, as
// the speed of light, copy() of the same number of float32s. Random-sign
// data. Bytes per element: 8 forward (and for copy), 12 for gradients.
// Compare columns with
//
//	go test -run - -bench AMD64 -count 6 ./kernels | benchstat -col /impl -
func BenchmarkAMD64(b *testing.B) {
	sizes := []int{1, 4, 8, 16, 31, 256, 4096, 65536, 1 << 20, 1 << 24}
	rows := append([]impl.Impl{{Name: "public", Available: true,
		ReLU: ReLU, LeakyReLU: LeakyReLU, ReLUGrad: ReLUGrad, LeakyReLUGrad: LeakyReLUGrad}},
		implementations...)
	for _, n := range sizes {
		r := rand.New(rand.NewPCG(uint64(n), 1))
		src, x, dst := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range src {
			src[i] = r.Float32()*2 - 1
			x[i] = r.Float32()*2 - 1
		}
		const alpha = 0.01
		type variant struct {
			impl string
			f    func()
		}
		kernels := []struct {
			name  string
			bytes int
			fs    []variant
		}{
			{"ReLU", 8, []variant{{"naive", func() { amd64NaiveReLU(dst, src) }}}},
			{"LeakyReLU", 8, []variant{{"naive", func() { amd64NaiveLeakyReLU(dst, src, alpha) }}}},
			{"ReLUGrad", 12, []variant{{"naive", func() { amd64NaiveReLUGrad(dst, src, x) }}}},
			{"LeakyReLUGrad", 12, []variant{{"naive", func() { amd64NaiveLeakyReLUGrad(dst, src, x, alpha) }}}},
		}
		for _, row := range rows {
			if !row.Available {
				continue
			}
			kernels[0].fs = append(kernels[0].fs, variant{row.Name, func() { row.ReLU(dst, src) }})
			kernels[1].fs = append(kernels[1].fs, variant{row.Name, func() { row.LeakyReLU(dst, src, alpha) }})
			kernels[2].fs = append(kernels[2].fs, variant{row.Name, func() { row.ReLUGrad(dst, src, x) }})
			kernels[3].fs = append(kernels[3].fs, variant{row.Name, func() { row.LeakyReLUGrad(dst, src, x, alpha) }})
		}
		for _, k := range kernels {
			k.fs = append(k.fs, variant{"copy", func() { copy(dst, src) }})
			for _, v := range k.fs {
				b.Run(fmt.Sprintf("%s/n=%d/impl=%s", k.name, n, v.impl), func(b *testing.B) {
					bytes := k.bytes
					if v.impl == "copy" {
						bytes = 8
					}
					b.SetBytes(int64(bytes * n))
					for b.Loop() {
						v.f()
					}
				})
			}
		}
	}
}

// The naive loops: a data-dependent branch per element, which mispredicts
// on random signs. NaN handling does not matter for the benchmark.

func amd64NaiveReLU(dst, src []float32) {
	for i, v := range src {
		if v <= 0 {
			dst[i] = 0
		} else {
			dst[i] = v
		}
	}
}

func amd64NaiveLeakyReLU(dst, src []float32, alpha float32) {
	for i, v := range src {
		if v <= 0 {
			dst[i] = alpha * v
		} else {
			dst[i] = v
		}
	}
}

func amd64NaiveReLUGrad(dst, grad, x []float32) {
	for i, v := range x {
		if v <= 0 {
			dst[i] = 0
		} else {
			dst[i] = grad[i]
		}
	}
}

func amd64NaiveLeakyReLUGrad(dst, grad, x []float32, alpha float32) {
	for i, v := range x {
		if v <= 0 {
			dst[i] = alpha * grad[i]
		} else {
			dst[i] = grad[i]
		}
	}
}
