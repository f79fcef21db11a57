package kernels

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parallelCall runs kernel k through the runner p, or through the package
// function when p is nil, with the kerneltest.Kernels convention: v is src or grad,
// x is x (unused by the forward kernels).
func parallelCall(p *Parallel, k int, dst, v, x []float32, alpha float32) {
	if p == nil {
		kerneltest.Kernels[k].Call(impl.Public(), dst, v, x, alpha)
		return
	}
	parallelCalls[k](p, dst, v, x, alpha)
}

// runParallelCase compares runner p with the package function on one kernel,
// length, pair of byte offsets and placement, bit for bit, and checks that
// nothing outside dst was written.
func runParallelCase(t *testing.T, p *Parallel, k, n, dOff, vOff int, inPlace string, alpha float32, v0, x0 []float32) {
	t.Helper()
	v, vBuf := kerneltest.MisalignedGuarded(n, vOff)
	x, _ := kerneltest.MisalignedGuarded(n, (vOff+1)%4)
	copy(v, v0[:n])
	copy(x, x0[:n])
	want := make([]float32, n)
	wv, wx := append([]float32(nil), v...), append([]float32(nil), x...)
	dst, dBuf := kerneltest.MisalignedGuarded(n, dOff)
	switch inPlace {
	case "src/grad":
		copy(want, wv)
		parallelCall(nil, k, want, want, wx, alpha)
		dst, dBuf = v, vBuf
		parallelCall(p, k, dst, dst, x, alpha)
	case "x":
		copy(want, wx)
		parallelCall(nil, k, want, wv, want, alpha)
		copy(dst, x)
		parallelCall(p, k, dst, v, dst, alpha)
	default:
		parallelCall(nil, k, want, wv, wx, alpha)
		parallelCall(p, k, dst, v, x, alpha)
	}
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(dst[i]) {
			t.Fatalf("%s workers=%d n=%d dOff=%d vOff=%d %s alpha=%#x: dst[%d]=%#08x, single-threaded %#08x",
				kerneltest.Kernels[k].Name, p.Workers(), n, dOff, vOff, inPlace, math.Float32bits(alpha), i,
				math.Float32bits(dst[i]), math.Float32bits(want[i]))
		}
	}
	kerneltest.CheckGuardBytes(t, dst, dBuf, "dst")
}

// TestParallelMatchesSingleThreaded runs every kernel through runners of
// several sizes, at lengths around the grain and around cache-line
// boundaries, with dst and the inputs at every byte alignment, in place and
// out of place, and requires the bits of the single-threaded call. It runs
// on the path this process selected; TestParallelEveryPath runs it again
// under every other path.
func TestParallelMatchesSingleThreaded(t *testing.T) {
	t.Logf("implementation=%s", Implementation())
	type setup struct {
		name            string
		workers         int
		grain, minChunk int // 0: the runner's own
		lengths         []int
	}
	g := parallelGrain
	small := []int{0, 1, 15, 16, 17, 31, 33, 47, 64, 100, 127, 128, 129, 255, 1000, 1023, 4099}
	setups := []setup{
		// Around the grain: inline below it, split from it on.
		{"default-grain/workers=2", 2, 0, 0, []int{0, 1, g - 1, g, g + 1, g + 17, 2*g - 1, 2*g + 31}},
		{"default-grain/workers=3", 3, 0, 0, []int{g + 15, 3*g/2 + 1, 3*g + 5}},
		{"default-grain/workers=4", 4, 0, 0, []int{4*g + 7}},
		// Many chunks at small lengths: every cache-line case of the split.
		{"tiny-grain/workers=2", 2, 32, 16, small},
		{"tiny-grain/workers=5", 5, 32, 16, small},
		{"tiny-grain/workers=8", 8, 16, 1, small},
		{"workers=1", 1, 0, 0, []int{0, 5, g + 1}},
	}
	// dst and the inputs at byte offsets 0..3 from a cache line: all of
	// them in turn for the small lengths, one pair per case for the large.
	offsets := [][2]int{{0, 0}, {1, 0}, {2, 3}, {3, 1}, {0, 2}}
	alphas := []float32{0.01, -0.3, float32(math.NaN()), 1.5, 0}
	maxN := 4*g + 7
	v0, x0 := kerneltest.RandomInputs(maxN, 11), kerneltest.RandomInputs(maxN, 12)
	for _, s := range setups {
		t.Run(s.name, func(t *testing.T) {
			p := NewParallel(s.workers)
			defer p.Close()
			if s.grain > 0 {
				p.grain, p.minChunk = s.grain, s.minChunk
			}
			c := 0
			for k := range kerneltest.Kernels {
				if skipRoundedSetup(s.name == "tiny-grain/workers=2") && kerneltest.Kernels[k].Rounded {
					continue
				}
				for _, n := range s.lengths {
					for _, place := range []string{"out", "src/grad", "x"} {
						if place == "x" && !kerneltest.Kernels[k].Grad {
							continue
						}
						for oi, off := range offsets {
							if n > 4096 && oi != c%len(offsets) {
								continue
							}
							runParallelCase(t, p, k, n, off[0], off[1], place, alphas[(c+oi)%len(alphas)], v0, x0)
						}
						c++
					}
				}
			}
		})
	}
}

