package lanemath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestFloat64Ops checks the float64 forms against math/big (FMA64, rounded
// once to float64) and against Go's own operators (Sub64, Div64: one IEEE
// operation each).
func TestFloat64Ops(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	finite := func() float64 {
		for {
			f := math.Float64frombits(rng.Uint64())
			if !math.IsNaN(f) && !math.IsInf(f, 0) {
				return f
			}
		}
	}
	for i := 0; i < 1<<16; i++ {
		a, b := finite(), finite()
		c := -a * b * (1 + 0x1p-52*float64(rng.IntN(3)-1))
		if i%2 == 0 {
			c = finite()
		}
		if got, want := Sub64(a, b), a-b; got != want {
			t.Fatalf("Sub64(%g, %g) = %g, want %g", a, b, got, want)
		}
		if got, want := Add64(a, b), a+b; got != want {
			t.Fatalf("Add64(%g, %g) = %g, want %g", a, b, got, want)
		}
		if got, want := Mul64(a, b), a*b; got != want {
			t.Fatalf("Mul64(%g, %g) = %g, want %g", a, b, got, want)
		}
		if got, want := Div64(a, b), a/b; got != want && !(got != got && want != want) {
			t.Fatalf("Div64(%g, %g) = %g, want %g", a, b, got, want)
		}
		x := new(big.Float).SetPrec(2200).SetFloat64(a)
		x.Mul(x, new(big.Float).SetFloat64(b))
		x.Add(x, new(big.Float).SetFloat64(c))
		want, _ := x.Float64()
		if x.Sign() == 0 || math.IsInf(want, 0) {
			continue
		}
		if got := FMA64(a, b, c); got != want {
			t.Fatalf("FMA64(%g, %g, %g) = %g, want %g", a, b, c, got, want)
		}
	}
}

// TestFMAInfinities: an infinite addend wins over a finite product, even
// one too large for its type, and infinite operands follow IEEE.
func TestFMAInfinities(t *testing.T) {
	inf := math.Inf(1)
	if got := FMA64(1e300, 1e300, -inf); got != -inf {
		t.Errorf("FMA64(1e300, 1e300, -Inf) = %g, want -Inf", got)
	}
	if got := FMA32(float32(3e38), 10, float32(-inf)); !math.IsInf(float64(got), -1) {
		t.Errorf("FMA32(3e38, 10, -Inf) = %g, want -Inf", got)
	}
	if got := FMA64(inf, 2, 1); got != inf {
		t.Errorf("FMA64(Inf, 2, 1) = %g", got)
	}
	if got := FMA64(inf, 0, 1); got == got {
		t.Errorf("FMA64(Inf, 0, 1) = %g, want NaN", got)
	}
	if got := FMA64(inf, 1, -inf); got == got {
		t.Errorf("FMA64(Inf, 1, -Inf) = %g, want NaN", got)
	}
}

// TestWidenNarrow: numbers round trip exactly and narrow as Go's
// conversion does; NaNs keep their sign and the top of their payload,
// quieted.
func TestWidenNarrow(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := 0; i < 1<<16; i++ {
		f := math.Float32frombits(rng.Uint32())
		w := Widen(f)
		if f == f {
			if w != float64(f) || math.Float32bits(Narrow(w)) != math.Float32bits(f) {
				t.Fatalf("%#08x: widened %g, back %#08x", math.Float32bits(f), w, math.Float32bits(Narrow(w)))
			}
			d := math.Float64frombits(rng.Uint64())
			if d == d && math.Float32bits(Narrow(d)) != math.Float32bits(float32(d)) {
				t.Fatalf("Narrow(%g) = %g, want %g", d, Narrow(d), float32(d))
			}
			continue
		}
		if got, want := math.Float32bits(Narrow(w)), math.Float32bits(f)|1<<22; got != want {
			t.Fatalf("NaN %#08x: back %#08x, want %#08x", math.Float32bits(f), got, want)
		}
	}
	if got := math.Float64bits(Widen(math.Float32frombits(0xff800001))); got != 0xfff8000020000000 {
		t.Errorf("Widen(0xff800001) = %#016x", got)
	}
	if got := math.Float32bits(Narrow(math.Float64frombits(0x7ff0000000000001))); got != 0x7fc00000 {
		t.Errorf("Narrow(0x7ff0000000000001) = %#08x, want 0x7fc00000 (the payload's top bits are 0)", got)
	}
}
