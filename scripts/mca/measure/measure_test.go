//go:build amd64

package measure

import (
	"fmt"
	"math"
	"math/bits"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/fastrelu/fastrelu/kernels"
)

// The contract (README): m(x) = x <= 0, ordered.
func refFwd(kernel string, x, alpha float32) float32 {
	if x <= 0 {
		if kernel == "ReLU" {
			return 0
		}
		return alpha * x
	}
	return x
}

func refGrad(kernel string, g, x, alpha float32) float32 {
	if x <= 0 {
		if kernel == "ReLUGrad" {
			return 0
		}
		return alpha * g
	}
	return g
}

func f32(b uint32) float32 { return math.Float32frombits(b) }

// alphas in each class the candidates name.
var (
	alphasAll = []float32{0.01, 0.2, 0.5, 1, 1.5, 2, 0, f32(0x80000000), -0.01, -1, -3, f32(1), f32(0x007fffff),
		f32(0x00800000), math.MaxFloat32, float32(math.Inf(1)), float32(math.Inf(-1))}
	alphasMax = []float32{f32(1), f32(0x007fffff), f32(0x00800000), 1e-30, 0.01, 0.1, 0.2, 0.25, 0.3, 0.5,
		f32(0x3f7fffff), 1} // 0 < alpha <= 1
	alphasMin = []float32{1, f32(0x3f800001), 1.5, 2, 3, 10, 100, 1e30, math.MaxFloat32} // 1 <= alpha < +Inf
	// outside the classes: each must give a counterexample for max/min
	alphasOutMax = []float32{0, f32(0x80000000), -0.01, -1, f32(0x3f800001), 2, float32(math.Inf(1)), float32(math.NaN())}
	alphasOutMin = []float32{f32(0x3f7fffff), 0.5, 0, -1, float32(math.Inf(1)), float32(math.NaN())}
)

func classAlphas(c candidate) []float32 {
	switch c.exact {
	case "0 < alpha <= 1":
		return alphasMax
	case "1 <= alpha < +Inf":
		return alphasMin
	}
	return alphasAll
}

func outAlphas(c candidate) []float32 {
	switch c.exact {
	case "0 < alpha <= 1":
		return alphasOutMax
	case "1 <= alpha < +Inf":
		return alphasOutMin
	}
	return nil
}

// specials: the interesting bit patterns, for the strided sweeps.
var specials = []uint32{0, 0x80000000, 1, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000,
	0x3f800000, 0xbf800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7f800001, 0xff800001,
	0x7fbfffff, 0xffbfffff, 0x7fc00000, 0xffc00000, 0x7fc00001, 0xffc00001, 0x7fffffff, 0xffffffff}

// gradOf gives the grad that goes with x's bits: a bijection, so an
// exhaustive sweep over x also meets every grad value (sNaNs included).
func gradOf(xb uint32) uint32 { return bits.RotateLeft32(xb, 16) ^ 0x00400000 }

// check runs c over xs (len a multiple of 128) and returns the first
// mismatch against the contract, as text, or "".
func check(c candidate, xs []uint32, alpha float32, dst, src, grad []float32) string {
	n := len(xs)
	src, dst, grad = src[:n], dst[:n], grad[:n]
	for i, b := range xs {
		src[i] = f32(b)
		grad[i] = f32(gradOf(b))
	}
	switch f := c.f.(type) {
	case func(dst, src []float32, alpha float32):
		f(dst, src, alpha)
		for i := range dst {
			want := refFwd(c.kernel, src[i], alpha)
			if math.Float32bits(dst[i]) != math.Float32bits(want) {
				return fmt.Sprintf("x=%#08x alpha=%#08x: got %#08x want %#08x", xs[i], math.Float32bits(alpha),
					math.Float32bits(dst[i]), math.Float32bits(want))
			}
		}
	case func(dst, grad, x []float32, alpha float32):
		f(dst, grad, src, alpha)
		for i := range dst {
			want := refGrad(c.kernel, grad[i], src[i], alpha)
			if math.Float32bits(dst[i]) != math.Float32bits(want) {
				return fmt.Sprintf("x=%#08x g=%#08x alpha=%#08x: got %#08x want %#08x", xs[i], gradOf(xs[i]),
					math.Float32bits(alpha), math.Float32bits(dst[i]), math.Float32bits(want))
			}
		}
	default:
		panic(c.name)
	}
	return ""
}

func hasAVX512() bool {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Contains(string(b), " avx512f")
}

func runnable(c candidate) bool { return c.isa == "avx2" || hasAVX512() }

// strided: the specials plus every 4099th bit pattern (about 1M values).
func stridedInputs() []uint32 {
	xs := append([]uint32(nil), specials...)
	for b := uint64(0); b < 1<<32; b += 4099 {
		xs = append(xs, uint32(b))
	}
	for len(xs)%128 != 0 {
		xs = append(xs, 0x7f800001)
	}
	return xs
}