// otherPaths returns the rows this CPU runs besides the active one, and
// skips t where there is none: no child process is needed then.
func otherPaths(t *testing.T) []impl.Impl {
	var others []impl.Impl
	for _, r := range implementations {
		if r.Available && r.Name != Implementation() {
			others = append(others, r)
		}
	}
	if len(others) == 0 {
		t.Skipf("%s is the only path this build runs", Implementation())
	}
	return others
}

// TestParallelEveryPath runs TestParallelMatchesSingleThreaded in a child
// process under each other path this CPU runs (FASTRELU_ISA), the generic
// path included.
func TestParallelEveryPath(t *testing.T) {
	if os.Getenv("FASTRELU_PARALLEL_CHILD") != "" {
		t.Skip("in the child")
	}
	others := otherPaths(t)
	args := kerneltest.ChildCommand(t)
	for _, r := range others {
		t.Run(r.Name, func(t *testing.T) {
			cmd := exec.Command(args[0], append(args[1:], "-test.run=^TestParallelMatchesSingleThreaded$", "-test.v")...)
			cmd.Env = append(os.Environ(), "FASTRELU_PARALLEL_CHILD=1", "FASTRELU_ISA="+r.Name)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			require.Contains(t, string(out), "implementation="+r.Name, "the child ran another path")
			require.Contains(t, string(out), "--- PASS: TestParallelMatchesSingleThreaded")
		})
	}
}

// skipRoundedParallel reports whether the runner's tests leave out the
// Rounded kernels: in a child of TestParallelEveryPath or
// TestParallelLayerEveryPath, run on another path, where a Rounded kernel
// is the generic kernel the parent tested already; and under -race, where
// the runner's concurrency is that of every other kernel and their scalar
// Go would multiply the run's time.
func skipRoundedParallel() bool {
	return raceEnabled || kerneltest.RoundedOff() ||
		os.Getenv("FASTRELU_PARALLEL_CHILD") != "" || os.Getenv("FASTRELU_PARALLEL_LAYER_CHILD") != ""
}

// skipRoundedSetup reports whether the runner's tests leave out the Rounded
// kernels in a setup: as skipRoundedParallel says, and under -short in
// every setup but the one kept (a small one that splits). A runner splits
// and joins a Rounded kernel as it does every other one, so one setup shows
// that the methods reach the right kernel; the others would repeat, in
// scalar Go (slow under qemu), what the other kernels test.
func skipRoundedSetup(kept bool) bool {
	return skipRoundedParallel() || testing.Short() && !kept
}

