package rounded

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/fastrelu/fastrelu/internal/oracle"
)

// wideFunction is a binary64 function with what the test needs to know of
// it: its name in package oracle, the largest |x| the oracle is asked
// about, and the rounded limits beyond that, from where each function is
// its limit to far below an ulp.
type wideFunction struct {
	name     string
	fn       func(float64) float64
	reach    float64
	pos, neg func(x float64) float64 // the value beyond +reach and -reach
}

func constant(v float64) func(float64) float64 { return func(float64) float64 { return v } }

func identity(x float64) float64 { return x }

var negZero64 = math.Copysign(0, -1)

var wideFunctions = []wideFunction{
	{"Sigmoid", Sigmoid64, 1000, constant(1), constant(0)},
	{"Tanh", Tanh64, 1000, constant(1), constant(-1)},
	{"SiLU", SiLU64, 1000, identity, constant(negZero64)},
	{"Expm1", Expm1_64, 1000, constant(math.Inf(1)), constant(-1)},
	{"Exp", Exp64, 1000, constant(math.Inf(1)), constant(0)},
	{"Softplus", Softplus64, 1000, identity, constant(0)},
	{"Mish", Mish64, 1000, identity, constant(negZero64)},
	{"GELUTanh", GELUTanh64, 100, identity, constant(negZero64)},
	{"SiLUDerivative", SiLUDerivative64, 1000, constant(1), constant(negZero64)},
	{"MishDerivative", MishDerivative64, 1000, constant(1), constant(negZero64)},
	{"GELUTanhDerivative", GELUTanhDerivative64, 100, constant(1), constant(negZero64)},
	// The oracle's erfc costs time that grows with x^2: GELU's reach is
	// just past its tail's end.
	{"GELU", GELU64, 40, identity, constant(negZero64)},
	{"GELUDerivative", GELUDerivative64, 40, constant(1), constant(negZero64)},
}

// ulps returns |r - v| in units of the last place of v in float64 (2^-1074
// in the subnormals), and whether r is acceptable beyond that measure: a
// zero r must carry v's sign, and an infinite r needs |v| > MaxFloat64.
func ulps(r float64, v *big.Float) (float64, bool) {
	if math.IsInf(r, 0) {
		over := new(big.Float).Abs(v).Cmp(big.NewFloat(math.MaxFloat64)) > 0
		return 0, over && math.Signbit(r) == (v.Sign() < 0)
	}
	if v.Sign() == 0 {
		return math.Abs(r) / 0x1p-1074, true
	}
	if r == 0 && math.Signbit(r) != (v.Sign() < 0) {
		return 0, false
	}
	return ulpsBig(new(big.Float).SetFloat64(r), v), true
}

// filterTolerance is how far, in ulps of the result, the double-double
// filter (oracle.Double) may be from math/big wherever it vouches for its
// value: TestWideSampled trusts it that far.
const filterTolerance = 0x1p-20

// ulpsBig returns |s - v| in units of the last place of v in float64, v
// not zero.
func ulpsBig(s, v *big.Float) float64 {
	exp := max(v.MantExp(nil)-53, -1074)
	d := new(big.Float).SetPrec(2400).Sub(s, v)
	d.SetMantExp(d, -exp)
	e, _ := d.Float64()
	return math.Abs(e)
}

// wideTally is the worst error found for one function.
type wideTally struct {
	mu      sync.Mutex
	checked int
	worst   float64
	at      float64
	filter  float64 // the double-double filter's largest distance from math/big
	unsure  int     // inputs the filter did not vouch for
	bad     []string
}

func (t *wideTally) add(checked int, worst, at, filter float64, unsure int, bad []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.checked += checked
	t.filter = max(t.filter, filter)
	t.unsure += unsure
	if worst > t.worst {
		t.worst, t.at = worst, at
	}
	if len(t.bad) < 10 {
		t.bad = append(t.bad, bad...)
	}
}

