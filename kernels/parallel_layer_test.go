package kernels

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/kerneltest"

	"github.com/stretchr/testify/require"
)

// Tests of the runner's six layer methods against the package functions,
// bit for bit: dst and the accumulated dbias/dslope, for many shapes, below
// and above lowered grains, in place, at every byte alignment of dst, with
// accumulators that start non-zero and NaN-heavy data; and the chunk plans,
// concurrency, allocations and panics.

// plKernel is one layer kernel, called through a runner or, with p nil,
// through the package function. Arguments as in layer_test.go: dst; acc
// (dbias or dslope); a (src or grad); b (y or x); par (bias or slope).
type plKernel struct {
	name string
	grad bool // accumulates into acc, and takes b
	par  bool // takes par
	call func(p *Parallel, dst, acc, a, b, par []float32, alpha float32)
}

// plKernels is generated: parallel_calls_test.go.

// plKernelNamed returns the layer kernel named name.
func plKernelNamed(name string) plKernel { return plKernels[kerneltest.LayerKernelIndex(name)] }

func (k plKernel) hasSums() bool { return k.grad }

// plFloatsAt returns n float32s starting off bytes past a 64-byte line of a
// fresh buffer, with guard bytes of 0xA5 around them (plCheckGuards).
func plFloatsAt(n, off int) ([]float32, []byte) {
	buf := make([]byte, 4*n+3*lineBytes)
	start := lineBytes - int(uintptr(unsafe.Pointer(&buf[0]))%lineBytes) + off
	for i := range buf {
		buf[i] = 0xA5
	}
	if n == 0 {
		return []float32{}, buf
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(&buf[start])), n), buf
}

func plCheckGuards(t *testing.T, s []float32, buf []byte, what string) {
	t.Helper()
	if len(s) == 0 {
		return
	}
	start := int(uintptr(unsafe.Pointer(&s[0])) - uintptr(unsafe.Pointer(&buf[0])))
	for i := range buf {
		if (i < start || i >= start+4*len(s)) && buf[i] != 0xA5 {
			t.Fatalf("%s: byte %d outside the slice (bytes %d..%d) changed to %#x", what, i, start, start+4*len(s), buf[i])
		}
	}
}

func plRequireBits(t *testing.T, want, got []float32, format string, args ...any) {
	t.Helper()
	require.Equal(t, len(want), len(got))
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
			t.Fatalf("%s: [%d] = %#08x, the package function gives %#08x", fmt.Sprintf(format, args...), i,
				math.Float32bits(got[i]), math.Float32bits(want[i]))
		}
	}
}

// plReaches reports whether runner p may take a slot for a call of kernel k
// on rows x cols (and cut it into chunks, which may be a single one): the
// call is at least the grain, and a layer gradient has more than one
// block of rows or at least 2*minCols columns. A runner with one worker and
// the zero Parallel run every call inline.
func plReaches(p *Parallel, k plKernel, rows, cols int) bool {
	if p.jobs == nil || rows*cols < p.grain || rows*cols == 0 {
		return false
	}
	return !k.hasSums() || rows > BlockRows || cols >= 2*p.minCols
}