// TestParallelChunks checks the chunks of a split for every byte alignment
// of dst: they cover [0, n) in order, every boundary is on a 64-byte line of
// dst (4-byte aligned dst) or at the first element after a line boundary
// (misaligned dst), and their size follows the rule.
func TestParallelChunks(t *testing.T) {
	for base := uintptr(4096); base < 4096+2*lineBytes; base++ {
		for _, workers := range []int{2, 3, 4, 7, 16, 64} {
			for _, n := range []int{1, 15, 17, 100, 4099, 1<<16 + 5, 1<<20 + 3, 1<<26 + 1} {
				for _, minChunk := range []int{16, parallelMinChunk} {
					head, chunk, chunks := chunkPlan(base, n, workers, minChunk)
					require.Zero(t, chunk%lineFloats)
					require.Equal(t, min(max(n/(4*workers), minChunk), parallelMaxChunk)&^(lineFloats-1), chunk)
					s := slot{n: n, head: head, chunk: chunk, chunks: int64(chunks)}
					require.Equal(t, 0, s.bound(0))
					require.Equal(t, n, s.bound(int64(chunks)), "base=%d n=%d workers=%d: the chunks end at n", base, n, workers)
					for c := int64(1); c < int64(chunks); c++ {
						b := s.bound(c)
						if b <= s.bound(c-1) {
							t.Fatalf("base=%d n=%d workers=%d c=%d: empty chunk", base, n, workers, c)
						}
						// Bytes from the last line boundary: 0 for an aligned dst,
						// 1 to 3 for a misaligned one.
						r := (base + 4*uintptr(b)) % lineBytes
						if r != 0 && base%4 == 0 || (r < 1 || r > 3) && base%4 != 0 {
							t.Fatalf("base=%d n=%d workers=%d c=%d b=%d: %d bytes past a line", base, n, workers, c, b, r)
						}
					}
				}
			}
		}
	}
}

// TestParallelConcurrent shares one runner between many goroutines, with
// calls that split, calls that run inline for want of a free slot, and, at
// the end, a Close racing with calls in flight; every result must be exact.
// Run it under the race detector: go test -race -run Parallel ./kernels.
func TestParallelConcurrent(t *testing.T) {
	for _, grain := range []int{0, 64} {
		t.Run(fmt.Sprintf("grain=%d", grain), func(t *testing.T) {
			p := NewParallel(3)
			if grain > 0 {
				p.grain, p.minChunk = grain, 16
			}
			n := 2*parallelGrain + 19
			if grain > 0 {
				n = 3001
			}
			v, x := kerneltest.RandomInputs(n, 21), kerneltest.RandomInputs(n, 22)
			want := make([][]float32, len(kerneltest.Kernels))
			for k := range kerneltest.Kernels {
				want[k] = make([]float32, n)
				parallelCall(nil, k, want[k], v, x, 0.01)
			}
			const goroutines, rounds = 12, 6
			var wg sync.WaitGroup
			errs := make(chan string, goroutines)
			for gi := range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					dst := make([]float32, n)
					for r := range rounds {
						k := (gi + r) % len(kerneltest.Kernels)
						parallelCall(p, k, dst, v, x, 0.01) // v and x shared, read only
						for i := range dst {
							if math.Float32bits(dst[i]) != math.Float32bits(want[k][i]) {
								errs <- fmt.Sprintf("goroutine %d round %d %s: dst[%d] differs", gi, r, kerneltest.Kernels[k].Name, i)
								return
							}
						}
						if gi == 0 && r == rounds-2 {
							p.Close() // the others keep calling, inline from now on
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Error(e)
			}
			p.Close()
		})
	}
}

// TestParallelNoAllocations checks that calls allocate nothing in steady
// state, inline and split.
func TestParallelNoAllocations(t *testing.T) {
	for _, workers := range []int{1, 2, 4} {
		p := NewParallel(workers)
		for _, n := range []int{100, parallelGrain - 1, 3*parallelGrain + 5} {
			a, b, c := make([]float32, n), make([]float32, n), make([]float32, n)
			allocs := testing.AllocsPerRun(50, func() {
				p.ReLU(a, b)
				p.LeakyReLU(a, a, 0.1)
				p.ReLUGrad(a, b, c)
				p.LeakyReLUGrad(c, b, c, 0.1)
			})
			assert.Zero(t, allocs, "workers=%d n=%d: allocations per run", workers, n)
		}
		p.Close()
	}
}

// waitGoroutines waits up to a second for the number of goroutines to drop
// to at most want (a goroutine that has called Done is still counted until
// it has returned) and returns the last count.
func waitGoroutines(want int) int {
	deadline := time.Now().Add(time.Second)
	for {
		got := runtime.NumGoroutine()
		if got <= want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(time.Millisecond)
	}
}

// settledGoroutines returns the number of goroutines once it has stopped
// changing: the workers of runners that earlier tests dropped without Close
// exit whenever the garbage collector gets to those runners, which would
// otherwise lower the count in the middle of a test that counts its own
// (under qemu, often).
func settledGoroutines() int {
	n, same := runtime.NumGoroutine(), 0
	for i := 0; i < 400 && same < 3; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m == n {
			same++
		} else {
			n, same = m, 0
		}
	}
	return n
}

