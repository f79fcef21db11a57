package rounded

import (
	"math"
	"math/rand/v2"
	"testing"
)

// benchInputs returns n inputs spread over the range where the functions
// are not yet at their limits, with a seeded generator so runs compare.
func benchInputs(n int) []float32 {
	rng := rand.New(rand.NewPCG(18, 4096))
	xs := make([]float32, n)
	for i := range xs {
		xs[i] = float32(rng.Float64()*40 - 20)
	}
	return xs
}

var benchSink float32

// benchmarkSlice reports ns/element for f over a slice of 4096 inputs.
func benchmarkSlice(b *testing.B, f func(float32) float32) {
	xs := benchInputs(4096)
	out := make([]float32, len(xs))
	b.SetBytes(int64(4 * len(xs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, x := range xs {
			out[j] = f(x)
		}
	}
	b.StopTimer()
	benchSink = out[len(out)-1]
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/element")
}

// BenchmarkRounded runs each function of the package, float64 path and
// fallback together.
func BenchmarkRounded(b *testing.B) {
	for _, fn := range provedFuncs {
		b.Run(fn.name, func(b *testing.B) { benchmarkSlice(b, fn.kernel) })
	}
}

// BenchmarkDoubleDouble runs each function's double-double evaluation on
// every input, which is what the function cost before its float64 path.
func BenchmarkDoubleDouble(b *testing.B) {
	for _, p := range float64Paths {
		b.Run(p.name, func(b *testing.B) { benchmarkSlice(b, p.doubleDouble) })
	}
}

// BenchmarkMath computes the functions through package math in float64
// and rounds once: not correctly rounded, but the cost a caller would
// otherwise pay, for comparison.
func BenchmarkMath(b *testing.B) {
	softplus := func(x float64) float64 { return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) }
	for _, m := range []struct {
		name string
		f    func(x float64) float64
	}{
		{"Sigmoid", func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }},
		{"Tanh", math.Tanh},
		{"Expm1", math.Expm1},
		{"Softplus", softplus},
		{"SiLU", func(x float64) float64 { return x / (1 + math.Exp(-x)) }},
		{"Mish", func(x float64) float64 { return x * math.Tanh(softplus(x)) }},
		{"GELU", func(x float64) float64 { return 0.5 * x * math.Erfc(-x*math.Sqrt2/2) }},
		{"GELUTanh", func(x float64) float64 {
			u := math.Sqrt(2/math.Pi) * (x + 0.044715*x*x*x)
			return 0.5 * x * (1 + math.Tanh(u))
		}},
		{"Exp", math.Exp},
	} {
		b.Run(m.name, func(b *testing.B) {
			benchmarkSlice(b, func(x float32) float32 { return float32(m.f(float64(x))) })
		})
	}
}
