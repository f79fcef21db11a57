package oracle

import (
	"bufio"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

var functions = map[string]*function{
	"Sigmoid":  &sigmoidFn,
	"Tanh":     &tanhFn,
	"Expm1":    &expm1Fn,
	"Softplus": &softplusFn,
	"SiLU":     &siluFn,
	"Mish":     &mishFn,
}

type reference struct {
	name  string
	x     float32
	value *big.Float
}

func readReferences(t *testing.T) []reference {
	t.Helper()
	f, err := os.Open("testdata/mpmath.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var refs []reference
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 {
			t.Fatalf("bad line %q", sc.Text())
		}
		b, err := strconv.ParseUint(fields[1], 16, 32)
		if err != nil {
			t.Fatal(err)
		}
		v, _, err := big.ParseFloat(fields[2], 10, 400, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, reference{fields[0], math.Float32frombits(uint32(b)), v})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return refs
}

// relDiff returns |a-b|/|b| as a float64.
func relDiff(a, b *big.Float) float64 {
	d := new(big.Float).SetPrec(400).Sub(a, b)
	d.Quo(d, b)
	r, _ := d.Float64()
	return math.Abs(r)
}

// TestBigAgainstMpmath checks the math/big evaluations against mpmath's
// values (60 significant digits) and the oracle's final float32 against the
// rounding of mpmath's value.
func TestBigAgainstMpmath(t *testing.T) {
	refs := readReferences(t)
	if len(refs) < 1000 {
		t.Fatalf("only %d reference values", len(refs))
	}
	public := map[string]func(float32, *Stats) float32{
		"Sigmoid": Sigmoid, "Tanh": Tanh, "Expm1": Expm1,
		"Softplus": Softplus, "SiLU": SiLU, "Mish": Mish,
	}
	for _, r := range refs {
		fn := functions[r.name]
		got := fn.big(new(big.Float).SetFloat64(float64(r.x)), 200)
		if d := relDiff(got, r.value); d > 1e-57 {
			t.Errorf("%s(%g): math/big differs from mpmath by %g relative", r.name, r.x, d)
		}
		want, _ := r.value.Float32()
		if o := public[r.name](r.x, nil); math.Float32bits(o) != math.Float32bits(want) {
			t.Errorf("%s(%g) = %g (%#08x), mpmath rounds to %g (%#08x)", r.name, r.x,
				o, math.Float32bits(o), want, math.Float32bits(want))
		}
	}
}

// TestFloat64Bound measures the error of the float64 evaluations against
// math/big on random inputs and on the tails, and fails if any comes within
// a factor of four of floatBound, the bound the oracle relies on.
func TestFloat64Bound(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2026))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for name, fn := range functions {
		worst := 0.0
		for i := 0; i < n; i++ {
			var x float32
			switch i % 3 {
			case 0: // any finite bit pattern of modest size
				x = math.Float32frombits(rng.Uint32())
				if x != x || math.Abs(float64(x)) > 120 {
					continue
				}
			case 1: // the interesting range
				x = float32(rng.Float64()*240 - 120)
			case 2: // near zero
				x = float32((rng.Float64()*2 - 1) * math.Ldexp(1, -rng.IntN(40)))
			}
			if _, ok := fn.special(x); ok {
				continue
			}
			v := fn.float64(float64(x))
			exact := fn.big(new(big.Float).SetFloat64(float64(x)), 120)
			if exact.Sign() == 0 {
				continue
			}
			e, _ := exact.Float64()
			if math.Abs(e) < 0x1p-1000 { // a float64 subnormal: rounds to 0 as float32 anyway
				continue
			}
			d := relDiff(new(big.Float).SetFloat64(v), exact)
			worst = math.Max(worst, d)
		}
		t.Logf("%s: worst float64 relative error %.3g = 2^%.2f (bound 2^%.0f)", name, worst, math.Log2(worst), math.Log2(floatBound))
		if worst > floatBound/4 {
			t.Errorf("%s: float64 error 2^%.2f too close to the bound", name, math.Log2(worst))
		}
	}
}

// TestBigFloat32Rounding checks that big.Float.Float32 rounds like the
// hardware conversion from float64, subnormals and overflow included.
func TestBigFloat32Rounding(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		v := math.Ldexp(rng.Float64()+0.5, rng.IntN(300)-170)
		if i%2 == 1 {
			v = -v
		}
		got, _ := new(big.Float).SetFloat64(v).Float32()
		if math.Float32bits(got) != math.Float32bits(float32(v)) {
			t.Fatalf("big.Float(%g).Float32() = %g, float32 conversion gives %g", v, got, float32(v))
		}
	}
}