// plCase runs kernel k on rows x cols through p and through the package
// function, from the same inputs, and requires the same bits in dst and
// acc. place is "out", "a" (dst is src or grad) or "b" (dst is y or x);
// dOff the byte offset of dst (and of a or b when in place). a0, b0, par0
// and acc0 hold at least rows*cols (cols) values.
func plCase(t *testing.T, p *Parallel, k plKernel, rows, cols int, place string, dOff int, alpha float32, a0, b0, par0, acc0 []float32) {
	t.Helper()
	n := rows * cols
	what := fmt.Sprintf("%s workers=%d rows=%d cols=%d place=%s dOff=%d alpha=%#x", k.name, p.Workers(), rows, cols, place, dOff, math.Float32bits(alpha))
	var par, acc []float32
	if k.par {
		par = append([]float32(nil), par0[:cols]...)
	}
	if k.grad {
		acc = append([]float32(nil), acc0[:cols]...)
	}
	// The package function on aligned copies.
	wa, wb := append([]float32(nil), a0[:n]...), append([]float32(nil), b0[:n]...)
	want, wantAcc := make([]float32, n), append([]float32(nil), acc...)
	switch place {
	case "a":
		copy(want, wa)
		wa = want
	case "b":
		copy(want, wb)
		wb = want
	}
	k.call(nil, want, wantAcc, wa, wb, par, alpha)

	// The runner, dst at byte offset dOff, the inputs elsewhere.
	dst, dBuf := plFloatsAt(n, dOff)
	a, _ := plFloatsAt(n, (dOff+1)%4*4)
	b, _ := plFloatsAt(n, (dOff+2)%4)
	copy(a, a0[:n])
	copy(b, b0[:n])
	gotAcc, accBuf := plFloatsAt(len(acc), 0)
	copy(gotAcc, acc)
	switch place {
	case "a":
		copy(dst, a)
		a = dst
	case "b":
		copy(dst, b)
		b = dst
	}
	saved := splitHook
	defer func() { splitHook = saved }()
	reached, chunks := false, 0
	splitHook = func(_ jobKind, _, c int) { reached, chunks = true, c }
	free := plWaitSlots(p)
	k.call(p, dst, gotAcc, a, b, par, alpha)
	splitHook = saved
	// A call the rules keep inline never takes a slot; one they let split
	// takes one when one is free (a slot may also come free during the call).
	if rule := plReaches(p, k, rows, cols); reached && !rule || !reached && rule && free {
		t.Fatalf("%s: the call took a slot: %v; the rules say %v, free slots %v", what, reached, rule, free)
	}
	if chunks >= 2 {
		plSplitCount++
	}
	plRequireBits(t, want, dst, "%s: dst", what)
	plRequireBits(t, wantAcc, gotAcc, "%s: acc", what)
	plCheckGuards(t, dst, dBuf, what+": dst")
	plCheckGuards(t, gotAcc, accBuf, what+": acc")
}

// plWaitSlots waits a little for the slots of p to be free (the last
// holder of a previous call's slot may be a worker that has not run yet on
// a busy machine) and reports whether they are: a closed runner has none.
func plWaitSlots(p *Parallel) bool {
	if p.free == nil || p == plClosed {
		return false
	}
	deadline := time.Now().Add(20 * time.Millisecond)
	for len(p.free) < len(p.slots) && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	return len(p.free) == len(p.slots)
}

// plClosed is the closed runner of TestParallelLayerMatchesPackage: its
// slots never come back.
var plClosed *Parallel

// plSplitCount counts the plCase calls that split into two chunks or more.
var plSplitCount int

// plRowCounts returns row counts for cols columns whose lengths span the
// grain g: none, one, just below it, at it, just above, and a few times it
// (fewer of them with few).
func plRowCounts(cols, g int, few bool) []int {
	at := (g + cols - 1) / cols
	rs := []int{0, 1, 2, max(1, at-1), at, at + 1, 3*at + 5}
	if few { // the default grain: long calls
		rs = []int{1, max(1, at-1), at, 2*at + 1}
	}
	out := rs[:0]
	for i, r := range rs {
		if i == 0 || r != out[len(out)-1] {
			out = append(out, r)
		}
	}
	return out
}

type plSetup struct {
	name                     string
	workers                  int
	grain, minChunk, minCols int // 0: the runner's own
	cols                     []int
	zero, closed             bool
}

func (s plSetup) runner() *Parallel {
	if s.zero {
		return &Parallel{}
	}
	p := NewParallel(s.workers)
	if s.grain > 0 {
		p.grain, p.minChunk, p.minCols = s.grain, s.minChunk, s.minCols
	}
	if s.closed {
		p.Close()
		plClosed = p
	}
	return p
}

var plColsList = []int{1, 3, 16, 17, 100, 256, 1000}

