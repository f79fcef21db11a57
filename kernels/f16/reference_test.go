package f16

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

// The format, described by its field widths alone: the references below
// derive everything from these, and share nothing with the bit tricks of
// the implementation.
const (
	fracBits = 10
	expBits  = 5
	bias     = 1<<(expBits-1) - 1
	expAll   = 1<<expBits - 1
	infBits  = expAll << fracBits  // +Inf
	maxBits  = infBits - 1         // the largest finite value
	quietBit = 1 << (fracBits - 1) // the top fraction bit
	pkgName  = "f16"               // as the panics name the package
	stride   = 4093                // of the strided sweep, a prime
	nPattern = 1 << (1 + expBits + fracBits)
)

// refWiden returns the float32 bits of b's value, built from b's fields in
// float64 (exact: at most 11 significant bits, exponent in range), then
// narrowed to float32 (exact, every value of the type is a float32). A NaN
// is built from its bits: sign and payload kept, the payload in the top
// fraction bits.
func refWiden(b uint16) uint32 {
	neg := b>>15 == 1
	exp := int(b>>fracBits) & expAll
	frac := uint32(b) & (1<<fracBits - 1)
	var sign uint32
	if neg {
		sign = 1 << 31
	}
	if exp == expAll {
		return sign | 0x7f800000 | frac<<(23-fracBits)
	}
	var v float64
	if exp == 0 {
		v = math.Ldexp(float64(frac), 1-bias-fracBits)
	} else {
		v = math.Ldexp(float64(1<<fracBits|frac), exp-bias-fracBits)
	}
	if neg {
		v = -v
	}
	return math.Float32bits(float32(v))
}

// refNarrow returns the bits of the float32 u rounded to the type, to
// nearest, ties to even, computed in float64: |x| divided by the spacing of
// the type's values around it (a power of two, so the quotient is exact) is
// rounded to an even integer by math.RoundToEven and multiplied back. At
// the top binade the value after the largest finite one is 2^(bias+1),
// whose multiple of the spacing is even (the largest finite is odd): a tie
// rounds there, and everything at or above it is an infinity, as IEEE 754
// rounds with an unbounded exponent and then overflows. A NaN keeps its
// sign and the top fraction bits of its payload and gets the quiet bit.
func refNarrow(u uint32) uint16 {
	var sign uint16
	if u>>31 == 1 {
		sign = 0x8000
	}
	x := float64(math.Float32frombits(u))
	if math.IsNaN(x) {
		return sign | infBits | quietBit | uint16(u&0x7fffff>>(23-fracBits))
	}
	ax := math.Abs(x)
	if math.IsInf(ax, 1) {
		return sign | infBits
	}
	_, e := math.Frexp(ax) // 2^(e-1) <= ax < 2^e, for ax > 0
	e = max(e-1, 1-bias)   // the subnormals share the smallest normal's spacing
	ulp := math.Ldexp(1, e-fracBits)
	r := math.RoundToEven(ax/ulp) * ulp
	if r >= math.Ldexp(1, bias+1) {
		return sign | infBits
	}
	if r < math.Ldexp(1, 1-bias) {
		return sign | uint16(r/math.Ldexp(1, 1-bias-fracBits))
	}
	f, re := math.Frexp(r) // r = f·2^re, 0.5 <= f < 1
	return sign | uint16(re-1+bias)<<fracBits | uint16((2*f-1)*(1<<fracBits))
}

// specials returns the float32 inputs that every run checks besides the
// strided ones, each with both signs: zeros, infinities, NaNs (quiet and
// signalling, with and without payload bits that survive the narrowing),
// float32's extremes, every midpoint between adjacent values of the type
// (the largest finite and the next power of two included: the overflow
// boundary) and the float32 values just below and above each.
func specials() []uint32 {
	var s []uint32
	add := func(u uint32) { s = append(s, u, u^0x80000000) }
	for _, u := range []uint32{
		0x00000000, 0x7f800000, // zero, Inf
		0x7f800001, 0x7f800fff, 0x7f801000, 0x7f802000, 0x7f80ffff, 0x7f810000, // signalling
		0x7fa00000, 0x7fbfffff, 0x7fc00000, 0x7fc00001, 0x7fd55555, 0x7fffffff, // signalling, quiet
		0x00000001, 0x00000002, 0x007fffff, 0x00800000, 0x7f7fffff, // float32 extremes
		0x3f800000, 0x47800000, 0x477ff000, 0x477fe000, // 1, 65536, 65520, 65504
	} {
		add(u)
	}
	for b := uint16(0); b <= maxBits; b++ {
		lo := float64(math.Float32frombits(refWiden(b)))
		hi := math.Ldexp(1, bias+1)
		if b < maxBits {
			hi = float64(math.Float32frombits(refWiden(b + 1)))
		}
		mid := (lo + hi) / 2
		m := math.Float32bits(float32(mid))
		if float64(math.Float32frombits(m)) != mid {
			panic(fmt.Sprintf("midpoint of %#04x and the next is not a float32", b))
		}
		add(m - 1)
		add(m)
		add(m + 1)
	}
	return s
}

