package halftest

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// SliceForms are a storage type's slice conversions.
type SliceForms[B ~uint16] struct {
	FromFloat32s func(dst []B, src []float32)
	ToFloat32s   func(dst []float32, src []B)
}

// CheckSlices checks the slice forms against the scalar ones at lengths
// 0..40, their panics on mismatched lengths (the message names the function
// and both lengths), and that they allocate nothing.
func CheckSlices[B ~uint16](t *testing.T, f Format, c Conversions, s SliceForms[B]) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 41 {
		src := inputs(f, n)
		b := make([]B, n)
		s.FromFloat32s(b, src)
		for i, x := range src {
			if want := c.FromFloat32(x); uint16(b[i]) != want {
				t.Errorf("n=%d: FromFloat32s: [%d] = %#04x, want %#04x", n, i, uint16(b[i]), want)
			}
		}
		for i := range b {
			b[i] = B(r.Uint32())
		}
		y := make([]float32, n)
		s.ToFloat32s(y, b)
		for i, v := range b {
			if got, want := math.Float32bits(y[i]), math.Float32bits(c.Float32(uint16(v))); got != want {
				t.Errorf("n=%d: ToFloat32s: [%d] = %#08x, want %#08x", n, i, got, want)
			}
		}
	}

	message := func(fn string, d, s int) string {
		return f.Name + "." + fn + ": len(dst)=" + strconv.Itoa(d) + ", len(src)=" + strconv.Itoa(s) +
			": all slices must have the same length"
	}
	for _, c := range [][2]int{{3, 4}, {4, 3}, {0, 1}, {1, 0}} {
		d, n := c[0], c[1]
		expectPanic(t, message("FromFloat32s", d, n), func() { s.FromFloat32s(make([]B, d), make([]float32, n)) })
		expectPanic(t, message("ToFloat32s", d, n), func() { s.ToFloat32s(make([]float32, d), make([]B, n)) })
	}

	x := inputs(f, 100)
	b := make([]B, len(x))
	if n := testing.AllocsPerRun(100, func() { s.FromFloat32s(b, x) }); n != 0 {
		t.Errorf("FromFloat32s: %v allocations per call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { s.ToFloat32s(x, b) }); n != 0 {
		t.Errorf("ToFloat32s: %v allocations per call, want 0", n)
	}
}

// inputs returns n float32 values drawn from the Specials and from random
// bit patterns, the same ones every run.
func inputs(f Format, n int) []float32 {
	sp := f.Specials()
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float32, n)
	for i := range x {
		if i%2 == 0 {
			x[i] = math.Float32frombits(sp[r.IntN(len(sp))])
		} else {
			x[i] = math.Float32frombits(r.Uint32())
		}
	}
	return x
}

func expectPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		if got := recover(); got != want {
			t.Errorf("panic %#v, want %q", got, want)
		}
	}()
	f()
}

// The benchmark inputs are normal-distributed, as weights and activations
// mostly are; SetBytes counts the bytes read and written, 6 per element.
const benchN = 4096

// Bench runs the benchmarks of the slice forms.
func Bench[B ~uint16](b *testing.B, s SliceForms[B]) {
	r := rand.New(rand.NewPCG(3, 4))
	x := make([]float32, benchN)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	h := make([]B, benchN)
	b.Run("FromFloat32s", func(b *testing.B) {
		b.SetBytes(6 * benchN)
		for b.Loop() {
			s.FromFloat32s(h, x)
		}
	})
	b.Run("ToFloat32s", func(b *testing.B) {
		b.SetBytes(6 * benchN)
		for b.Loop() {
			s.ToFloat32s(x, h)
		}
	})
}