// TestParallelLayerMatchesPackage: every layer method, for many shapes
// around lowered and default grains, in place and out of place, dst at
// every byte offset, accumulators starting non-zero, on random data with
// kerneltest.Specials; the bits of the package function, and a split exactly when the
// rules say so.
func TestParallelLayerMatchesPackage(t *testing.T) {
	t.Logf("implementation=%s", Implementation())
	setups := []plSetup{
		{"tiny/workers=2", 2, 256, 16, 16, plColsList, false, false},
		{"tiny/workers=3", 3, 512, 32, 16, plColsList, false, false},
		{"tiny/workers=8", 8, 64, 16, 16, plColsList, false, false},
		{"default/workers=2", 2, 0, 0, 0, []int{100, 256, 1000, 2048}, false, false},
		{"default/workers=4", 4, 0, 0, 0, []int{17, 4096}, false, false},
		{"workers=1", 1, 0, 0, 0, []int{3, 1000}, false, false},
		{"zero", 0, 0, 0, 0, []int{3, 1000}, true, false},
		{"closed", 3, 64, 16, 16, []int{3, 1000}, false, true},
	}
	const maxN = 3*(64<<10+4096) + 5*4096
	a0, b0 := kerneltest.RandomInputs(maxN, 31), kerneltest.RandomInputs(maxN, 32)
	par0, acc0 := kerneltest.RandomInputs(4096, 33), kerneltest.RandomInputs(4096, 34)
	alphas := []float32{0.01, -0.3, float32(math.NaN()), 1.5, 0, float32(math.Inf(1))}
	for _, s := range setups {
		t.Run(s.name, func(t *testing.T) {
			p := s.runner()
			defer p.Close()
			g := p.grain
			if s.grain == 0 {
				g = parallelGrain
			}
			c, split0 := 0, plSplitCount
			for i, k := range plKernels {
				if skipRoundedSetup(s.name == "tiny/workers=2") && kerneltest.LayerKernels[i].Rounded {
					continue
				}
				for _, cols := range s.cols {
					for _, rows := range plRowCounts(cols, g, s.grain == 0) {
						for _, place := range []string{"out", "a", "b"} {
							if place == "b" && !k.grad {
								continue
							}
							c++
							plCase(t, p, k, rows, cols, place, c%4, alphas[c%len(alphas)], a0, b0, par0, acc0)
						}
					}
				}
			}
			t.Logf("%d calls, %d split", c, plSplitCount-split0)
			switch {
			case s.closed || p.Workers() == 1:
				require.Zero(t, plSplitCount-split0, "no call splits")
			default:
				require.Greater(t, plSplitCount-split0, c/10, "many calls split")
			}
		})
	}
}

// TestParallelLayerSpecials: NaN-heavy data, every input (the accumulator
// included) drawn from the kerneltest.Specials, with different strides so that every
// pair of kerneltest.Specials meets in some element, on shapes that split.
func TestParallelLayerSpecials(t *testing.T) {
	ns := len(kerneltest.Specials)
	const maxN = 64 * 1024
	fill := func(n, shift int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = math.Float32frombits(kerneltest.Specials[(i+shift)%ns])
		}
		return s
	}
	// Element i pairs kerneltest.Specials i%ns and (i%ns + i/ns)%ns: every pair within
	// ns*ns elements.
	a0, b0 := fill(maxN, 0), make([]float32, maxN)
	for i := range b0 {
		b0[i] = math.Float32frombits(kerneltest.Specials[(i+i/ns)%ns])
	}
	par0, acc0 := fill(4096, 5), fill(4096, 11)
	p := NewParallel(3)
	defer p.Close()
	p.grain, p.minChunk, p.minCols = 256, 16, 16
	for i, k := range plKernels {
		lk := kerneltest.LayerKernels[i]
		alphas := []float32{0.01, -2, float32(math.NaN())}
		if !lk.Leaky {
			alphas = alphas[:1] // the kernel has no alpha
		}
		for _, cols := range []int{17, 100, 256, 1000} {
			if lk.Rounded && skipRoundedSetup(cols == 17) {
				continue
			}
			rows := maxN / cols
			for i, place := range []string{"out", "a", "b"} {
				if place == "b" && !k.grad {
					continue
				}
				for _, alpha := range alphas {
					plCase(t, p, k, rows, cols, place, i, alpha, a0, b0, par0, acc0)
				}
			}
		}
	}
}