// mismatches collects the first few inputs where FromFloat32 and refNarrow
// differ, and counts them all.
type mismatches struct {
	mu    sync.Mutex
	n     int
	first []string
}

func (m *mismatches) check(u uint32) {
	got, want := FromFloat32(math.Float32frombits(u)), refNarrow(u)
	if uint16(got) != want {
		m.add(fmt.Sprintf("FromFloat32(%#08x) = %#04x, want %#04x", u, uint16(got), want))
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

// TestReference pins both references to values worked out by hand, so that
// a slip shared by a reference and the implementation does not go unseen.
func TestReference(t *testing.T) {
	for _, c := range []struct {
		x uint32
		b uint16
	}{
		{0x3f800000, 0x3c00}, // 1
		{0x40490fdb, 0x4248}, // pi
		{0x3dcccccd, 0x2e66}, // 0.1
		{0x3eaaaaab, 0x3555}, // 1/3
		{0x477fe000, 0x7bff}, // 65504, the largest
		{0x477fefff, 0x7bff}, // just below 65520
		{0x477ff000, 0x7c00}, // 65520: the tie goes to Inf
		{0xc77ff000, 0xfc00}, // -65520
		{0x33800000, 0x0001}, // 2^-24, the smallest subnormal
		{0x33000000, 0x0000}, // 2^-25: the tie goes to 0
		{0xb3000000, 0x8000}, // -2^-25: to -0
		{0x33000001, 0x0001}, // just above 2^-25
		{0x33c00000, 0x0002}, // 3·2^-25: the tie goes to 2
		{0x387fe000, 0x0400}, // (1-2^-11)·2^-14 rounds up to the smallest normal
		{0x7f800001, 0x7e00}, // signalling, no kept payload: quiet
		{0xff800001, 0xfe00}, // the same, negative
		{0x7fa00000, 0x7f00}, // signalling, kept payload
		{0x7fc00000, 0x7e00}, // quiet
		{0xffffffff, 0xffff}, // all ones
		{0x7f7fffff, 0x7c00}, // float32's largest: Inf
		{0x00000001, 0x0000}, // float32's smallest: 0
	} {
		if got := refNarrow(c.x); got != c.b {
			t.Errorf("refNarrow(%#08x) = %#04x, want %#04x", c.x, got, c.b)
		}
		if got := FromFloat32(math.Float32frombits(c.x)); uint16(got) != c.b {
			t.Errorf("FromFloat32(%#08x) = %#04x, want %#04x", c.x, uint16(got), c.b)
		}
	}
	for _, c := range []struct {
		b uint16
		x uint32
	}{
		{0x0001, 0x33800000}, {0x03ff, 0x387fc000}, {0x0400, 0x38800000}, {0x3c00, 0x3f800000},
		{0x7bff, 0x477fe000}, {0x7c00, 0x7f800000}, {0x7c01, 0x7f802000}, {0x7e00, 0x7fc00000},
		{0xfd00, 0xffa00000}, {0x8000, 0x80000000},
	} {
		if got := refWiden(c.b); got != c.x {
			t.Errorf("refWiden(%#04x) = %#08x, want %#08x", c.b, got, c.x)
		}
	}
}

// TestFloat32 checks the widening of every bit pattern.
func TestFloat32(t *testing.T) {
	for i := range nPattern {
		b := Bits(i)
		if got, want := math.Float32bits(b.Float32()), refWiden(uint16(b)); got != want {
			t.Errorf("Bits(%#04x).Float32() = %#08x, want %#08x", i, got, want)
		}
		if got, want := b.IsNaN(), math.IsNaN(float64(math.Float32frombits(refWiden(uint16(b))))); got != want {
			t.Errorf("Bits(%#04x).IsNaN() = %v, want %v", i, got, want)
		}
	}
}

// TestRoundTrip checks that narrowing gives back every value widened, and
// every NaN quieted.
func TestRoundTrip(t *testing.T) {
	for i := range nPattern {
		b := Bits(i)
		want := b
		if b.IsNaN() {
			want |= quietBit
		}
		if got := FromFloat32(b.Float32()); got != want {
			t.Errorf("FromFloat32(Bits(%#04x).Float32()) = %#04x, want %#04x", i, uint16(got), uint16(want))
		}
	}
}

// TestFromFloat32 checks the narrowing of every stride-th float32 pattern
// and of the specials.
func TestFromFloat32(t *testing.T) {
	var m mismatches
	for u := uint64(0); u < 1<<32; u += stride {
		m.check(uint32(u))
	}
	m.report(t, "the strided inputs")
	m = mismatches{}
	for _, u := range specials() {
		m.check(u)
	}
	m.report(t, "the specials")
}

// TestFromFloat32All checks the narrowing of all 2^32 float32 patterns,
// with FASTRELU_SWEEP=full only. Rounding is monotone, so over the
// non-negative finite patterns, in order, the result is a step function:
// it steps from k to k+1 where x passes the midpoint of their values, and
// at the midpoint itself goes to the even one. The walk below checks every
// pattern against those steps, a compare an input where refNarrow costs
// float64 divisions; the midpoints come from refWiden, which every run
// checks on all 2^16 patterns. A negative pattern must give its positive's
// result with the sign bit; the infinities and NaNs are checked against
// refNarrow.
func TestFromFloat32All(t *testing.T) {
	if os.Getenv("FASTRELU_SWEEP") != "full" {
		t.Skip("set FASTRELU_SWEEP=full to check all 2^32 inputs")
	}
	// mid[k] lies between the values of k and k+1, exactly (float64 has
	// the bits); after the largest finite value comes 2^(bias+1), which the
	// infinity, maxBits+1, stands for as IEEE 754 rounds before overflowing.
	mid := make([]float64, maxBits+1)
	for k := range mid {
		lo, hi := float64(math.Float32frombits(refWiden(uint16(k)))), math.Ldexp(1, bias+1)
		if k < maxBits {
			hi = float64(math.Float32frombits(refWiden(uint16(k + 1))))
		}
		mid[k] = (lo + hi) / 2
	}
	// past reports whether x rounds above k.
	past := func(x float64, k int) bool { return x > mid[k] || x == mid[k] && k&1 == 1 }
	const finite = 0x7f800000 // the non-negative finite patterns are [0, finite)
	var m mismatches
	var wg sync.WaitGroup
	workers := uint32(runtime.GOMAXPROCS(0))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := uint32(uint64(w)*finite/uint64(workers)), uint32(uint64(w+1)*finite/uint64(workers))
			x := float64(math.Float32frombits(lo))
			k := sort.Search(len(mid), func(k int) bool { return !past(x, k) })
			for u := lo; u < hi; u++ {
				x := math.Float32frombits(u)
				for k < len(mid) && past(float64(x), k) {
					k++
				}
				if got, neg := FromFloat32(x), FromFloat32(-x); uint16(got) != uint16(k) || uint16(neg) != uint16(k)|0x8000 {
					m.add(fmt.Sprintf("FromFloat32(±%#08x) = %#04x and %#04x, want %#04x with either sign", u, uint16(got), uint16(neg), k))
				}
			}
		}()
	}
	wg.Wait()
	for u := uint32(finite); u < 1<<31; u++ {
		m.check(u)
		m.check(u | 1<<31)
	}
	m.report(t, "all inputs")
}

func FuzzFromFloat32(f *testing.F) {
	for _, u := range specials()[:64] {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u uint32) {
		got, want := FromFloat32(math.Float32frombits(u)), refNarrow(u)
		if uint16(got) != want {
			t.Errorf("FromFloat32(%#08x) = %#04x, want %#04x", u, uint16(got), want)
		}
	})
}