// limit checks r = f(x) where x is a NaN or beyond f's reach, and reports
// whether it did: a NaN must come back quieted, and beyond the reach r
// must be the limit. bad is the failure, if any.
func (f *wideFunction) limit(x, r float64) (bad string, done bool) {
	if x != x {
		if math.Float64bits(r) != math.Float64bits(x)|1<<51 {
			return fmt.Sprintf("%s(%#x) = %#x, want the NaN quieted", f.name, math.Float64bits(x), math.Float64bits(r)), true
		}
		return "", true
	}
	if math.Abs(x) <= f.reach {
		return "", false
	}
	want := f.neg(x)
	if x > 0 {
		want = f.pos(x)
	}
	if math.Float64bits(r) != math.Float64bits(want) {
		return fmt.Sprintf("%s(%v) = %v, want %v", f.name, x, r, want), true
	}
	return "", true
}

// check measures f at every x of xs against the oracle.
func (f *wideFunction) check(xs []float64, tally *wideTally) {
	worst, at, filter, unsure := 0.0, 0.0, 0.0, 0
	var bad []string
	for _, x := range xs {
		r := f.fn(x)
		if b, done := f.limit(x, r); done {
			if b != "" {
				bad = append(bad, b)
			}
			continue
		}
		v := oracle.Big(f.name, new(big.Float).SetFloat64(x), 128)
		e, ok := ulps(r, v)
		if !ok || e > 1 {
			bad = append(bad, fmt.Sprintf("%s(%v) = %v (%x), exact %s: %.3f ulp", f.name, x, r, math.Float64bits(r), v.Text('g', 25), e))
		}
		if x != 0 {
			if s, sure := oracle.Double(f.name, x); sure {
				d := ulpsBig(s.Big(), v)
				if d > filterTolerance {
					bad = append(bad, fmt.Sprintf("%s(%v): the double-double filter gives %s, exact %s: %g ulp apart", f.name, x, s.Big().Text('g', 25), v.Text('g', 25), d))
				}
				filter = max(filter, d)
			} else {
				unsure++
			}
		}
		if e > worst {
			worst, at = e, x
		}
	}
	tally.add(len(xs), worst, at, filter, unsure, bad)
}

// wideClasses returns every binary exponent of both signs, subnormals
// included, with eight significands each (1, its successor, 1.5, the
// largest, and four random), the zeros, the infinities and NaNs.
func wideClasses(rng *rand.Rand) []float64 {
	xs := []float64{0, negZero64, math.Inf(1), math.Inf(-1), math.NaN(),
		math.Float64frombits(0x7ff0000000000001), math.Float64frombits(0xfff8000000000123)}
	for e := -1074; e <= 1023; e++ {
		ms := []float64{1, 1 + 0x1p-52, 1.5, 2 - 0x1p-52}
		for range 4 {
			ms = append(ms, 1+rng.Float64())
		}
		for _, m := range ms {
			x := math.Ldexp(m, e)
			if math.IsInf(x, 0) {
				continue
			}
			xs = append(xs, x, -x)
		}
	}
	return xs
}

// wideBoundaries returns the inputs around every threshold of the
// functions (clamps, the windows of the root series, the roots) and where
// the results leave float64's range, each with 64 neighbours a side, and a
// dense grid across each root's window.
func wideBoundaries() []float64 {
	points := []float64{
		1000, 760, 752, 745.1332191019411, 710, 709.782712893384, 708.3964185322641,
		100, 60, 40, 38.9, 38.6, 37, 29, 27, 25, 21.8, 21, 20, 19, 15, 8, 4.5, 2.5, 1, 0.5, 0.25, 0.125,
		0x1p-26, 0x1p-511, 0x1p-1022,
	}
	var xs []float64
	for _, p := range points {
		xs = append(xs, around(p, 64)...)
		xs = append(xs, around(-p, 64)...)
	}
	for _, s := range []*rootSeries{&siluDerivativeRoot, &mishDerivativeRoot, &geluTanhDerivativeRoot, &geluDerivativeRoot} {
		r := s.root[0]
		xs = append(xs, around(r, 256)...)
		xs = append(xs, around(r-rootWindow, 64)...)
		xs = append(xs, around(r+rootWindow, 64)...)
		for i := -2048; i <= 2048; i++ {
			xs = append(xs, r+float64(float64(i)*0x1p-13)) // [r-1/4, r+1/4]
		}
	}
	return xs
}

