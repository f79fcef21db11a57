package rounded

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/fastrelu/fastrelu/internal/oracle"
)

// coreErrorLimit is what TestCoreErrors allows the double-double cores: the
// file comments argue for about 2^-57 relative; the limit leaves a margin
// but still fails long before the cores would threaten the float32
// rounding.
const coreErrorLimit = 0x1p-55

// ddRelError returns |(hi+lo) - exact| / |exact|.
func ddRelError(hi, lo float64, exact *big.Float) float64 {
	v := new(big.Float).SetPrec(300).SetFloat64(hi)
	v.Add(v, new(big.Float).SetFloat64(lo))
	v.Sub(v, exact)
	v.Quo(v, exact)
	r, _ := v.Float64()
	return math.Abs(r)
}

// TestCoreErrors measures the relative error of the double-double cores
// (expDD, expm1DD, expm1DDPair, log1pDD, sigmoidDD, and GELU's normalTail
// and geluNearZero) against math/big on random arguments, wide and near zero. The exhaustive TestProve is what proves
// the kernels; this test shows, cheaply, that the cores keep the accuracy
// their comments claim, which is the margin that made an exception table
// unnecessary.
func TestCoreErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(57, 18))
	n := 4000
	if testing.Short() {
		n = 400
	}
	arg := func() float64 {
		if rng.IntN(2) == 0 {
			return rng.Float64()*400 - 200
		}
		return (rng.Float64()*2 - 1) * math.Ldexp(1, -rng.IntN(60))
	}
	big64 := func(x float64) *big.Float { return new(big.Float).SetFloat64(x) }
	cores := []struct {
		name  string
		arg   func() float64
		dd    func(float64) (float64, float64)
		exact func(*big.Float, uint) *big.Float
	}{
		{"expDD", arg, expDD, oracle.ExpBig},
		{"expm1DD", arg, expm1DD, oracle.Expm1Big},
		{"sigmoidDD", arg, sigmoidDD, oracle.SigmoidBig},
		{"log1pDD", func() float64 { return math.Abs(arg()) / 200 },
			func(u float64) (float64, float64) { return log1pDD(u, 0) }, oracle.Log1pBig},
		// float32 arguments, as GELU passes them: their squares are exact.
		{"normalTail", func() float64 { return float64(float32(1 + rng.Float64()*(geluTailLimit-1))) },
			normalTail, oracle.NormalTailBig},
		{"geluNearZero", func() float64 { return float64(float32(arg() / 200)) },
			geluNearZero, oracle.GELUBig},
		// A lo part of a quarter ulp, as GELUTanh's double-double argument
		// has; the exact value is taken at hi+lo.
		{"expm1DDPair", arg,
			func(x float64) (float64, float64) { return expm1DDPair(x, x*0x1p-54) },
			func(a *big.Float, prec uint) *big.Float {
				x, _ := a.Float64()
				sum := new(big.Float).SetPrec(200).Add(a, big64(x*0x1p-54))
				return oracle.Expm1Big(sum, prec)
			}},
	}
	for _, c := range cores {
		worst := 0.0
		for i := 0; i < n; i++ {
			x := c.arg()
			if x == 0 {
				continue
			}
			hi, lo := c.dd(x)
			worst = math.Max(worst, ddRelError(hi, lo, c.exact(big64(x), 160)))
		}
		t.Logf("%s: worst relative error 2^%.2f", c.name, math.Log2(worst))
		if worst > coreErrorLimit {
			t.Errorf("%s: relative error 2^%.2f above 2^%.0f", c.name, math.Log2(worst), math.Log2(coreErrorLimit))
		}
	}
}
