package bench

import (
	"flag"
	"slices"
	"strconv"
	"testing"
	"unsafe"
)

// go test -bench . ./bench
// GOEXPERIMENT=simd go test -bench . ./bench    (adds impl=archsimd on amd64)
//
// Names read BenchmarkLeakyReLU/impl=avx2/data=hot/n=4096, so benchstat can
// compare implementations (-col /impl), hot and cold data (-col /data) or
// runs. data=cold reads the next window of a 64Ki-element pool on each call
// below n = 64Ki, data=hot the same n inputs every call (see Data); from
// n = 64Ki up, and for the naive loop, there is data=cold only. MB/s counts
// the bytes each kernel must move: 8 per element forward, 12 for the
// gradients (copy: always 8).

func BenchmarkReLU(b *testing.B)          { benchKernel(b, ReLU) }
func BenchmarkLeakyReLU(b *testing.B)     { benchKernel(b, LeakyReLU) }
func BenchmarkReLUGrad(b *testing.B)      { benchKernel(b, ReLUGrad) }
func BenchmarkLeakyReLUGrad(b *testing.B) { benchKernel(b, LeakyReLUGrad) }

// BenchmarkLayer measures the layer kernels: names read
// BenchmarkLayer/kernel=BiasLeakyReLU/impl=fused/shape=1024x256, so that
// benchstat -col /impl sets fused, unfused and single-pass side by side for
// each kernel and shape. impl=fused is the public function, impl=unfused
// the two passes a Go user writes today, impl=single-pass one elementwise
// kernel over the same matrix (the target), and the rows of the
// implementation table that have the kernel appear under their own names.
// MB/s counts the bytes the fused kernel must move, for every impl: 8 per
// element forward and 12 backward, plus the bias (dbias read and written).
//
//	go test -run '^$' -bench Layer -count 6 ./bench > layer.txt
//	benchstat -col /impl@'(fused unfused single-pass)' -table /kernel -row /shape layer.txt
func BenchmarkLayer(b *testing.B) {
	for _, k := range LayerKernels {
		b.Run("kernel="+k.Name(), func(b *testing.B) {
			for _, c := range LayerContenders() {
				if !c.Has(k) {
					continue
				}
				b.Run("impl="+c.Name, func(b *testing.B) {
					for _, s := range LayerShapes {
						b.Run("shape="+s.String(), func(b *testing.B) { RunLayer(b, k, &c, s) })
					}
				})
			}
		})
	}
}

// BenchmarkCallCost measures the fixed cost of a call: ns/op at n = 0, 1,
// 16, 64 and 256, hot data, for each path called directly, the public
// functions, the C loop (with -tags cpeers), copy() and an empty function
// (callcost.go). Names read BenchmarkCallCost/kernel=ReLU/impl=public/n=16.
//
//	go test -run '^$' -bench CallCost -count 6 ./bench > call.txt
//	benchstat -col /impl -table /kernel -row /n call.txt
func BenchmarkCallCost(b *testing.B) {
	for _, k := range Kernels {
		b.Run("kernel="+k.Name(), func(b *testing.B) {
			for _, c := range CallContenders() {
				b.Run("impl="+c.Name, func(b *testing.B) {
					for _, n := range CallSizes {
						b.Run("n="+strconv.Itoa(n), func(b *testing.B) { RunCall(b, k, &c, n) })
					}
				})
			}
		})
	}
}

func benchKernel(b *testing.B, k Kernel) {
	for _, c := range Contenders() {
		if !c.Has(k) {
			continue
		}
		b.Run("impl="+c.Name, func(b *testing.B) {
			for _, d := range Datas {
				if !slices.ContainsFunc(Sizes, func(n int) bool { return Measured(k, &c, d, n) }) {
					continue // no empty data=hot level for the naive loop
				}
				b.Run("data="+d.String(), func(b *testing.B) {
					for _, n := range Sizes {
						if Measured(k, &c, d, n) {
							b.Run("n="+strconv.Itoa(n), func(b *testing.B) { Run(b, k, &c, d, n) })
						}
					}
				})
			}
		})
	}
}

