package fuzz

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/fastrelu/fastrelu/kernels"
	"github.com/klauspost/cpuid/v2"
)

// TestSweep puts every float32 bit pattern p through every kernel on every
// path (each available row and the public functions) and compares bit for
// bit with the reference, in these configurations:
//
//	ReLU                      src = p
//	LeakyReLU_a=0.01          src = p, alpha = 0.01
//	LeakyReLU_a=-0.3          src = p, alpha = -0.3
//	LeakyReLU_a=1.5, _a=1     src = p, alpha = 1.5 and 1
//	ReLUGrad_x=p              x = p, grad = mix(p)
//	LeakyReLUGrad_a=0.2_x=p   x = p, grad = mix(p), alpha = 0.2
//	LeakyReLUGrad_a=0.2_g=p   grad = p, x = -1, alpha = 0.2: every product
//
// mix is a bijection of the 32-bit patterns (murmur3's finalizer), so grad
// runs through every pattern too, in an order unrelated to x. The patterns
// go in chunks of 2^16 (one call each) to GOMAXPROCS goroutines; every other
// chunk runs in place (dst = src; for the gradients, dst = x or dst = grad).
// The first mismatches are reported with their input bits.
//
// FASTRELU_SWEEP chooses what runs:
//
//	full     all 2^32 patterns
//	strided  every 4093rd pattern, and every pattern with exponent 0 or 255
//	         (zeros, subnormals, infinities, NaNs): 2^25 + 2^32/4093 patterns
//	off      nothing
//	auto     (or unset) the strided subset, which also times this machine,
//	         then the full sweep if its projected time is at most half the
//	         time left before the test binary's deadline (-timeout, 10m by
//	         default; none with -timeout 0). Natively the full sweep takes a
//	         few minutes; under qemu, about ten times slower, it would take
//	         20 minutes or more, so with the default -timeout the strided
//	         subset is all that runs there, with no flag to set. The choice
//	         and the projection are logged.
//
// -short skips it. CI runs FASTRELU_SWEEP=full natively, with -timeout 60m.
func TestSweep(t *testing.T) {
	mode := sweepMode(t)
	ps := kerneltest.Available()
	t.Logf("GOARCH=%s, GOMAXPROCS=%d, CPU %q, the public functions run %q",
		runtime.GOARCH, runtime.GOMAXPROCS(0), cpuid.CPU.BrandName, kernels.Implementation())
	for _, r := range impl.All() {
		if !r.Available {
			t.Logf("row %q is not available here: %s", r.Name, r.Missing)
		}
	}
	runSets(t, mode, "sweep", func(set patternSet) { runSet(t, ps, set) })
}

// runSets runs the strided set, then the full one as mode (from
// sweepMode) asks: for "auto", only if the strided run projects it to take
// less than half the time left before the test's deadline.
func runSets(t *testing.T, mode, what string, run func(set patternSet)) {
	t.Helper()
	if mode == "strided" || mode == "auto" {
		start := time.Now()
		run(stridedSet)
		took := time.Since(start)
		if mode == "strided" || t.Failed() {
			return
		}
		projected := time.Duration(float64(took) * float64(fullSet.count) / float64(stridedSet.count))
		if deadline, ok := t.Deadline(); ok && 2*projected > time.Until(deadline) {
			t.Logf("FASTRELU_SWEEP=auto: the strided %s took %v, so the full one would take about %v: "+
				"more than half the %v left before the deadline. Only the strided subset ran; "+
				"set FASTRELU_SWEEP=full and a longer -timeout for the full %s",
				what, took.Round(time.Millisecond), projected.Round(time.Second), time.Until(deadline).Round(time.Second), what)
			return
		}
		t.Logf("FASTRELU_SWEEP=auto: the strided %s took %v; the full one should take about %v",
			what, took.Round(time.Millisecond), projected.Round(time.Second))
	}
	run(fullSet)
}