// TestParallelLayerPlans checks the row, panel and unit plans: the chunks
// cover [0, n) in order, none empty; rows start on a 64-byte line of dst
// wherever some row does; the column panels of a block are cut only when
// there are too few blocks, are a multiple of 16 columns and at least
// minCols wide, the last less than twice the width.
func TestParallelLayerPlans(t *testing.T) {
	for base := uintptr(4096); base < 4096+2*lineBytes; base++ {
		for _, workers := range []int{2, 3, 8} {
			for _, cols := range []int{1, 3, 8, 16, 17, 24, 100, 256, 1000, 1 << 17} {
				for _, rows := range []int{1, 2, 15, 100, 4099, 1<<16 + 5} {
					if rows*cols > 1<<26 {
						continue
					}
					for _, minChunk := range []int{16, parallelMinChunk} {
						head, chunk, chunks := rowPlan(base, rows, cols, workers, minChunk)
						s := slot{n: rows, head: head, chunk: chunk, chunks: int64(chunks)}
						if chunk < 1 || s.bound(int64(chunks)) != rows {
							t.Fatalf("base=%d rows=%d cols=%d: chunk %d, chunks end at %d", base, rows, cols, chunk, s.bound(int64(chunks)))
						}
						// Is there a row on a line at all?
						lined := false
						for r := 0; r < 16 && r < rows; r++ {
							lined = lined || (base+4*uintptr(r*cols))%lineBytes == 0
						}
						for c := int64(1); c <= int64(chunks); c++ {
							b := s.bound(c)
							if b <= s.bound(c-1) {
								t.Fatalf("base=%d rows=%d cols=%d c=%d: empty chunk", base, rows, cols, c)
							}
							if lined && chunk*cols%lineFloats == 0 && c < int64(chunks) && (base+4*uintptr(b*cols))%lineBytes != 0 {
								t.Fatalf("base=%d rows=%d cols=%d workers=%d c=%d: row %d is not on a line", base, rows, cols, workers, c, b)
							}
						}
					}
				}
			}
		}
	}
	for _, workers := range []int{2, 3, 8, 64} {
		for _, cols := range []int{1, 32, 33, 100, 511, 512, 513, 1000, 1024, 4096, 4097, 1 << 20} {
			for _, blocks := range []int{1, 2, 3, 7, 16, 200} {
				for _, minCols := range []int{16, parallelMinCols} {
					panels, width := panelPlan(blocks, cols, workers, minCols)
					require.GreaterOrEqual(t, panels, 1)
					if panels == 1 {
						require.Equal(t, cols, width)
						continue
					}
					require.Less(t, blocks, 2*workers, "only too few blocks are cut into panels")
					require.Zero(t, width%lineFloats)
					require.GreaterOrEqual(t, width, minCols)
					last := cols - (panels-1)*width
					require.GreaterOrEqual(t, last, width, "cols=%d blocks=%d", cols, blocks)
					require.Less(t, last, 2*width)
				}
			}
			for _, unitElems := range []int{1, 100, 1 << 16, 1 << 20} {
				chunk, chunks := unitPlan(cols, unitElems, workers, parallelMinChunk)
				require.GreaterOrEqual(t, chunk, 1)
				require.GreaterOrEqual(t, chunk*chunks, cols)
				require.Less(t, chunk*(chunks-1), cols)
			}
		}
	}
}

