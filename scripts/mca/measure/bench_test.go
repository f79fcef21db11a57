//go:build amd64

package measure

import (
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"fastrelu.local/mcameasure/xnn"
	"github.com/fastrelu/fastrelu/kernels"
)

// TestBench (MCA_BENCH=1): hot data, the same buffers every call (L1 at
// n = 256 and 4096), GB/s counting 8 bytes per element forward and 12 for the
// gradients (copy and memcpy: 8), best of MCA_ROUNDS (200) interleaved rounds
// of about 1 ms each (short, to fit between other processes' time slices). The candidates run their main loop only (n is a
// multiple of 64); "lib-<path>" is the library's public function (path as
// chosen by FASTRELU_ISA); "xnn-C" the XNNPACK-style C AVX2 loop (not exact).
func TestBench(t *testing.T) {
	if os.Getenv("MCA_BENCH") == "" {
		t.Skip("MCA_BENCH not set")
	}
	rounds := 200
	fmt.Sscan(os.Getenv("MCA_ROUNDS"), &rounds)
	only := os.Getenv("MCA_BENCH_ONLY") // comma-separated substrings of case names
	type bcase struct {
		kernel, name string
		bytes        int
		run          func(reps int) // reps calls
	}
	for _, n := range []int{256, 4096} {
		r := rand.New(rand.NewSource(1))
		src, grad, dst := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range src {
			src[i] = r.Float32()*2 - 1
			grad[i] = r.Float32()*2 - 1
		}
		var cs []bcase
		add := func(kernel, name string, bytes int, run func(reps int)) {
			if only != "" {
				ok := false
				for _, o := range strings.Split(only, ",") {
					ok = ok || strings.Contains(kernel+"/"+name, o)
				}
				if !ok {
					return
				}
			}
			cs = append(cs, bcase{kernel, name, bytes, run})
		}
		add("copy", "Go copy()", 8, func(reps int) {
			for i := 0; i < reps; i++ {
				copy(dst, src)
			}
		})
		add("copy", "C memcpy", 8, func(reps int) { xnn.Memcpy(dst, src, reps) })
		lib := "lib-" + kernels.Implementation()
		add("ReLU", lib, 8, func(reps int) {
			for i := 0; i < reps; i++ {
				kernels.ReLU(dst, src)
			}
		})
		add("LeakyReLU", lib, 8, func(reps int) {
			for i := 0; i < reps; i++ {
				kernels.LeakyReLU(dst, src, 0.01)
			}
		})
		add("ReLUGrad", lib, 12, func(reps int) {
			for i := 0; i < reps; i++ {
				kernels.ReLUGrad(dst, grad, src)
			}
		})
		add("LeakyReLUGrad", lib, 12, func(reps int) {
			for i := 0; i < reps; i++ {
				kernels.LeakyReLUGrad(dst, grad, src, 0.01)
			}
		})
		add("ReLU", "xnn-C (inexact)", 8, func(reps int) { xnn.ReLU(dst, src, reps) })
		add("LeakyReLU", "xnn-C (inexact)", 8, func(reps int) { xnn.LeakyReLU(dst, src, 0.01, reps) })
		add("ReLUGrad", "xnn-C (inexact)", 12, func(reps int) { xnn.ReLUGrad(dst, grad, src, reps) })
		add("LeakyReLUGrad", "xnn-C (inexact)", 12, func(reps int) { xnn.LeakyReLUGrad(dst, grad, src, 0.01, reps) })
		for _, c := range candidates {
			if !runnable(c) {
				continue
			}
			alpha := float32(0.01)
			if c.exact == "1 <= alpha < +Inf" {
				alpha = 1.5
			}
			switch f := c.f.(type) {
			case func(dst, src []float32, alpha float32):
				add(c.kernel, c.name, 8, func(reps int) {
					for i := 0; i < reps; i++ {
						f(dst, src, alpha)
					}
				})
			case func(dst, grad, x []float32, alpha float32):
				add(c.kernel, c.name, 12, func(reps int) {
					for i := 0; i < reps; i++ {
						f(dst, grad, src, alpha)
					}
				})
			}
		}
		// calibrate: reps for about 1 ms, short enough to fit between the
		// other processes' time slices on a loaded machine
		reps := make([]int, len(cs))
		for i, c := range cs {
			k := 100
			for {
				t0 := time.Now()
				c.run(k)
				if d := time.Since(t0); d > 2*time.Millisecond {
					reps[i] = max(1, int(float64(k)*float64(time.Millisecond)/float64(d)))
					break
				}
				k *= 4
			}
		}
		best := make([]float64, len(cs))
		for round := 0; round < rounds; round++ {
			for i, c := range cs {
				t0 := time.Now()
				c.run(reps[i])
				d := time.Since(t0)
				gbs := float64(c.bytes*n) * float64(reps[i]) / d.Seconds() / 1e9
				if gbs > best[i] {
					best[i] = gbs
				}
			}
		}
		idx := make([]int, len(cs))
		for i := range idx {
			idx[i] = i
		}
		order := map[string]int{"copy": 0, "Copy": 0, "ReLU": 1, "LeakyReLU": 2, "ReLUGrad": 3, "LeakyReLUGrad": 4}
		sort.SliceStable(idx, func(a, b int) bool { return order[cs[idx[a]].kernel] < order[cs[idx[b]].kernel] })
		fmt.Printf("\nn = %d, hot, best of %d rounds, GB/s (8 B/elem forward, 12 gradients)\n", n, rounds)
		var cp float64
		for _, i := range idx {
			if cs[i].name == "Go copy()" {
				cp = best[i]
			}
		}
		for _, i := range idx {
			fmt.Printf("| %d | %s | %s | %.1f | %.2f |\n", n, cs[i].kernel, cs[i].name, best[i], best[i]/cp)
		}
	}
}