// sweepMode returns "full", "strided" or "auto", or skips the test.
func sweepMode(t *testing.T) string {
	if testing.Short() {
		t.Skip("-short: skipping the sweep")
	}
	switch m := os.Getenv("FASTRELU_SWEEP"); m {
	case "", "auto":
		return "auto"
	case "full", "strided":
		return m
	case "off":
		t.Skip("FASTRELU_SWEEP=off")
	default:
		t.Fatalf("FASTRELU_SWEEP=%q: want full, strided, auto or off", m)
	}
	return ""
}

type sweepKind int

const (
	swReLU sweepKind = iota
	swLeakyReLU
	swReLUGradX
	swLeakyReLUGradX
	swLeakyReLUGradG
)

type sweepConfig struct {
	name  string
	kind  sweepKind
	alpha float32
}

var sweepConfigs = []sweepConfig{
	{"ReLU", swReLU, 0},
	{"LeakyReLU_a=0.01", swLeakyReLU, 0.01},
	{"LeakyReLU_a=-0.3", swLeakyReLU, -0.3},
	{"LeakyReLU_a=1.5", swLeakyReLU, 1.5}, // the amd64 min form
	{"LeakyReLU_a=1", swLeakyReLU, 1},     // where the max and min forms meet
	{"ReLUGrad_x=p", swReLUGradX, 0},
	{"LeakyReLUGrad_a=0.2_x=p", swLeakyReLUGradX, 0.2},
	{"LeakyReLUGrad_a=0.2_g=p", swLeakyReLUGradG, 0.2},
}

// mix is murmur3's 32-bit finalizer: a bijection that scatters every bit.
func mix(p uint32) uint32 {
	p ^= p >> 16
	p *= 0x85ebca6b
	p ^= p >> 13
	p *= 0xc2b2ae35
	p ^= p >> 16
	return p
}

const (
	chunkLen = 1 << 16
	stride   = 4093
	// The strided set: 2^25 patterns with exponent 0 or 255, in 512 chunks,
	// then the multiples of stride below 2^32.
	specialChunks = 1 << 25 / chunkLen
	strideCount   = (1<<32 + stride - 1) / stride
)

// patternSet enumerates patterns in chunks: fill writes chunk c's patterns
// into p and returns them.
type patternSet struct {
	name   string
	chunks int
	count  int64
	fill   func(c int, p []uint32) []uint32
}

var fullSet = patternSet{"full", 1 << 32 / chunkLen, 1 << 32, func(c int, p []uint32) []uint32 {
	p = p[:chunkLen]
	base := uint32(c) * chunkLen
	for i := range p {
		p[i] = base | uint32(i)
	}
	return p
}}

var stridedSet = patternSet{"strided", specialChunks + (strideCount+chunkLen-1)/chunkLen, 1<<25 + strideCount,
	func(c int, p []uint32) []uint32 {
		if c < specialChunks {
			p = p[:chunkLen]
			for i := range p {
				j := uint32(c*chunkLen + i) // sign, exponent 0 or 255, significand
				p[i] = j>>24&1<<31 | j>>23&1*0xff<<23 | j&0x7fffff
			}
			return p
		}
		k0 := (c - specialChunks) * chunkLen
		p = p[:min(chunkLen, strideCount-k0)]
		for i := range p {
			p[i] = uint32((k0 + i) * stride)
		}
		return p
	}}

// mismatch is one wrong element: the pattern p (src, or x, or grad for the
// g=p configuration), what the path gave and what the reference wants.
type mismatch struct{ p, got, want uint32 }

func (m mismatch) describe(cfg sweepConfig) string {
	switch cfg.kind {
	case swReLU, swLeakyReLU:
		return fmt.Sprintf("src %#08x: got %#08x, want %#08x", m.p, m.got, m.want)
	case swLeakyReLUGradG:
		return fmt.Sprintf("grad %#08x, x -1: got %#08x, want %#08x", m.p, m.got, m.want)
	default:
		return fmt.Sprintf("x %#08x, grad %#08x: got %#08x, want %#08x", m.p, mix(m.p), m.got, m.want)
	}
}

// stopAfter is how many mismatches stop a configuration early.
const stopAfter = 1 << 10

