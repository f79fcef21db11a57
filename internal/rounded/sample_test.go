package rounded

import (
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fastrelu/fastrelu/internal/oracle"
)

// sampleChunk is how many inputs one seed of the sampler draws.
const sampleChunk = 1 << 16

// sampleKeep is how many of its worst inputs each worker hands math/big.
const sampleKeep = 16

// sampleWorker is what one goroutine of TestWideSampled found.
type sampleWorker struct {
	reach, unsure int
	worst         []sampleInput // the largest filter estimates, sampleKeep at most
	recheck       []float64     // inputs the filter did not vouch for or found above 1 ulp
	bad           []string      // a NaN not quieted, or a limit not met beyond the reach
}

type sampleInput struct{ x, e float64 }

// keep adds x, with filter estimate e, to the worst inputs.
func (w *sampleWorker) keep(x, e float64) {
	if len(w.worst) == sampleKeep && e <= w.worst[sampleKeep-1].e {
		return
	}
	i, _ := slices.BinarySearchFunc(w.worst, e, func(s sampleInput, e float64) int {
		if s.e > e {
			return -1
		}
		return 1
	})
	w.worst = slices.Insert(w.worst, i, sampleInput{x, e})
	if len(w.worst) > sampleKeep {
		w.worst = w.worst[:sampleKeep]
	}
}

// sample measures f on the chunk of inputs seeded c, drawn as wideRandom
// draws them.
func (f *wideFunction) sample(c uint64, filter func(float64) (oracle.Scaled, bool), w *sampleWorker) {
	for _, x := range wideRandom(rand.New(rand.NewPCG(c, uint64(len(f.name))<<32|0x5a3)), sampleChunk) {
		r := f.fn(x)
		if b, done := f.limit(x, r); done {
			if b != "" {
				w.bad = append(w.bad, b)
			}
			continue
		}
		w.reach++
		if x == 0 { // the filter's functions are not defined there
			w.recheck = append(w.recheck, x)
			continue
		}
		v, sure := filter(x)
		if !sure {
			w.unsure++
			w.recheck = append(w.recheck, x)
			continue
		}
		e := v.Ulps(r)
		if e > 1 {
			w.recheck = append(w.recheck, x)
		}
		w.keep(x, e)
	}
}

// TestWideSampled measures every binary64 function on 2^n random inputs of
// wideRandom's distribution (FASTRELU_WIDE_SAMPLE=n; skipped when unset;
// FASTRELU_WIDE_FUNCTIONS=regexp picks functions). The double-double filter
// (oracle.Double), which TestWide holds to filterTolerance of math/big,
// measures each input; math/big (128 bits) then measures the inputs the
// filter did not vouch for, any it finds above 1 ulp, and the sampleKeep
// worst of each worker. It fails as TestWide does, and reports the largest
// error math/big found and the largest filter estimate it did not check:
// every other input's error is below that plus filterTolerance.
func TestWideSampled(t *testing.T) {
	s := os.Getenv("FASTRELU_WIDE_SAMPLE")
	if s == "" {
		t.Skip("FASTRELU_WIDE_SAMPLE=n samples 2^n random inputs per function")
	}
	logN, err := strconv.Atoi(s)
	if err != nil || logN < 16 || logN > 40 {
		t.Fatalf("FASTRELU_WIDE_SAMPLE=%q: want log2 of the inputs, 16 to 40", s)
	}
	pick := regexp.MustCompile(os.Getenv("FASTRELU_WIDE_FUNCTIONS"))
	chunks := uint64(1) << (logN - 16)
	for _, f := range wideFunctions {
		if !pick.MatchString(f.name) {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			filter := oracle.DoubleFunction(f.name)
			start := time.Now()
			workers := make([]sampleWorker, runtime.GOMAXPROCS(0))
			var next atomic.Uint64
			var wg sync.WaitGroup
			for i := range workers {
				wg.Add(1)
				go func(w *sampleWorker) {
					defer wg.Done()
					for c := next.Add(1) - 1; c < chunks; c = next.Add(1) - 1 {
						f.sample(c, filter, w)
					}
				}(&workers[i])
			}
			wg.Wait()
			filtered := time.Since(start)

			var all sampleWorker
			for _, w := range workers {
				all.reach += w.reach
				all.unsure += w.unsure
				all.recheck = append(all.recheck, w.recheck...)
				all.bad = append(all.bad, w.bad...)
				for _, in := range w.worst {
					all.recheck = append(all.recheck, in.x)
				}
			}
			cutoff := 0.0 // the largest estimate no worker handed on
			for _, w := range workers {
				if len(w.worst) == sampleKeep {
					cutoff = max(cutoff, w.worst[sampleKeep-1].e)
				}
			}
			if len(all.recheck) > 1<<16 {
				t.Fatalf("%d inputs for math/big: the filter declined too many", len(all.recheck))
			}
			var tally wideTally
			f.check(all.recheck, &tally)
			for _, b := range all.bad {
				t.Error(b)
			}
			for _, b := range tally.bad {
				t.Error(b)
			}
			t.Logf("%s: 2^%d inputs, %d within reach, %d not vouched for by the filter; math/big on %d: max error %.4f ulp at %v (%#x); every other input below %.4f ulp by the filter (%v filter, %v math/big)",
				f.name, logN, all.reach, all.unsure, len(all.recheck), tally.worst, tally.at, math.Float64bits(tally.at),
				cutoff+filterTolerance, filtered.Round(time.Second), time.Since(start).Round(time.Second)-filtered.Round(time.Second))
		})
	}
}