// around returns x and n of its float64 neighbours on each side.
func around(x float64, n int) []float64 {
	xs := []float64{x}
	up, down := x, x
	for range n {
		up, down = math.Nextafter(up, math.Inf(1)), math.Nextafter(down, math.Inf(-1))
		xs = append(xs, up, down)
	}
	return xs
}

// wideRandom returns n inputs, half of them random bit patterns (every
// exponent alike) and half uniform in [-800, 800], where the functions
// change.
func wideRandom(rng *rand.Rand, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		if i%2 == 0 {
			xs[i] = math.Float64frombits(rng.Uint64())
		} else {
			xs[i] = float64(1600*rng.Float64()) - 800 // not fused, on any GOARCH
		}
	}
	return xs
}

// wideInputs returns the inputs TestWide measures f on: the classes, the
// boundaries, and n random ones of f's own seed.
func wideInputs(f *wideFunction, n int) []float64 {
	xs := append(wideClasses(rand.New(rand.NewPCG(64, 1))), wideBoundaries()...)
	return append(xs, wideRandom(rand.New(rand.NewPCG(uint64(len(f.name)), 64)), n)...)
}

// wideRandomDefault is how many random inputs TestWide gives each function
// by default, and TestWideDigests always.
const wideRandomDefault = 1 << 14

// TestWide measures every binary64 function against the oracle (math/big,
// 128 bits) on the classes, the boundaries and random inputs, and fails
// on an error above 1 ulp, a wrong zero sign, an infinity where the value
// is finite, or a NaN not kept. FASTRELU_WIDE_RANDOM=n sets how many random
// inputs each function gets (default wideRandomDefault). It is skipped
// under -short (the emulators): the oracle's cost does not depend on the
// GOARCH, and TestWideDigests checks there that the functions give the
// bits this test measured.
func TestWide(t *testing.T) {
	if testing.Short() {
		t.Skip("the oracle is the same on every GOARCH; TestWideDigests checks the bits")
	}
	n := wideRandomDefault
	if s := os.Getenv("FASTRELU_WIDE_RANDOM"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("FASTRELU_WIDE_RANDOM=%q: %v", s, err)
		}
		n = v
	}
	for _, f := range wideFunctions {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			var tally wideTally
			var wg sync.WaitGroup
			work := make(chan []float64)
			for range runtime.GOMAXPROCS(0) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for xs := range work {
						f.check(xs, &tally)
					}
				}()
			}
			for xs := wideInputs(&f, n); len(xs) > 0; {
				c := min(len(xs), 4096)
				work <- xs[:c]
				xs = xs[c:]
			}
			close(work)
			wg.Wait()
			t.Logf("%s: %d inputs, max error %.4f ulp at %v (%#x); the filter within %.3g ulp of math/big, %d inputs left to math/big", f.name, tally.checked, tally.worst, tally.at, math.Float64bits(tally.at), tally.filter, tally.unsure)
			for _, b := range tally.bad {
				t.Error(b)
			}
		})
	}
}

// TestWideDigests checks that every binary64 function gives, on TestWide's
// default inputs, the outputs whose SHA-256 testdata/wide_digests.txt
// records: the bits TestWide measured, on whatever GOARCH this runs (a
// product fused into an FMA by one compiler would change them). With
// FASTRELU_WIDE_DIGESTS=write it writes the file instead, after a change
// that TestWide has measured.
func TestWideDigests(t *testing.T) {
	var b strings.Builder
	for _, f := range wideFunctions {
		h := sha256.New()
		for _, x := range wideInputs(&f, wideRandomDefault) {
			h.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(f.fn(x))))
		}
		fmt.Fprintf(&b, "%s %x\n", f.name, h.Sum(nil))
	}
	const file = "testdata/wide_digests.txt"
	if os.Getenv("FASTRELU_WIDE_DIGESTS") == "write" {
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("the binary64 functions' outputs differ from %s's (run TestWide, then FASTRELU_WIDE_DIGESTS=write):\n got:\n%s want:\n%s", file, got, want)
	}
}
