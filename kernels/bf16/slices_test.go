package bf16

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// testInputs returns n float32 values drawn from the specials and from
// random bit patterns, the same ones every run.
func testInputs(n int) []float32 {
	sp := specials()
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

func TestSlices(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 41 {
		src := testInputs(n)
		b := make([]Bits, n)
		FromFloat32s(b, src)
		for i, x := range src {
			if want := FromFloat32(x); b[i] != want {
				t.Errorf("n=%d: FromFloat32s: [%d] = %#04x, want %#04x", n, i, uint16(b[i]), uint16(want))
			}
		}
		for i := range b {
			b[i] = Bits(r.Uint32())
		}
		y := make([]float32, n)
		ToFloat32s(y, b)
		for i, v := range b {
			if got, want := math.Float32bits(y[i]), math.Float32bits(v.Float32()); got != want {
				t.Errorf("n=%d: ToFloat32s: [%d] = %#08x, want %#08x", n, i, got, want)
			}
		}
	}
}

func TestSlicesLengthPanic(t *testing.T) {
	want := func(fn string, d, s int) string {
		return pkgName + "." + fn + ": len(dst)=" + strconv.Itoa(d) + ", len(src)=" + strconv.Itoa(s) +
			": all slices must have the same length"
	}
	for _, c := range [][2]int{{3, 4}, {4, 3}, {0, 1}, {1, 0}} {
		d, s := c[0], c[1]
		expectPanic(t, want("FromFloat32s", d, s), func() { FromFloat32s(make([]Bits, d), make([]float32, s)) })
		expectPanic(t, want("ToFloat32s", d, s), func() { ToFloat32s(make([]float32, d), make([]Bits, s)) })
	}
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

func TestSlicesAllocs(t *testing.T) {
	x := testInputs(100)
	b := make([]Bits, len(x))
	if n := testing.AllocsPerRun(100, func() { FromFloat32s(b, x) }); n != 0 {
		t.Errorf("FromFloat32s: %v allocations per call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { ToFloat32s(x, b) }); n != 0 {
		t.Errorf("ToFloat32s: %v allocations per call, want 0", n)
	}
}

// The benchmark inputs are normal-distributed, as weights and activations
// mostly are; SetBytes counts the bytes read and written, 6 per element.
const benchN = 4096

func benchInputs() []float32 {
	r := rand.New(rand.NewPCG(3, 4))
	x := make([]float32, benchN)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	return x
}

func BenchmarkFromFloat32s(b *testing.B) {
	x := benchInputs()
	d := make([]Bits, benchN)
	b.SetBytes(6 * benchN)
	for b.Loop() {
		FromFloat32s(d, x)
	}
}

func BenchmarkToFloat32s(b *testing.B) {
	s := make([]Bits, benchN)
	FromFloat32s(s, benchInputs())
	y := make([]float32, benchN)
	b.SetBytes(6 * benchN)
	for b.Loop() {
		ToFloat32s(y, s)
	}
}