// TestParallelLayerConcurrent shares one runner between goroutines calling
// every layer method (shared inputs, their own dst and accumulators), calls
// that split and calls that run inline for want of a slot, and a Close
// racing with the calls in flight. Run it under -race.
func TestParallelLayerConcurrent(t *testing.T) {
	for _, grain := range []int{0, 256} {
		t.Run(fmt.Sprintf("grain=%d", grain), func(t *testing.T) {
			p := NewParallel(3)
			rows, cols := 2*parallelGrain/1024+3, 1024
			if grain > 0 {
				p.grain, p.minChunk, p.minCols = grain, 16, 16
				rows, cols = 7, 1000
			}
			n := rows * cols
			a, b := kerneltest.RandomInputs(n, 41), kerneltest.RandomInputs(n, 42)
			par, acc0 := kerneltest.RandomInputs(cols, 43), kerneltest.RandomInputs(cols, 44)
			want := make([][]float32, len(plKernels))
			wantAcc := make([][]float32, len(plKernels))
			for ki, k := range plKernels {
				want[ki], wantAcc[ki] = make([]float32, n), append([]float32(nil), acc0...)
				k.call(nil, want[ki], wantAcc[ki], a, b, par, 0.01)
			}
			const goroutines, rounds = 12, 8
			var wg sync.WaitGroup
			errs := make(chan string, goroutines)
			for gi := range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					dst, acc := make([]float32, n), make([]float32, cols)
					for r := range rounds {
						ki := (gi + r) % len(plKernels)
						copy(acc, acc0)
						plKernels[ki].call(p, dst, acc, a, b, par, 0.01) // a, b, par shared, read only
						for i := range dst {
							if math.Float32bits(dst[i]) != math.Float32bits(want[ki][i]) {
								errs <- fmt.Sprintf("goroutine %d round %d %s: dst[%d] differs", gi, r, plKernels[ki].name, i)
								return
							}
						}
						if plKernels[ki].grad {
							for j := range acc {
								if math.Float32bits(acc[j]) != math.Float32bits(wantAcc[ki][j]) {
									errs <- fmt.Sprintf("goroutine %d round %d %s: acc[%d] differs", gi, r, plKernels[ki].name, j)
									return
								}
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

// TestParallelLayerNoAllocations: no call allocates in steady state, inline
// (short, one worker, too few columns) or split.
func TestParallelLayerNoAllocations(t *testing.T) {
	for _, workers := range []int{1, 2, 4} {
		p := NewParallel(workers)
		for _, shape := range [][2]int{{3, 100}, {parallelGrain/1024 - 1, 1024}, {parallelGrain/100 + 1, 100}, {parallelGrain/1024 + 1, 1024}} {
			n := shape[0] * shape[1]
			a, b, c := make([]float32, n), make([]float32, n), make([]float32, n)
			par, acc := make([]float32, shape[1]), make([]float32, shape[1])
			allocs := testing.AllocsPerRun(10, func() {
				p.BiasReLU(a, b, par)
				p.BiasLeakyReLU(a, a, par, 0.1)
				p.PReLU(c, b, par)
				p.ReLUGradBias(a, acc, b, c)
				p.LeakyReLUGradBias(c, acc, b, c, 0.1)
				p.PReLUGrad(a, acc, b, c, par)
			})
			require.Zero(t, allocs, "workers=%d shape=%v: allocations per run", workers, shape)
		}
		p.Close()
	}
}

// TestParallelLayerPanics: every bad call panics on the caller's goroutine
// (PanicsWithValue recovers there: a panic on a worker would kill the test
// binary) with the package function's message naming the method, at lengths
// that would split, and writes nothing.
func TestParallelLayerPanics(t *testing.T) {
	p := NewParallel(2)
	defer p.Close()
	const cols = 1024
	n := 2 * parallelGrain
	f := func(n int) []float32 { return make([]float32, n) }
	buf := f(3 * n)
	type call func(p *Parallel)
	cases := []call{
		// BiasReLU, BiasLeakyReLU, PReLU
		func(p *Parallel) { plKernelNamed("BiasReLU").call(p, f(n), nil, f(n+1), nil, f(cols), 0) },
		func(p *Parallel) { plKernelNamed("BiasReLU").call(p, f(n), nil, f(n), nil, f(cols+1), 0) },
		func(p *Parallel) { plKernelNamed("BiasLeakyReLU").call(p, f(n), nil, f(n), nil, nil, 0.1) },
		func(p *Parallel) { plKernelNamed("BiasLeakyReLU").call(p, buf[5:n+5], nil, buf[:n], nil, f(cols), 0.1) },
		func(p *Parallel) { plKernelNamed("PReLU").call(p, buf[:n], nil, f(n), nil, buf[n-1:n-1+cols], 0) },
		func(p *Parallel) { plKernelNamed("PReLU").call(p, f(n), nil, f(n), nil, f(3), 0) },
		// ReLUGradBias, LeakyReLUGradBias
		func(p *Parallel) { plKernelNamed("ReLUGradBias").call(p, f(n), f(cols), f(n), f(n-1), nil, 0) },
		func(p *Parallel) { plKernelNamed("ReLUGradBias").call(p, f(n), f(cols+16), f(n), f(n), nil, 0) },
		func(p *Parallel) { plKernelNamed("ReLUGradBias").call(p, f(n), nil, f(n), f(n), nil, 0) },
		func(p *Parallel) {
			plKernelNamed("LeakyReLUGradBias").call(p, buf[:n], f(cols), f(n), buf[16:n+16], nil, 0.1)
		},
		func(p *Parallel) {
			plKernelNamed("LeakyReLUGradBias").call(p, buf[:n], buf[n-1:n-1+cols], f(n), f(n), nil, 0.1)
		},
		func(p *Parallel) {
			plKernelNamed("LeakyReLUGradBias").call(p, f(n), buf[n:n+cols], buf[n:2*n], f(n), nil, 0.1)
		},
		// PReLUGrad
		func(p *Parallel) { plKernelNamed("PReLUGrad").call(p, f(n), f(cols), f(n+1), f(n), f(cols), 0) },
		func(p *Parallel) { plKernelNamed("PReLUGrad").call(p, f(n), f(cols-1), f(n), f(n), f(cols), 0) },
		func(p *Parallel) { plKernelNamed("PReLUGrad").call(p, f(n), f(cols+16), f(n), f(n), f(cols+16), 0) },
		func(p *Parallel) { plKernelNamed("PReLUGrad").call(p, buf[1:n+1], f(cols), f(n), buf[:n], f(cols), 0) },
		func(p *Parallel) {
			plKernelNamed("PReLUGrad").call(p, buf[:n], f(cols), f(n), f(n), buf[n-2:n-2+cols], 0)
		},
		func(p *Parallel) {
			plKernelNamed("PReLUGrad").call(p, f(n), buf[n:n+cols], f(n), f(n), buf[n+cols-1:n+2*cols-1], 0)
		},
	}
	for i, c := range cases {
		for j := range buf {
			buf[j] = 7
		}
		var want string
		func() {
			defer func() { want, _ = recover().(string) }()
			c(nil)
		}()
		require.True(t, strings.HasPrefix(want, "kernels."), "case %d: the package function panics (%q)", i, want)
		name := strings.TrimPrefix(want[:strings.Index(want, ":")], "kernels.")
		want = "kernels.(*Parallel)." + name + strings.TrimPrefix(want, "kernels."+name)
		require.PanicsWithValue(t, want, func() { c(p) }, "case %d", i)
		for j, v := range buf {
			if v != 7 {
				t.Fatalf("case %d: buf[%d] written before the panic", i, j)
			}
		}
	}
	// What the rules allow, through the runner.
	require.NotPanics(t, func() {
		p.BiasReLU(nil, nil, nil)
		p.BiasReLU(nil, nil, f(3))
		p.ReLUGradBias(nil, nil, nil, nil)
		p.PReLUGrad(nil, f(2), nil, nil, f(2))
		p.LeakyReLUGradBias(buf[:n], buf[n:n+cols], buf[n+cols:2*n+cols], buf[n+cols:2*n+cols], 1) // grad = y
	})
	// The runner still splits after the panics.
	a, b := f(n), f(cols)
	p.LeakyReLUGradBias(a, b, a, a, 0.1)
}

// TestParallelLayerEveryPath runs TestParallelLayerMatchesPackage and
// TestParallelLayerSpecials in a child process under each other path this
// CPU runs (FASTRELU_ISA), the generic path included: on arm64 the layer
// kernels have a NEON row and a generic one.
func TestParallelLayerEveryPath(t *testing.T) {
	if os.Getenv("FASTRELU_PARALLEL_LAYER_CHILD") != "" {
		t.Skip("in the child")
	}
	if raceEnabled {
		t.Skip("under -race the children would take minutes; the race run covers this process's path")
	}
	others := otherPaths(t)
	args := kerneltest.ChildCommand(t)
	for _, r := range others {
		t.Run(r.Name, func(t *testing.T) {
			cmd := exec.Command(args[0], append(args[1:], "-test.run=^TestParallelLayer(MatchesPackage|Specials)$", "-test.v")...)
			cmd.Env = append(os.Environ(), "FASTRELU_PARALLEL_LAYER_CHILD=1", "FASTRELU_ISA="+r.Name)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			require.Contains(t, string(out), "implementation="+r.Name, "the child ran another path")
			require.Contains(t, string(out), "--- PASS: TestParallelLayerMatchesPackage")
			require.Contains(t, string(out), "--- PASS: TestParallelLayerSpecials")
		})
	}
}
