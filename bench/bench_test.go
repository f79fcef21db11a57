package bench

import (
	"strconv"
	"testing"
)

// go test -bench . ./bench
// GOEXPERIMENT=simd go test -bench . ./bench    (adds impl=archsimd on amd64)
//
// Names read BenchmarkLeakyReLU/impl=avx2/n=4096, so benchstat can compare
// implementations (-col /impl) or runs. MB/s counts the bytes each kernel
// must move: 8 per element forward, 12 for the gradients (copy: always 8).

func BenchmarkReLU(b *testing.B)          { benchKernel(b, ReLU) }
func BenchmarkLeakyReLU(b *testing.B)     { benchKernel(b, LeakyReLU) }
func BenchmarkReLUGrad(b *testing.B)      { benchKernel(b, ReLUGrad) }
func BenchmarkLeakyReLUGrad(b *testing.B) { benchKernel(b, LeakyReLUGrad) }

func benchKernel(b *testing.B, k Kernel) {
	for _, c := range Contenders() {
		if !c.Has(k) {
			continue
		}
		b.Run("impl="+c.Name, func(b *testing.B) {
			for _, n := range Sizes {
				b.Run("n="+strconv.Itoa(n), func(b *testing.B) { Run(b, k, &c, n) })
			}
		})
	}
}
