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

// The Math variants compute the same functions through package math in
// float64 and round once: not correctly rounded, but the cost a caller
// would otherwise pay, for comparison.

func BenchmarkSigmoid(b *testing.B) { benchmarkSlice(b, Sigmoid) }
func BenchmarkSigmoidMath(b *testing.B) {
	benchmarkSlice(b, func(x float32) float32 { return float32(1 / (1 + math.Exp(-float64(x)))) })
}

func BenchmarkTanh(b *testing.B) { benchmarkSlice(b, Tanh) }
func BenchmarkTanhMath(b *testing.B) {
	benchmarkSlice(b, func(x float32) float32 { return float32(math.Tanh(float64(x))) })
}

func BenchmarkExpm1(b *testing.B) { benchmarkSlice(b, Expm1) }
func BenchmarkExpm1Math(b *testing.B) {
	benchmarkSlice(b, func(x float32) float32 { return float32(math.Expm1(float64(x))) })
}

func BenchmarkSoftplus(b *testing.B) { benchmarkSlice(b, Softplus) }
func BenchmarkSoftplusMath(b *testing.B) {
	benchmarkSlice(b, func(x float32) float32 {
		xf := float64(x)
		return float32(math.Max(xf, 0) + math.Log1p(math.Exp(-math.Abs(xf))))
	})
}

func BenchmarkSiLU(b *testing.B) { benchmarkSlice(b, SiLU) }
func BenchmarkSiLUMath(b *testing.B) {
	benchmarkSlice(b, func(x float32) float32 {
		xf := float64(x)
		return float32(xf / (1 + math.Exp(-xf)))
	})
}

func BenchmarkMish(b *testing.B) { benchmarkSlice(b, Mish) }
func BenchmarkMishMath(b *testing.B) {
	benchmarkSlice(b, func(x float32) float32 {
		xf := float64(x)
		sp := math.Max(xf, 0) + math.Log1p(math.Exp(-math.Abs(xf)))
		return float32(xf * math.Tanh(sp))
	})
}

func BenchmarkGELU(b *testing.B) { benchmarkSlice(b, GELU) }
func BenchmarkGELUMath(b *testing.B) {
	benchmarkSlice(b, func(x float32) float32 {
		xf := float64(x)
		return float32(0.5 * xf * math.Erfc(-xf*math.Sqrt2/2))
	})
}

func BenchmarkGELUTanh(b *testing.B) { benchmarkSlice(b, GELUTanh) }
func BenchmarkGELUTanhMath(b *testing.B) {
	benchmarkSlice(b, func(x float32) float32 {
		xf := float64(x)
		u := math.Sqrt(2/math.Pi) * (xf + 0.044715*xf*xf*xf)
		return float32(0.5 * xf * (1 + math.Tanh(u)))
	})
}

// BenchmarkDoubleDouble runs each function's double-double evaluation on
// every input, which is what the function cost before its float64 path.
func BenchmarkDoubleDouble(b *testing.B) {
	for _, p := range float64Paths {
		b.Run(p.name, func(b *testing.B) { benchmarkSlice(b, p.doubleDouble) })
	}
}