// TestStrided: every exact candidate matches the contract for every alpha of
// its class, on the specials and a strided sweep; every inexact one, and
// every alpha-limited one outside its class, shows a counterexample.
func TestStrided(t *testing.T) {
	xs := stridedInputs()
	n := len(xs)
	dst, src, grad := make([]float32, n), make([]float32, n), make([]float32, n)
	for _, c := range candidates {
		if !runnable(c) || c.kernel == "Copy" {
			continue
		}
		if strings.HasPrefix(c.exact, "no") {
			bad := check(c, xs, 0.01, dst, src, grad)
			if bad == "" {
				t.Errorf("%s: said inexact, found no counterexample", c.name)
			} else {
				t.Logf("%s (inexact, as said): %s", c.name, bad)
			}
			continue
		}
		for _, a := range classAlphas(c) {
			if bad := check(c, xs, a, dst, src, grad); bad != "" {
				t.Errorf("%s: %s", c.name, bad)
			}
		}
		for _, a := range outAlphas(c) {
			bad := check(c, xs, a, dst, src, grad)
			if bad == "" {
				t.Errorf("%s: alpha %v outside its class, yet no counterexample", c.name, a)
			} else {
				t.Logf("%s outside its class: %s", c.name, bad)
			}
		}
	}
}

// TestExhaustive (MCA_EXHAUSTIVE=name1,name2 or all): every one of the 2^32
// x bit patterns (and, for the gradients, every grad value once, by gradOf)
// for every alpha of the candidate's class, on the real instructions.
func TestExhaustive(t *testing.T) {
	sel := os.Getenv("MCA_EXHAUSTIVE")
	if sel == "" {
		t.Skip("MCA_EXHAUSTIVE not set")
	}
	for _, c := range candidates {
		if !runnable(c) || c.kernel == "Copy" || strings.HasPrefix(c.exact, "no") {
			continue
		}
		if sel != "all" && !strings.Contains(","+sel+",", ","+c.name+",") {
			continue
		}
		alphas := classAlphas(c)
		if os.Getenv("MCA_EXHAUSTIVE_ALPHAS") == "short" { // the ends of each class and a typical value
			switch c.exact {
			case "0 < alpha <= 1":
				alphas = []float32{f32(1), f32(0x007fffff), 0.01, 0.2, f32(0x3f7fffff), 1}
			case "1 <= alpha < +Inf":
				alphas = []float32{1, f32(0x3f800001), 1.5, math.MaxFloat32}
			default:
				alphas = []float32{0.01, 1, -0.5, 0, float32(math.Inf(1))}
			}
		}
		if c.kernel == "ReLU" || c.kernel == "ReLUGrad" {
			alphas = alphas[:1]
		}
		for _, a := range alphas {
			const chunk = 1 << 16
			workers := runtime.GOMAXPROCS(0)
			var mu sync.Mutex
			var first string
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					xs := make([]uint32, chunk)
					dst, src, grad := make([]float32, chunk), make([]float32, chunk), make([]float32, chunk)
					ref := make([]float32, chunk)
					for hi := uint32(w); hi < 1<<16; hi += uint32(workers) {
						for lo := range xs {
							xs[lo] = hi<<16 | uint32(lo)
						}
						if fastEqual(c, xs, a, dst, ref, src, grad) {
							continue
						}
						if bad := check(c, xs, a, dst, src, grad); bad != "" {
							mu.Lock()
							if first == "" {
								first = bad
							}
							mu.Unlock()
							return
						}
					}
				}(w)
			}
			wg.Wait()
			if first != "" {
				t.Errorf("%s: %s", c.name, first)
			} else {
				t.Logf("%s alpha=%g (%#08x): all 2^32 x exact", c.name, a, math.Float32bits(a))
			}
		}
	}
}

// fastEqual runs c and the library's public function (itself checked bit for
// bit against an independent reference over all 2^32 inputs by the repo's
// sweep test) on the same inputs and compares the outputs as words. On a
// difference the caller re-checks against the scalar contract (check), which
// is the judge.
func fastEqual(c candidate, xs []uint32, alpha float32, dst, ref, src, grad []float32) bool {
	for i, b := range xs {
		src[i] = f32(b)
		grad[i] = f32(gradOf(b))
	}
	switch f := c.f.(type) {
	case func(dst, src []float32, alpha float32):
		f(dst, src, alpha)
		if c.kernel == "ReLU" {
			kernels.ReLU(ref, src)
		} else {
			kernels.LeakyReLU(ref, src, alpha)
		}
	case func(dst, grad, x []float32, alpha float32):
		f(dst, grad, src, alpha)
		if c.kernel == "ReLUGrad" {
			kernels.ReLUGrad(ref, grad, src)
		} else {
			kernels.LeakyReLUGrad(ref, grad, src, alpha)
		}
	}
	n := len(xs) / 2
	a := unsafe.Slice((*uint64)(unsafe.Pointer(&dst[0])), n)
	b := unsafe.Slice((*uint64)(unsafe.Pointer(&ref[0])), n)
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