func TestMeasured(t *testing.T) {
	for _, c := range Contenders() {
		for _, k := range Kernels {
			for _, n := range []int{16, 4096, PoolElems - 1, PoolElems, 1 << 24} {
				assert := func(d Data, want bool) {
					t.Helper()
					if got := Measured(k, &c, d, n); got != want {
						t.Errorf("Measured(%s, %s, %s, %d) = %v, want %v", k, c.Name, d, n, got, want)
					}
				}
				assert(Cold, c.Has(k))
				assert(Hot, c.Has(k) && n < PoolElems && c.Name != "naive")
			}
		}
	}
}

// TestRunData checks which inputs Run hands the contender on each call:
// hot, the same n every time; cold, the next window of the pool below
// PoolElems, the same n from PoolElems up.
func TestRunData(t *testing.T) {
	bt := flag.Lookup("test.benchtime")
	defer bt.Value.Set(bt.Value.String())
	if err := bt.Value.Set("40x"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		d       Data
		n       int
		windows int // distinct windows read
	}{
		{Hot, 16, 1}, {Hot, 4096, 1}, {Hot, 3000, 1},
		{Cold, 4096, PoolElems / 4096}, {Cold, 3000, PoolElems / 3000}, {Cold, PoolElems, 1}, {Cold, PoolElems + 5, 1},
	} {
		var offsets []int
		var base *float32
		c := &Contender{Name: "probe", LeakyReLU: func(dst, src []float32, _ float32) {
			if len(src) != tc.n || len(dst) != tc.n {
				t.Fatalf("%s n=%d: len(src) = %d, len(dst) = %d", tc.d, tc.n, len(src), len(dst))
			}
			offsets = append(offsets, int(uintptr(unsafe.Pointer(&src[0]))-uintptr(unsafe.Pointer(base)))/4)
		}}
		src, _, _ := Buffers(tc.n)
		base = &src[0]
		if r := testing.Benchmark(func(b *testing.B) { Run(b, LeakyReLU, c, tc.d, tc.n) }); r.N == 0 {
			t.Fatalf("%s n=%d: did not run", tc.d, tc.n)
		}
		seen := map[int]bool{}
		for i, o := range offsets {
			if i > 0 && tc.windows > 1 && o != (offsets[i-1]+tc.n)%(tc.windows*tc.n) {
				t.Fatalf("%s n=%d: call %d read window at %d after %d", tc.d, tc.n, i, o, offsets[i-1])
			}
			seen[o] = true
		}
		if len(offsets) < 40 || len(seen) != tc.windows {
			t.Errorf("%s n=%d: %d calls read %d distinct windows, want %d", tc.d, tc.n, len(offsets), len(seen), tc.windows)
		}
	}
	Release()
}

// BenchmarkLayerWorkers measures a layer's forward and backward pass on a
// kernels.Parallel of 1, 2 (and GOMAXPROCS) workers, beside copy() of the
// same elements on as many goroutines (kernel=copy-for-...), the memory
// ceiling of what a second worker can gain. Names read
// BenchmarkLayerWorkers/kernel=LeakyReLUGradBias/shape=4096x256/workers=2.
//
//	go test -run '^$' -bench LayerWorkers -count 8 ./bench > workers.txt
//	benchstat -col /workers -row /kernel,/shape workers.txt
func BenchmarkLayerWorkers(b *testing.B) {
	for _, k := range WorkerKernels {
		for _, name := range []string{k.Name(), "copy-for-" + k.Name()} {
			b.Run("kernel="+name, func(b *testing.B) {
				for _, s := range WorkerShapes {
					b.Run("shape="+s.String(), func(b *testing.B) {
						for _, w := range WorkerCounts() {
							b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
								if name == k.Name() {
									RunLayerWorkers(b, k, s, w)
								} else {
									RunCopyWorkers(b, k, s, w)
								}
							})
						}
					})
				}
			})
		}
	}
}