// runSweep runs one configuration of one path over a pattern set on
// GOMAXPROCS goroutines. It returns up to 64 mismatches (sorted) and the
// number found (the count stops growing soon after stopAfter).
func runSweep(p impl.Impl, cfg sweepConfig, set patternSet) ([]mismatch, int64) {
	var (
		next, nBad atomic.Int64
		mu         sync.Mutex
		found      []mismatch
		wg         sync.WaitGroup
	)
	alpha := math.Float32bits(cfg.alpha)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pb := make([]uint32, chunkLen)
			ab, bb, db := make([]float32, chunkLen), make([]float32, chunkLen), make([]float32, chunkLen)
			var bad []mismatch
			for {
				c := int(next.Add(1) - 1)
				if c >= set.chunks || nBad.Load() >= stopAfter {
					return
				}
				ps := set.fill(c, pb)
				n := len(ps)
				a, b, dst := ab[:n], bb[:n], db[:n]
				bad = bad[:0]
				check := func(v, got, w uint32) {
					if got != w {
						bad = append(bad, mismatch{v, got, w})
					}
				}
				switch cfg.kind {
				case swReLU, swLeakyReLU:
					for i, v := range ps {
						a[i] = math.Float32frombits(v)
					}
					if c&1 == 1 {
						dst = a
					}
					if cfg.kind == swReLU {
						p.ReLU(dst, a)
						for i, v := range ps {
							check(v, math.Float32bits(dst[i]), refReLU(v))
						}
					} else {
						p.LeakyReLU(dst, a, cfg.alpha)
						for i, v := range ps {
							check(v, math.Float32bits(dst[i]), refLeakyReLU(v, alpha))
						}
					}
				case swReLUGradX, swLeakyReLUGradX: // a = x = p, b = grad = mix(p)
					for i, v := range ps {
						a[i] = math.Float32frombits(v)
						b[i] = math.Float32frombits(mix(v))
					}
					switch c & 3 {
					case 1:
						dst = a
					case 3:
						dst = b
					}
					if cfg.kind == swReLUGradX {
						p.ReLUGrad(dst, b, a)
						for i, v := range ps {
							check(v, math.Float32bits(dst[i]), refReLUGrad(mix(v), v))
						}
					} else {
						p.LeakyReLUGrad(dst, b, a, cfg.alpha)
						for i, v := range ps {
							check(v, math.Float32bits(dst[i]), refLeakyReLUGrad(mix(v), v, alpha))
						}
					}
				case swLeakyReLUGradG: // a = grad = p, b = x = -1
					for i, v := range ps {
						a[i] = math.Float32frombits(v)
						b[i] = -1
					}
					switch c & 3 {
					case 1:
						dst = a
					case 3:
						dst = b
					}
					p.LeakyReLUGrad(dst, a, b, cfg.alpha)
					for i, v := range ps {
						check(v, math.Float32bits(dst[i]), refLeakyReLUGrad(v, minusOne, alpha))
					}
				}
				if len(bad) > 0 {
					nBad.Add(int64(len(bad)))
					mu.Lock()
					found = append(found, bad[:min(len(bad), 64)]...)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	slices.SortFunc(found, func(x, y mismatch) int { return cmp.Compare(x.p, y.p) })
	return found[:min(len(found), 64)], nBad.Load()
}

// runSet sweeps every configuration on every path, a subtest each, and logs
// the wall time of each and of each path.
func runSet(t *testing.T, ps []impl.Impl, set patternSet) {
	t.Run(set.name, func(t *testing.T) {
		var summary []string
		for _, p := range ps {
			var total time.Duration
			t.Run(p.Name, func(t *testing.T) {
				for _, cfg := range sweepConfigs {
					t.Run(cfg.name, func(t *testing.T) {
						start := time.Now()
						bad, n := runSweep(p, cfg, set)
						took := time.Since(start)
						total += took
						t.Logf("%d patterns in %v (%.0f M/s)", set.count, took.Round(time.Millisecond),
							float64(set.count)/took.Seconds()/1e6)
						if n == 0 {
							return
						}
						more := ""
						if n >= stopAfter {
							more = " (stopped early)"
						}
						var lines []string
						for _, m := range bad[:min(len(bad), 16)] {
							lines = append(lines, "\t"+m.describe(cfg))
						}
						t.Errorf("%s on %s: %d mismatches%s; the first found, by input:\n%s",
							cfg.name, p.Name, n, more, strings.Join(lines, "\n"))
					})
				}
			})
			summary = append(summary, fmt.Sprintf("\t%-8s %v", p.Name, total.Round(time.Millisecond)))
		}
		t.Logf("%s sweep, %d patterns x %d configurations, wall time per path on %d goroutines:\n%s",
			set.name, set.count, len(sweepConfigs), runtime.GOMAXPROCS(0), strings.Join(summary, "\n"))
	})
}

// TestSweepLarge runs each kernel on every path once on slices a little
// larger than the last-level cache (found with cpuid, as the kernels do to
// pick their streaming-store threshold), misaligned, ReLU and ReLUGrad out of
// place and LeakyReLU and LeakyReLUGrad in place, so that the large-size
// code path is compared with the reference too: the sweep's chunks are far
// below that size. The values are mix(i) patterns: every sign, exponent and
// NaN. It runs when the sweep runs.
func TestSweepLarge(t *testing.T) {
	sweepMode(t)
	size := max(cpuid.CPU.Cache.L3, cpuid.CPU.Cache.L2)
	if size <= 0 {
		size = 32 << 20
	}
	n := size/4 + 37
	const lead, trail = 3, 29 // canaries around dst
	t.Logf("n = %d (%d bytes; largest cache %d bytes)", n, 4*n, size)
	alpha := uint32(0xbe99999a) // -0.3
	dbuf, abuf, bbuf := make([]float32, lead+n+trail), make([]float32, 5+n), make([]float32, 1+n)
	a, b := abuf[5:], bbuf[1:]
	for _, p := range kerneltest.Available() {
		for k := kReLU; k <= kLeakyReLUGrad; k++ {
			inPlace := k == kLeakyReLU || k == kLeakyReLUGrad
			parallel(n, func(lo, hi int) {
				for j := lo; j < hi; j++ {
					a[j] = math.Float32frombits(mix(uint32(j)))
					b[j] = math.Float32frombits(mix(uint32(j) ^ 0x5bd1e995))
				}
			})
			for j := range dbuf {
				dbuf[j] = math.Float32frombits(canary(j))
			}
			dst := dbuf[lead : lead+n]
			if inPlace {
				dst = a
			}
			kerneltest.Kernels[k].Call(p, dst, a, b, math.Float32frombits(alpha))
			var errs atomic.Int64
			parallel(n, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					ai, bi := mix(uint32(i)), mix(uint32(i)^0x5bd1e995)
					got := math.Float32bits(dst[i])
					if w, alt := want(k, ai, bi, alpha); got != w && got != alt {
						if errs.Add(1) <= 5 {
							t.Errorf("%s %s n=%d in place %v: dst[%d] = %#08x, want %#08x (a %#08x, b %#08x)",
								p.Name, k, n, inPlace, i, got, w, ai, bi)
						}
					}
					if math.Float32bits(b[i]) != bi || (!inPlace && math.Float32bits(a[i]) != ai) {
						if errs.Add(1) <= 5 {
							t.Errorf("%s %s n=%d: input element %d changed", p.Name, k, n, i)
						}
					}
				}
			})
			for j, v := range dbuf {
				if (j < lead || j >= lead+n) && math.Float32bits(v) != canary(j) {
					t.Errorf("%s %s n=%d: canary dst[%d] overwritten", p.Name, k, n, j-lead)
				}
			}
		}
	}
}

// parallel runs f over [0, n) in GOMAXPROCS pieces.
func parallel(n int, f func(lo, hi int)) {
	w := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for i := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(n*i/w, n*(i+1)/w)
		}()
	}
	wg.Wait()
}
