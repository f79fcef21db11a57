package kernels

import (
	"runtime"
	"strconv"
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// Benchmarks of the parallel runner. The machine's noise matters more here
// than anywhere: compare worker counts within one run, with -count >= 6 and
// benchstat, for example
//
//	go test -run '^$' -bench 'ParallelLeakyReLU/' -benchtime 200ms -count 6 ./kernels > par.txt
//	benchstat -col /workers par.txt
//
// SetBytes counts every byte a call touches (8 per element forward, 12 for
// the gradients), so MB/s is the memory traffic.

// parallelBenchSizes are the lengths of the issue: 64Ki to 64Mi elements.
var parallelBenchSizes = []int{64 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20, 64 << 20}

// benchWorkerCounts returns 1, 2, ..., GOMAXPROCS, thinned to 1, 2, 3, 4,
// then powers of two and GOMAXPROCS itself on machines with many cores.
func benchWorkerCounts() []int {
	m := runtime.GOMAXPROCS(0)
	var ws []int
	for w := 1; w <= m; w++ {
		if w <= 4 || w&(w-1) == 0 || w == m {
			ws = append(ws, w)
		}
	}
	return ws
}

func sizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + "Mi"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + "Ki"
	}
	return strconv.Itoa(n)
}

// benchBufs holds three buffers shared by all benchmarks, grown to the
// largest length asked for so far (64Mi elements: 768 MiB in all).
var benchBufs [3][]float32

func parallelBenchBuffers(n int) (a, b, c []float32) {
	if len(benchBufs[0]) < n {
		for i := range benchBufs {
			benchBufs[i] = nil
		}
		runtime.GC()
		for i := range benchBufs {
			s := make([]float32, n)
			// Mixed signs, no subnormals: a cheap hash of the index.
			for j := range s {
				h := uint32(j+i*n)*2654435761 ^ 0x5bd1e995
				s[j] = float32(int32(h>>8)-1<<23) / (1 << 22) // in [-2, 2)
			}
			benchBufs[i] = s
		}
	}
	return benchBufs[0][:n], benchBufs[1][:n], benchBufs[2][:n]
}

// BenchmarkParallelLeakyReLU: workers = 1, 2, ..., GOMAXPROCS at n = 64Ki to
// 64Mi, in place and out of place. Out of place alpha is 0.01; in place it
// is 1, so that repeated calls leave the data as it is (0.01 would drive the
// negative values into subnormals, which are slow on some CPUs).
func BenchmarkParallelLeakyReLU(b *testing.B) { benchParallel(b, kerneltest.KernelIndex("LeakyReLU")) }

// BenchmarkParallelLeakyReLUGrad: the same for the gradient.
func BenchmarkParallelLeakyReLUGrad(b *testing.B) {
	benchParallel(b, kerneltest.KernelIndex("LeakyReLUGrad"))
}

// productionGrain makes the runners a benchmark creates use the library's
// grain, not the tests' smaller one.
func productionGrain(b *testing.B) {
	saved := parallelGrain
	parallelGrain = defaultParallelGrain
	b.Cleanup(func() { parallelGrain = saved })
}

func benchParallel(b *testing.B, k int) {
	productionGrain(b)
	for _, w := range benchWorkerCounts() {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			p := NewParallel(w)
			defer p.Close()
			for _, n := range parallelBenchSizes {
				b.Run("n="+sizeName(n), func(b *testing.B) {
					for _, place := range []string{"out", "in"} {
						b.Run("place="+place, func(b *testing.B) {
							x, g, d := parallelBenchBuffers(n)
							alpha := float32(0.01)
							if place == "in" {
								d, alpha = g, 1
							}
							bytes := 8
							if kerneltest.Kernels[k].Grad {
								bytes = 12
							}
							b.SetBytes(int64(bytes * n))
							b.ResetTimer()
							for range b.N {
								parallelCall(p, k, d, g, x, alpha)
							}
						})
					}
				})
			}
		})
	}
}