func TestParallelCloseStopsGoroutines(t *testing.T) {
	before := settledGoroutines()
	p := NewParallel(6)
	assert.Equal(t, 6, p.Workers())
	assert.GreaterOrEqual(t, runtime.NumGoroutine(), before+5, "workers-1 goroutines")
	n := 3*parallelGrain + 1
	a, b := kerneltest.RandomInputs(n, 3), make([]float32, n)
	p.LeakyReLU(b, a, 0.2)
	p.Close()
	assert.LessOrEqual(t, waitGoroutines(before), before, "goroutines left after Close")
	p.Close() // a second Close does nothing

	// After Close, calls run inline, with the same results.
	want := make([]float32, n)
	LeakyReLU(want, a, 0.2)
	clear(b)
	p.LeakyReLU(b, a, 0.2)
	kerneltest.EqualBits(t, want, b, "after Close")

	// One worker: no goroutine at all.
	one := NewParallel(1)
	assert.Equal(t, 1, one.Workers())
	one.LeakyReLU(b, a, 0.2)
	assert.LessOrEqual(t, waitGoroutines(before), before, "NewParallel(1) starts no goroutine")
	one.Close()

	// 0 means GOMAXPROCS.
	d := NewParallel(0)
	assert.Equal(t, runtime.GOMAXPROCS(0), d.Workers())
	d.Close()
	assert.LessOrEqual(t, waitGoroutines(before), before)

	// The zero Parallel runs everything inline.
	var z Parallel
	assert.Equal(t, 1, z.Workers())
	clear(b)
	z.LeakyReLU(b, a, 0.2)
	kerneltest.EqualBits(t, want, b, "zero Parallel")
	z.Close()
}

// TestParallelWorkersBound: a worker count past maxParallelWorkers gives a
// runner of maxParallelWorkers workers, which works and stops, rather than
// memory that grows with the square of the count.
func TestParallelWorkersBound(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, workers := range []int{maxParallelWorkers + 1, 20000, int(^uint(0) >> 1)} {
		p := NewParallel(workers)
		assert.Equal(t, maxParallelWorkers, p.Workers(), "NewParallel(%d)", workers)
		n := 3*parallelGrain + 1
		a, b, want := kerneltest.RandomInputs(n, 4), make([]float32, n), make([]float32, n)
		p.LeakyReLU(b, a, 0.2)
		LeakyReLU(want, a, 0.2)
		kerneltest.EqualBits(t, want, b, "NewParallel(%d)", workers)
		p.Close()
		assert.LessOrEqual(t, waitGoroutines(before), before, "goroutines left after Close")
	}
}

// TestParallelUnreachableStops checks that a runner dropped without Close
// stops its goroutines once the garbage collector frees it.
func TestParallelUnreachableStops(t *testing.T) {
	before := settledGoroutines()
	func() {
		p := NewParallel(4)
		n := 2 * parallelGrain
		a := make([]float32, n)
		p.ReLU(a, a)
	}()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "goroutines of an unreachable runner")
}

