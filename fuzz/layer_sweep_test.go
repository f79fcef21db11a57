package fuzz

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// TestLayerSweep is TestSweep for the elementwise part of the layer
// kernels: every float32 bit pattern p as src, through BiasReLU,
// BiasLeakyReLU and PReLU on every path with layer kernels (rows without
// them are skipped: no vector row yet) and the public functions, against
// layer_reference_test.go, for a set of bias and slope values: each config
// broadcasts one value over 16 columns, or 16 different ones ("mixed", each
// pattern then meets the value of its column). The chunks are matrices of
// 16 columns (a short last chunk ends with a one-column call); every other
// chunk runs in place. It reuses sweep_test.go's machinery: FASTRELU_SWEEP
// (full, strided, auto, off; -short skips), the pattern sets and the
// mismatch report. The strided set runs the four configs marked strided
// (the mixed values, and the +0 bias that turns -0 into +0), so that it
// takes seconds; the full sweep runs all of them.
//
// The gradient kernels' elementwise part is LeakyReLUGrad's, which
// TestSweep covers; their sums are covered by the fuzz targets and the
// kernels' tests.
func TestLayerSweep(t *testing.T) {
	mode := sweepMode(t)
	ps := kerneltest.Available()
	t.Logf("layer sweep on %d paths, GOMAXPROCS=%d", len(ps), runtime.GOMAXPROCS(0))
	runSets(t, mode, "layer sweep", func(set patternSet) { runLayerSet(t, ps, set) })
}

const layerSweepCols = 16

type layerSweepConfig struct {
	name    string
	kind    layerKind
	alpha   uint32
	par     [layerSweepCols]uint32
	strided bool // also in the strided sweep (the full sweep runs every config)
}

func broadcast(v uint32) (p [layerSweepCols]uint32) {
	for j := range p {
		p[j] = v
	}
	return p
}

// mixedValues: zeros, subnormals, infinities, NaNs (quiet and signaling)
// and ordinary values, one per column.
var mixedValues = [layerSweepCols]uint32{
	0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xff812345,
	0x3e800000, 0xbe99999a, 0x3f800000, 0xbfc00000, 0x7f7fffff, 0x0da24260, 0x40000000, 0x3c23d70a,
}

var layerSweepConfigs = []layerSweepConfig{
	{"BiasReLU_b=+0", lkBiasReLU, 0, broadcast(0), false},
	{"BiasReLU_b=-1.5", lkBiasReLU, 0, broadcast(0xbfc00000), false},
	{"BiasReLU_b=mixed", lkBiasReLU, 0, mixedValues, true},
	{"BiasLeakyReLU_a=0.01_b=-0", lkBiasLeakyReLU, 0x3c23d70a, broadcast(signBit), false},
	{"BiasLeakyReLU_a=0.01_b=+0", lkBiasLeakyReLU, 0x3c23d70a, broadcast(0), true},
	{"BiasLeakyReLU_a=0.01_b=0.5", lkBiasLeakyReLU, 0x3c23d70a, broadcast(0x3f000000), false},
	{"BiasLeakyReLU_a=-0.3_b=-1", lkBiasLeakyReLU, 0xbe99999a, broadcast(minusOne), false},
	{"BiasLeakyReLU_a=0.2_b=minsub", lkBiasLeakyReLU, 0x3e4ccccd, broadcast(1), false},
	{"BiasLeakyReLU_a=0.2_b=-3e38", lkBiasLeakyReLU, 0x3e4ccccd, broadcast(0xff61d7a5), false},
	{"BiasLeakyReLU_a=0.2_b=mixed", lkBiasLeakyReLU, 0x3e4ccccd, mixedValues, true},
	{"PReLU_s=0.25", lkPReLU, 0, broadcast(0x3e800000), false},
	{"PReLU_s=-0.3", lkPReLU, 0, broadcast(0xbe99999a), false},
	{"PReLU_s=mixed", lkPReLU, 0, mixedValues, true},
}

// runLayerSweep runs one config on one path over a pattern set, on
// GOMAXPROCS goroutines, and returns up to 64 mismatches and their count.
func runLayerSweep(p impl.Impl, cfg layerSweepConfig, set patternSet) ([]mismatch, int64) {
	var (
		next, nBad atomic.Int64
		mu         sync.Mutex
		found      []mismatch
		wg         sync.WaitGroup
	)
	par := make([]float32, layerSweepCols)
	for j, v := range cfg.par {
		par[j] = math.Float32frombits(v)
	}
	alpha := math.Float32frombits(cfg.alpha)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pb := make([]uint32, chunkLen)
			ab, db := make([]float32, chunkLen), make([]float32, chunkLen)
			var bad []mismatch
			for {
				c := int(next.Add(1) - 1)
				if c >= set.chunks || nBad.Load() >= stopAfter {
					return
				}
				ps := set.fill(c, pb)
				n := len(ps)
				a, dst := ab[:n], db[:n]
				for i, v := range ps {
					a[i] = math.Float32frombits(v)
				}
				if c&1 == 1 {
					dst = a
				}
				body := n - n%layerSweepCols
				kerneltest.LayerKernels[cfg.kind].Call(p, dst[:body], nil, a[:body], nil, par, alpha)
				if body < n {
					kerneltest.LayerKernels[cfg.kind].Call(p, dst[body:], nil, a[body:], nil, par[:1], alpha)
				}
				bad = bad[:0]
				for i, v := range ps {
					j := 0
					if i < body {
						j = i % layerSweepCols
					}
					var w, alt uint32
					switch cfg.kind {
					case lkBiasReLU:
						w, alt = refReLU(refAdd(v, cfg.par[j])), refReLU(altAdd(v, cfg.par[j]))
					case lkBiasLeakyReLU:
						w, alt = refLeakyReLU(refAdd(v, cfg.par[j]), cfg.alpha), refLeakyReLU(altAdd(v, cfg.par[j]), cfg.alpha)
					default:
						w = refLeakyReLU(v, cfg.par[j])
						alt = w
					}
					if got := math.Float32bits(dst[i]); got != w && got != alt {
						bad = append(bad, mismatch{v, got, w})
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

func runLayerSet(t *testing.T, ps []impl.Impl, set patternSet) {
	t.Run(set.name, func(t *testing.T) {
		var summary []string
		for _, p := range ps {
			var total time.Duration
			t.Run(p.Name, func(t *testing.T) {
				for _, cfg := range layerSweepConfigs {
					if set.name == stridedSet.name && !cfg.strided {
						continue
					}
					t.Run(cfg.name, func(t *testing.T) {
						start := time.Now()
						bad, n := runLayerSweep(p, cfg, set)
						total += time.Since(start)
						if n == 0 {
							return
						}
						var lines []string
						for _, m := range bad[:min(len(bad), 16)] {
							lines = append(lines, fmt.Sprintf("\tsrc %#08x: got %#08x, want %#08x", m.p, m.got, m.want))
						}
						t.Errorf("%s on %s: %d mismatches; the first found, by input:\n%s", cfg.name, p.Name, n,
							strings.Join(lines, "\n"))
					})
				}
			})
			summary = append(summary, fmt.Sprintf("\t%-8s %v", p.Name, total.Round(time.Millisecond)))
		}
		t.Logf("%s layer sweep, %d patterns, wall time per path:\n%s", set.name, set.count, strings.Join(summary, "\n"))
	})
}