// BenchmarkParallelSplitCost measures what a split costs against the inline
// call at lengths around the grain, on hot data (the same buffers every
// call, in L2): the worst case for a split. workers=1 is the inline call;
// the others split at every length (about four chunks per worker). The
// grain is where two workers start to win.
func BenchmarkParallelSplitCost(b *testing.B) {
	for _, w := range benchWorkerCounts() {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			p := NewParallel(w)
			defer p.Close()
			if w > 1 {
				p.grain, p.minChunk = 2, 1
			}
			for _, n := range []int{4 << 10, 8 << 10, 16 << 10, 32 << 10, 64 << 10, 128 << 10, 256 << 10} {
				b.Run("n="+sizeName(n), func(b *testing.B) {
					x, _, d := parallelBenchBuffers(n)
					b.SetBytes(int64(8 * n))
					b.ResetTimer()
					for range b.N {
						p.LeakyReLU(d, x, 0.01)
					}
				})
			}
		})
	}
}

// parallelLayerShapes are the rows x cols of the layer benchmarks: a square
// layer and a tall one (a batch of 16Ki rows of 1Ki features).
var parallelLayerShapes = [][2]int{{4096, 4096}, {16384, 1024}}

// BenchmarkParallelLayer: BiasLeakyReLU (split by rows) and
// LeakyReLUGradBias (split by blocks of BlockRows rows) at the shapes above, out of place,
// one and two workers. SetBytes counts 8 bytes per element forward and 12
// for the gradient (dbias is small).
//
//	go test -run '^$' -bench 'ParallelLayer/' -benchtime 200ms -count 6 ./kernels > layer.txt
//	benchstat -col /workers layer.txt
func BenchmarkParallelLayer(b *testing.B) {
	productionGrain(b)
	for _, kernel := range []string{"BiasLeakyReLU", "LeakyReLUGradBias"} {
		b.Run("kernel="+kernel, func(b *testing.B) {
			for _, shape := range parallelLayerShapes {
				rows, cols := shape[0], shape[1]
				b.Run("shape="+strconv.Itoa(rows)+"x"+strconv.Itoa(cols), func(b *testing.B) {
					for _, w := range []int{1, 2} {
						b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
							p := NewParallel(w)
							defer p.Close()
							x, g, d := parallelBenchBuffers(rows * cols)
							vec := make([]float32, cols)
							for j := range vec {
								vec[j] = float32(j%7) / 8
							}
							if kernel == "BiasLeakyReLU" {
								b.SetBytes(int64(8 * rows * cols))
								b.ResetTimer()
								for range b.N {
									p.BiasLeakyReLU(d, x, vec, 0.01)
								}
								return
							}
							b.SetBytes(int64(12 * rows * cols))
							b.ResetTimer()
							for range b.N {
								clear(vec) // dbias: a plain sum each call
								p.LeakyReLUGradBias(d, vec, g, x, 0.01)
							}
						})
					}
				})
			}
		})
	}
}

// BenchmarkParallelLayerColumnWidth measures, on one goroutine, what cutting
// a layer gradient into column ranges costs: width=all is the package's
// call; the others run the ranges one after the other, one kernel call per
// row each, as the workers of a split do. The narrowest width whose cost is
// lost in the noise is parallelMinCols. Shapes: rows x 4096 columns, hot
// (in L2) and cold (from memory).
func BenchmarkParallelLayerColumnWidth(b *testing.B) {
	const cols = 4096
	for _, rows := range []int{32, 1024} {
		b.Run("shape="+strconv.Itoa(rows)+"x"+strconv.Itoa(cols), func(b *testing.B) {
			for _, width := range []int{0, 64, 256, 512, 1024, 2048} {
				name := "width=all"
				if width > 0 {
					name = "width=" + strconv.Itoa(width)
				}
				b.Run(name, func(b *testing.B) {
					x, g, d := parallelBenchBuffers(rows * cols)
					dbias := make([]float32, cols)
					j := job{kind: jobLeakyReLUGradBias, alpha: 0.01, dst: d, in: g, test: x, sums: dbias}
					j.init()
					b.SetBytes(int64(12 * rows * cols))
					b.ResetTimer()
					for range b.N {
						clear(dbias)
						if width == 0 {
							j.runInline()
							continue
						}
						for lo := 0; lo < cols; lo += width {
							j.run(0, rows, lo, lo+width, dbias[lo:lo+width])
						}
					}
				})
			}
		})
	}
}
