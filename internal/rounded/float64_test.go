package rounded

import (
	"fmt"
	"math"
	"os"
	"runtime"
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
// inputs instead, and compares nothing: TestProve's digests mode proves
// the outputs, float64 path and fallback together.
func TestFloat64Paths(t *testing.T) {
	full := os.Getenv(proveEnv) == "fallbacks"
	for _, p := range float64Paths {
		t.Run(p.name, func(t *testing.T) {
			var mu sync.Mutex
			var n, fallbacks uint64
			var bad []string
			check := func(xs func(yield func(uint32) bool)) {
				var cn, cf uint64
				var cb []string
				for b := range xs {
					x := math.Float32frombits(b)
					cn++
					r, ok := p.path(x)
					if !ok {
						cf++
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
				n, fallbacks, bad = n+cn, fallbacks+cf, append(bad, cb...)
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
			}
			for i, s := range bad {
				if i == 20 {
					break
				}
				t.Error(s)
			}
		})
	}
}