// TestParallelPanics checks the argument checks: the messages of the
// package functions, naming the method, raised on the caller's goroutine
// (PanicsWithValue recovers there: a panic on a worker would kill the test
// binary), at lengths that would split.
func TestParallelPanics(t *testing.T) {
	p := NewParallel(2)
	defer p.Close()
	n := 2 * parallelGrain
	buf := make([]float32, 3*n)
	a, b := make([]float32, n), make([]float32, n+1)
	require.PanicsWithValue(t, fmt.Sprintf("kernels.(*Parallel).ReLU: len(dst)=%d, len(src)=%d: all slices must have the same length", n, n+1),
		func() { p.ReLU(a, b) })
	require.PanicsWithValue(t, fmt.Sprintf("kernels.(*Parallel).LeakyReLU: len(dst)=%d, len(src)=%d: all slices must have the same length", n+1, n),
		func() { p.LeakyReLU(b, a, 0.1) })
	require.PanicsWithValue(t, fmt.Sprintf("kernels.(*Parallel).ReLUGrad: len(dst)=%d, len(grad)=%d, len(x)=%d: all slices must have the same length", n, n, n+1),
		func() { p.ReLUGrad(a, a, b) })
	require.PanicsWithValue(t, fmt.Sprintf("kernels.(*Parallel).LeakyReLUGrad: len(dst)=%d, len(grad)=%d, len(x)=%d: all slices must have the same length", n, n+1, n),
		func() { p.LeakyReLUGrad(a, b, a, 0.1) })
	overlap := func(fn, name string) string {
		return fmt.Sprintf("kernels.(*Parallel).%s: dst overlaps %s partially (len=%d, dst starts 5 elements after %s): "+
			"pass the same slice to work in place, or disjoint slices", fn, name, n, name)
	}
	dst, in := buf[5:n+5], buf[:n]
	require.PanicsWithValue(t, overlap("ReLU", "src"), func() { p.ReLU(dst, in) })
	require.PanicsWithValue(t, overlap("LeakyReLU", "src"), func() { p.LeakyReLU(dst, in, 0.1) })
	require.PanicsWithValue(t, overlap("ReLUGrad", "grad"), func() { p.ReLUGrad(dst, in, a) })
	require.PanicsWithValue(t, overlap("LeakyReLUGrad", "x"), func() { p.LeakyReLUGrad(dst, a, in, 0.1) })
	require.PanicsWithValue(t, "kernels.NewParallel: workers=-1: must be >= 0 (0 means GOMAXPROCS)", func() { NewParallel(-1) })
	// The runner still works after the panics.
	p.ReLU(a, a)
}

// TestParallelStreamingDecision checks the decision the methods pass to
// every piece: from the whole call's bytes, out of place only.
func TestParallelStreamingDecision(t *testing.T) {
	savedThreshold, savedLen := streamingThreshold, chunkLen
	defer func() { streamingThreshold, chunkLen, chunkHook = savedThreshold, savedLen, nil }()
	const n = 4096
	chunkLen = 256 // every piece a worker takes is chunked further
	var mu sync.Mutex
	var decisions []bool
	chunkHook = func(_ int, stream bool) {
		mu.Lock()
		decisions = append(decisions, stream)
		mu.Unlock()
	}
	p := NewParallel(2)
	defer p.Close()
	p.grain, p.minChunk = 64, 64
	src, dst := make([]float32, n), make([]float32, n)
	for _, c := range []struct {
		threshold int
		dst       []float32
		want      bool
	}{
		{8 * n, dst, true},    // the whole call reaches it, no piece does
		{8*n + 1, dst, false}, // the whole call falls short
		{1, src, false},       // in place never streams
		{0, dst, false},       // 0 disables streaming
	} {
		streamingThreshold = c.threshold
		decisions = decisions[:0]
		p.LeakyReLU(c.dst, src, 0.5)
		require.NotEmpty(t, decisions)
		for _, d := range decisions {
			require.Equal(t, c.want, d, "threshold %d: every chunk gets the whole call's decision", c.threshold)
		}
	}
}

// The tests run the runner with a 64Ki-element grain, so that the lengths
// around the grain, and the splits above it, stay small enough for qemu and
// the race detector; the grain itself is a tuning constant (see
// parallelGrain), measured by the benchmarks, not by the tests.
func init() { parallelGrain = 64 << 10 }
