package rounded

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// float64Paths pairs each function's float64 path with its double-double
// evaluation.
var float64Paths = []struct {
	name         string
	path         func(float32) (float32, bool)
	doubleDouble func(float32) float32
}{
	{"Sigmoid", sigmoidFloat64, sigmoidDoubleDouble},
	{"Tanh", tanhFloat64, tanhDoubleDouble},
	{"Expm1", expm1Float64, expm1DoubleDouble},
	{"SiLU", siluFloat64, siluDoubleDouble},
	{"GELUTanh", geluTanhFloat64, geluTanhDoubleDouble},
	{"Softplus", softplusFloat64, softplusDoubleDouble},
	{"Mish", mishFloat64, mishDoubleDouble},
	{"Exp", expFloat64, expDoubleDouble},
	{"GELU", geluFloat64, geluDoubleDouble},
	{"SiLUDerivative", siluDerivativeFloat64, siluDerivativeDoubleDouble},
	{"GELUDerivative", geluDerivativeFloat64, geluDerivativeDoubleDouble},
	{"GELUTanhDerivative", geluTanhDerivativeFloat64, geluTanhDerivativeDoubleDouble},
	{"MishDerivative", mishDerivativeFloat64, mishDerivativeDoubleDouble},
}

// TestFloat64Paths checks that wherever a float64 path says its rounding is
// certain, it gives the double-double evaluation's bits, on the sample and
// the special inputs of TestProve, and reports how many inputs fall back.
// With FASTRELU_PROVE=fallbacks it counts the fallbacks among all 2^32
// inputs instead, compares nothing (TestProve's digests mode proves the
// outputs, float64 path and fallback together), and writes hardFile: the
// inputs TestHardInputs checks.
func TestFloat64Paths(t *testing.T) {
	full := os.Getenv(proveEnv) == "fallbacks"
	hard := map[string][]uint32{}
	for _, p := range float64Paths {
		t.Run(p.name, func(t *testing.T) {
			var mu sync.Mutex
			var n, fallbacks uint64
			var bad []string
			var found []uint32
			check := func(xs func(yield func(uint32) bool)) {
				var cn, cf uint64
				var cb []string
				var cfound []uint32
				for b := range xs {
					x := math.Float32frombits(b)
					cn++
					r, ok := p.path(x)
					if !ok {
						cf++
						if full && x == x {
							cfound = append(cfound, b)
						}
						continue
					}
					if full {
						continue
					}
					if want := p.doubleDouble(x); math.Float32bits(r) != math.Float32bits(want) {
						cb = append(cb, fmt.Sprintf("%s(%g) [%#08x]: float64 path %#08x, double-double %#08x",
							p.name, x, b, math.Float32bits(r), math.Float32bits(want)))
					}
				}
				mu.Lock()
				n, fallbacks, bad, found = n+cn, fallbacks+cf, append(bad, cb...), append(found, cfound...)
				mu.Unlock()
			}
			if full {
				var wg sync.WaitGroup
				workers := uint64(runtime.GOMAXPROCS(0))
				for w := uint64(0); w < workers; w++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						check(bitRange(w<<32/workers, (w+1)<<32/workers))
					}()
				}
				wg.Wait()
			} else {
				check(sampleInputs)
			}
			const nans = 1<<24 - 2
			t.Logf("%s: %d inputs, %d to the double-double fallback (%.3g), %d mismatches",
				p.name, n, fallbacks, float64(fallbacks)/float64(n), len(bad))
			if full {
				t.Logf("%s: %d fallbacks besides the %d NaNs", p.name, fallbacks-nans, nans)
				slices.Sort(found)
				hard[p.name] = spread(found, hardPerFunction)
			}
			for i, s := range bad {
				if i == 20 {
					break
				}
				t.Error(s)
			}
		})
	}
	if full && !t.Failed() {
		writeHard(t, hard)
	}
}

// hardFile lists, per function, inputs whose float64 path cannot decide the
// rounding: the inputs nearest a rounding boundary, where a wrong rounding
// shows first. FASTRELU_PROVE=fallbacks writes it (TestFloat64Paths), at
// most hardPerFunction evenly spread inputs per function.
const (
	hardFile        = "testdata/hard.txt"
	hardPerFunction = 1000
)

// spread returns at most n elements of xs, evenly spaced, in order.
func spread(xs []uint32, n int) []uint32 {
	if len(xs) <= n {
		return xs
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = xs[i*len(xs)/n]
	}
	return out
}

func writeHard(t *testing.T, hard map[string][]uint32) {
	var b strings.Builder
	b.WriteString("# Inputs whose float64 path falls back to the double-double evaluation (not NaNs), at most\n")
	fmt.Fprintf(&b, "# %d per function, evenly spread: the hardest to round. Written by\n", hardPerFunction)
	b.WriteString("#\tFASTRELU_PROVE=fallbacks go test -run TestFloat64Paths -timeout 0 .\n")
	b.WriteString("# and checked against the oracle by TestHardInputs on every run.\n")
	for _, p := range float64Paths {
		for _, x := range hard[p.name] {
			fmt.Fprintf(&b, "%s %#08x\n", p.name, x)
		}
	}
	if err := os.WriteFile(hardFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", hardFile)
}

// TestHardInputs checks every function against the oracle on the inputs of
// hardFile: those nearest a rounding boundary, which a sample of the
// inputs almost never meets. A rounding that goes the wrong way where the
// float64 evaluation is not certain fails here.
func TestHardInputs(t *testing.T) {
	data, err := os.ReadFile(hardFile)
	if err != nil {
		t.Fatal(err)
	}
	oracles := map[string]provedFunc{}
	for _, fn := range provedFuncs {
		oracles[fn.name] = fn
	}
	count := map[string]int{}
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, hex, ok := strings.Cut(line, " ")
		b, err := strconv.ParseUint(strings.TrimPrefix(hex, "0x"), 16, 32)
		fn, known := oracles[name]
		if !ok || err != nil || !known {
			t.Fatalf("%s:%d: %q: want a function's name and an input's bits", hardFile, i+1, line)
		}
		x := math.Float32frombits(uint32(b))
		got, want := fn.kernel(x), fn.oracle(x, nil)
		if math.Float32bits(got) != math.Float32bits(want) {
			t.Errorf("%s(%g) [%#08x] = %#08x, the oracle says %#08x", name, x, b, math.Float32bits(got), math.Float32bits(want))
		}
		count[name]++
	}
	for _, p := range float64Paths {
		if count[p.name] == 0 {
			t.Errorf("%s lists no input of %s", hardFile, p.name)
		}
	}
	t.Logf("%v", count)
}
