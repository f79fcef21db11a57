package lanemath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// randomFinite returns a finite float32 of random bits, often near the
// others' scale so that sums cancel.
func randomFinite(rng *rand.Rand) float32 {
	for {
		f := math.Float32frombits(rng.Uint32())
		if !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) {
			return f
		}
	}
}

// exactFMA is a*b+c rounded once to float32 by math/big (ok false for a
// zero result, whose sign big does not track as IEEE does).
func exactFMA(a, b, c float32) (float32, bool) {
	x := new(big.Float).SetPrec(400).SetFloat64(float64(a))
	y := new(big.Float).SetPrec(400).SetFloat64(float64(b))
	z := new(big.Float).SetPrec(400).SetFloat64(float64(c))
	r := new(big.Float).SetPrec(400).Mul(x, y)
	r.Add(r, z)
	if r.Sign() == 0 {
		return 0, false
	}
	f, _ := r.Float32()
	return f, true
}

// TestFMAAgainstBig checks FMA against math/big on random operands, and
// on products cancelled by an addend close to them, where rounding the
// float64 a*b+c to float32 again is wrong now and then.
func TestFMAAgainstBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 1 << 20
	if testing.Short() {
		n = 1 << 16
	}
	doubleRounded := 0
	for i := 0; i < n; i++ {
		a, b := randomFinite(rng), randomFinite(rng)
		var c float32
		switch i % 3 {
		case 0:
			c = randomFinite(rng)
		case 1: // a*b rounded, nudged: the sum is tiny and inexact
			c = -float32(a*b) * (1 + float32(rng.IntN(5)-2)*0x1p-23)
		case 2: // a*b a float32 tie (2^24+1 = 24929*673, scaled), c tiny
			e := rng.IntN(100) - 50
			a = float32(math.Ldexp(24929, e))
			b = float32(math.Ldexp(673, -e-rng.IntN(20)))
			c = float32(math.Ldexp(float64(a)*float64(b), -30-rng.IntN(60)))
			if rng.IntN(2) == 0 {
				c = -c
			}
		}
		want, ok := exactFMA(a, b, c)
		got := FMA32(a, b, c)
		if !ok {
			if got != 0 {
				t.Fatalf("FMA32(%g, %g, %g) = %g, want 0", a, b, c, got)
			}
			continue
		}
		if math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("FMA32(%#08x, %#08x, %#08x) = %#08x, want %#08x", math.Float32bits(a), math.Float32bits(b),
				math.Float32bits(c), math.Float32bits(got), math.Float32bits(want))
		}
		if float32(math.FMA(float64(a), float64(b), float64(c))) != want {
			doubleRounded++
		}
	}
	t.Logf("float32(math.FMA(...)) rounded twice wrongly %d times of %d", doubleRounded, n)
}

// TestFMAKnownDoubleRounding is a case where float32(math.FMA(a, b, c))
// is wrong: a*b+c = 1 + 2^-11 + 2^-24 + 2^-70, just above a float32 tie,
// which float64 rounds down onto the tie, which then goes to even.
func TestFMAKnownDoubleRounding(t *testing.T) {
	a := float32(1 + 0x1p-12)
	c := float32(0x1p-70)
	want := float32(1 + 0x1p-11 + 0x1p-23)
	if got := FMA32(a, a, c); got != want {
		t.Errorf("FMA = %x, want %x", got, want)
	}
	if twice := float32(math.FMA(float64(a), float64(a), float64(c))); twice == want {
		t.Errorf("float32(math.FMA) = %x: not a double-rounding case", twice)
	}
}

// TestFMAZeroSigns checks the signs of zero results and of exact
// cancellation.
func TestFMAZeroSigns(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	for _, c := range []struct{ a, b, c, want float32 }{
		{0, 1, 0, 0}, {negZero, 1, 0, 0}, {0, 1, negZero, 0}, {negZero, 1, negZero, negZero},
		{negZero, -1, negZero, 0}, {3, 5, -15, 0}, {-3, 5, 15, 0},
		{0x1p-100, 0x1p-100, 0, 0}, {-0x1p-100, 0x1p-100, 0, negZero},
	} {
		if got := FMA32(c.a, c.b, c.c); math.Float32bits(got) != math.Float32bits(c.want) {
			t.Errorf("FMA32(%g, %g, %g) = %#08x, want %#08x", c.a, c.b, c.c, math.Float32bits(got), math.Float32bits(c.want))
		}
	}
}

// TestSubDivAgainstFloat64: the float64 difference and quotient of two
// float32, rounded to float32, are correctly rounded (53 >= 2*24+2), so
// they are what Sub and Div must give for numbers.
func TestSubDivAgainstFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 1<<18; i++ {
		a, b := randomFinite(rng), randomFinite(rng)
		if got, want := Sub32(a, b), float32(float64(a)-float64(b)); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("Sub32(%g, %g) = %g, want %g", a, b, got, want)
		}
		if b == 0 {
			continue
		}
		if got, want := Div32(a, b), float32(float64(a)/float64(b)); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("Div32(%g, %g) = %g, want %g", a, b, got, want)
		}
	}
}

func TestRoundEvenAndToInt32(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	for _, c := range []struct {
		in, want float32
	}{
		{0.5, 0}, {1.5, 2}, {2.5, 2}, {-0.5, negZero}, {-0.2, negZero}, {-2.5, -2}, {0.49999997, 0},
		{8388607.5, 8388608}, {8388609, 8388609}, {negZero, negZero}, {float32(math.Inf(-1)), float32(math.Inf(-1))},
	} {
		if got := RoundEven(c.in); math.Float32bits(got) != math.Float32bits(c.want) {
			t.Errorf("RoundEven(%g) = %g, want %g", c.in, got, c.want)
		}
		if c.in > -(1<<31) && c.in < 1<<31 {
			if got := ToInt32(c.in); got != int32(c.want) {
				t.Errorf("ToInt32(%g) = %d, want %d", c.in, got, int32(c.want))
			}
		}
	}
	if got := RoundEven(math.Float32frombits(0x7f800001)); math.Float32bits(got) != 0x7fc00001 {
		t.Errorf("RoundEven(signaling NaN) = %#08x, want it quieted", math.Float32bits(got))
	}
	if got := ToInt32(-2147483648); got != math.MinInt32 {
		t.Errorf("ToInt32(-2^31) = %d", got)
	}
	if got := ToInt32(2147483520); got != 2147483520 {
		t.Errorf("ToInt32(2^31-128) = %d", got)
	}
}
