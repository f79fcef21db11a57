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
		"Softplus": Softplus, "SiLU": SiLU, "Mish": Mish, "GELU": GELU,
		"GELUTanh": GELUTanh, "Exp": Exp, "SiLUDerivative": SiLUDerivative,
		"GELUDerivative": GELUDerivative, "GELUTanhDerivative": GELUTanhDerivative,
		"MishDerivative": MishDerivative,
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
// a factor of four of the bound the oracle relies on (floatBound, or the
// function's own bound at that input).
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
			if math.Abs(v) < 0x1p-1000 { // underflowed: decideFloat's absolute argument, not the bound, covers it
				continue
			}
			exact := fn.big(new(big.Float).SetFloat64(float64(x)), 120)
			if exact.Sign() == 0 {
				continue
			}
			e, _ := exact.Float64()
			if math.Abs(e) < 0x1p-1000 { // a float64 subnormal: rounds to 0 as float32 anyway
				continue
			}
			d := relDiff(new(big.Float).SetFloat64(v), exact)
			worst = math.Max(worst, d/fn.relBound(float64(x)))
		}
		t.Logf("%s: worst float64 relative error 2^%.2f of its bound", name, math.Log2(worst))
		if worst > 0.25 {
			t.Errorf("%s: float64 error 2^%.2f of the bound, too close", name, math.Log2(worst))
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

// erfcContinuedFraction returns erfc(z) for z > 0 from Laplace's continued
// fraction
//
//	erfc(z) = e^(-z^2)/sqrt(pi) * 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))),
//
// evaluated from depth terms up, at precision prec: a second way to the
// value, independent of the series bigErfc sums.
func erfcContinuedFraction(z *big.Float, depth int, prec uint) *big.Float {
	tail := newFloat(prec).Set(z)
	for k := depth; k >= 1; k-- {
		num := newFloat(prec).SetMantExp(newFloat(prec).SetInt64(int64(k)), -1)
		tail.Quo(num, tail)
		tail.Add(tail, z)
	}
	z2 := newFloat(prec).Mul(z, z)
	v := bigExp(z2.Neg(z2), prec)
	v.Quo(v, tail)
	return v.Quo(v, newFloat(prec).Sqrt(bigPi(prec)))
}

// TestErfcTwoWays compares bigErfc (series, with the cancellation paid for in
// precision) with the continued fraction where that converges fast, z from 2
// to 11, which covers gelu's negative tail down to below -15.
func TestErfcTwoWays(t *testing.T) {
	for z := 2.0; z <= 11; z += 0.3717 {
		zb := new(big.Float).SetFloat64(z)
		series := bigErfc(zb, 200)
		cf := erfcContinuedFraction(zb, 4000, 400)
		if d := relDiff(series, cf); d > 0x1p-200 {
			t.Errorf("erfc(%g): series and continued fraction differ by %g relative", z, d)
		}
	}
}

// TestPi checks bigPi against the digits of pi.
func TestPi(t *testing.T) {
	const digits = "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196"
	want, _, err := big.ParseFloat(digits, 10, 700, big.ToNearestEven)
	if err != nil {
		t.Fatal(err)
	}
	if d := relDiff(bigPi(600), want); d > 1e-195 {
		t.Errorf("bigPi differs from pi by %g relative", d)
	}
}

// TestRoundIn checks the formats' rounding: float32's format gives the
// float32 functions' values (proven against mpmath), and the 16-bit formats
// give, for every function, the rounding of the float32 value wherever
// that is not a midpoint of theirs, on a sample of inputs.
func TestRoundIn(t *testing.T) {
	f32 := Format{8, 23}
	narrow := map[string]Format{"bfloat16": {8, 7}, "float16": {5, 10}}
	scalar := map[string]func(float32, *Stats) float32{
		"Sigmoid": Sigmoid, "Tanh": Tanh, "SiLU": SiLU, "GELU": GELU, "GELUTanh": GELUTanh,
		"Softplus": Softplus, "Mish": Mish, "Exp": Exp, "Expm1": Expm1,
		"SiLUDerivative": SiLUDerivative, "GELUDerivative": GELUDerivative,
		"GELUTanhDerivative": GELUTanhDerivative, "MishDerivative": MishDerivative,
	}
	if len(scalar) != len(functions) {
		t.Fatalf("%d functions, %d checked", len(functions), len(scalar))
	}
	step := uint32(65537)
	if testing.Short() {
		step = 1<<20 + 7
	}
	for name, fn := range scalar {
		for u := uint64(0); u < 1<<32; u += uint64(step) {
			x := math.Float32frombits(uint32(u))
			want := fn(x, nil)
			if got := RoundIn(name, f32, x, nil); !same(got, float64(want)) && want == want {
				t.Fatalf("%s(%g) in float32's format = %g, the float32 function gives %g", name, x, got, want)
			}
			for fname, f := range narrow {
				if want != want || isMidpoint(f, float64(want)) {
					continue
				}
				if got, w := RoundIn(name, f, x, nil), f.round(float64(want)); !same(got, w) {
					t.Fatalf("%s(%g) in %s = %g, the float32 value %g rounds to %g", name, x, fname, got, want, w)
				}
			}
		}
	}
}

// isMidpoint reports whether v lies halfway between two adjacent values of f.
func isMidpoint(f Format, v float64) bool {
	if v == 0 || math.IsInf(v, 0) {
		return false
	}
	_, e := math.Frexp(v)
	q := max(e-1, f.minExp()) - f.FracBits
	s := math.Abs(math.Ldexp(v, -q))
	return s-math.Floor(s) == 0.5
}

// TestRoundBig checks that roundBig rounds as round does, ties, subnormals
// and overflow included.
func TestRoundBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, f := range []Format{{8, 7}, {5, 10}, {8, 23}} {
		for i := range 200000 {
			v := math.Ldexp(rng.Float64()+0.5, rng.IntN(300)-170)
			if i%3 == 0 {
				// A value of f, a midpoint of it, or one spacing off.
				v = f.round(v) + math.Ldexp(1, max(int(math.Logb(v)), f.minExp())-f.FracBits-1)*float64(i%5-2)
			}
			if i%2 == 1 {
				v = -v
			}
			if got, want := f.roundBig(new(big.Float).SetFloat64(v)), f.round(v); !same(got, want) {
				t.Fatalf("format %v: roundBig(%g) = %g, round gives %g", f, v, got, want)
			}
		}
	}
}

func BenchmarkDouble(b *testing.B) {
	for _, name := range []string{"Exp", "Expm1", "Sigmoid", "Tanh", "SiLU", "Softplus", "Mish", "GELUTanh", "GELU",
		"SiLUDerivative", "MishDerivative", "GELUTanhDerivative", "GELUDerivative"} {
		b.Run(name, func(b *testing.B) {
			xs := make([]float64, 4096)
			for i := range xs {
				xs[i] = float64(i)/4096*60 - 30
			}
			Double(name, 1)
			b.ResetTimer()
			for range b.N {
				for _, x := range xs {
					Double(name, x)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/x")
		})
	}
}
