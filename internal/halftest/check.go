package halftest

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Conversions are a storage type's scalar functions, on its bits.
type Conversions struct {
	FromFloat32 func(x float32) uint16
	Float32     func(b uint16) float32
	IsNaN       func(b uint16) bool
	// Midpoint reports whether a float32's bits lie halfway between two
	// adjacent values of the format: where the correctly rounded kernels
	// look their ties up.
	Midpoint func(u uint32) bool
}

// Pin is a value worked out by hand: X narrows to B, or B widens to X.
type Pin struct {
	X uint32
	B uint16
}

// stride of the strided set of narrowings every run checks: a prime, so
// that every fraction and exponent bit varies.
const stride = 4093

// Check runs the tests every run of a storage type's package runs:
//
//   - the references against values worked out by hand (narrow and widen),
//     so that a slip shared by a reference and the implementation does not
//     go unseen;
//   - the widening and IsNaN of all 2^16 patterns;
//   - the round trip of all 2^16 patterns (a NaN comes back quieted);
//   - the narrowing of every stride-th float32 pattern and of the Specials.
func Check(t *testing.T, f Format, c Conversions, narrow, widen []Pin) {
	t.Run("reference", func(t *testing.T) {
		for _, p := range narrow {
			if got := f.RefNarrow(p.X); got != p.B {
				t.Errorf("RefNarrow(%#08x) = %#04x, want %#04x", p.X, got, p.B)
			}
			if got := c.FromFloat32(math.Float32frombits(p.X)); got != p.B {
				t.Errorf("FromFloat32(%#08x) = %#04x, want %#04x", p.X, got, p.B)
			}
		}
		for _, p := range widen {
			if got := f.RefWiden(p.B); got != p.X {
				t.Errorf("RefWiden(%#04x) = %#08x, want %#08x", p.B, got, p.X)
			}
		}
	})
	t.Run("widen", func(t *testing.T) {
		for i := range 1 << 16 {
			b := uint16(i)
			want := f.RefWiden(b)
			if got := math.Float32bits(c.Float32(b)); got != want {
				t.Errorf("Bits(%#04x).Float32() = %#08x, want %#08x", b, got, want)
			}
			if got, want := c.IsNaN(b), math.IsNaN(float64(math.Float32frombits(want))); got != want {
				t.Errorf("Bits(%#04x).IsNaN() = %v, want %v", b, got, want)
			}
		}
	})
	t.Run("roundtrip", func(t *testing.T) {
		for i := range 1 << 16 {
			b := uint16(i)
			want := b
			if c.IsNaN(b) {
				want |= f.quietBit()
			}
			if got := c.FromFloat32(c.Float32(b)); got != want {
				t.Errorf("FromFloat32(Bits(%#04x).Float32()) = %#04x, want %#04x", b, got, want)
			}
		}
	})
	t.Run("narrow", func(t *testing.T) {
		var m mismatches
		for u := uint64(0); u < 1<<32; u += stride {
			m.check(f, c, uint32(u))
		}
		for _, u := range f.Specials() {
			m.check(f, c, u)
		}
		m.report(t, "the strided inputs and the specials")
	})
}

// All checks the narrowing of all 2^32 float32 patterns, with
// FASTRELU_SWEEP=full only. Rounding is monotone, so over the non-negative
// finite patterns, in order, the result is a step function: it steps from k
// to k+1 where x passes the midpoint of their values, and at the midpoint
// itself goes to the even one. The walk checks every pattern against those
// steps, a compare an input where RefNarrow costs float64 divisions; the
// midpoints come from RefWiden, which every run checks on all 2^16
// patterns. A negative pattern must give its positive's result with the
// sign bit; the infinities and NaNs are checked against RefNarrow.
func All(t *testing.T, f Format, c Conversions) {
	if os.Getenv("FASTRELU_SWEEP") != "full" {
		t.Skip("set FASTRELU_SWEEP=full to check all 2^32 inputs")
	}
	mid := f.midpoints()
	// past reports whether x rounds above k.
	past := func(x float64, k int) bool { return x > mid[k] || x == mid[k] && k&1 == 1 }
	const finite = 0x7f800000 // the non-negative finite patterns are [0, finite)
	var m mismatches
	var wg sync.WaitGroup
	workers := uint64(runtime.GOMAXPROCS(0))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := uint32(w*finite/workers), uint32((w+1)*finite/workers)
			x := float64(math.Float32frombits(lo))
			k := sort.Search(len(mid), func(k int) bool { return !past(x, k) })
			for u := lo; u < hi; u++ {
				x := math.Float32frombits(u)
				for k < len(mid) && past(float64(x), k) {
					k++
				}
				if got, neg := c.FromFloat32(x), c.FromFloat32(-x); got != uint16(k) || neg != uint16(k)|0x8000 {
					m.add(fmt.Sprintf("FromFloat32(±%#08x) = %#04x and %#04x, want %#04x with either sign", u, got, neg, k))
				}
			}
		}()
	}
	wg.Wait()
	for u := uint32(finite); u < 1<<31; u++ {
		m.check(f, c, u)
		m.check(f, c, u|1<<31)
	}
	m.report(t, "all inputs")
}

// Fuzz compares the narrowing with RefNarrow on fuzzed float32 patterns.
func Fuzz(ff *testing.F, f Format, c Conversions) {
	for _, u := range f.Specials()[:64] {
		ff.Add(u)
	}
	ff.Fuzz(func(t *testing.T, u uint32) {
		if got, want := c.FromFloat32(math.Float32frombits(u)), f.RefNarrow(u); got != want {
			t.Errorf("FromFloat32(%#08x) = %#04x, want %#04x", u, got, want)
		}
	})
}

// mismatches collects the first few inputs where the narrowing is wrong,
// and counts them all.
type mismatches struct {
	mu    sync.Mutex
	n     int
	first []string
}

func (m *mismatches) check(f Format, c Conversions, u uint32) {
	if got, want := c.FromFloat32(math.Float32frombits(u)), f.RefNarrow(u); got != want {
		m.add(fmt.Sprintf("FromFloat32(%#08x) = %#04x, want %#04x", u, got, want))
	}
	if got, want := c.Midpoint(u), f.Midpoint(u); got != want {
		m.add(fmt.Sprintf("midpoint(%#08x) = %v, want %v", u, got, want))
	}
}

func (m *mismatches) add(msg string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.n++
	if len(m.first) < 10 {
		m.first = append(m.first, msg)
	}
}

func (m *mismatches) report(t *testing.T, of string) {
	t.Helper()
	if m.n > 0 {
		slices.Sort(m.first)
		t.Errorf("%d mismatches of %s, among them:\n%s", m.n, of, strings.Join(m.first, "\n"))
	}
}
