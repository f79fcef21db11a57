// Package halftest tests a 16-bit floating-point storage type (package
// kernels/bf16 or kernels/f16) against references built from the format's
// field widths alone: they share nothing with the implementations' bit
// tricks. The tests of those packages are each a few lines around it.
package halftest

import (
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/internal/oracle"
)

// Format is a binary format of 16 bits: a sign, ExpBits of biased exponent
// and FracBits of fraction, IEEE 754 style (subnormals, infinities, NaNs).
type Format struct {
	Name     string // the package, as its panics name it
	ExpBits  int
	FracBits int
}

func (f Format) bias() int       { return 1<<(f.ExpBits-1) - 1 }
func (f Format) expAll() int     { return 1<<f.ExpBits - 1 }
func (f Format) infBits() uint16 { return uint16(f.expAll()) << f.FracBits } // +Inf
func (f Format) maxBits() uint16 { return f.infBits() - 1 }                  // the largest finite value
func (f Format) quietBit() uint16 {
	return 1 << (f.FracBits - 1) // the top fraction bit
}

// RefWiden returns the float32 bits of b's value, built from b's fields in
// float64 (exact: few significant bits, exponent in range), then narrowed to
// float32 (exact, every value of the format is a float32). A NaN is built
// from its bits: sign and payload kept, the payload in the top fraction
// bits.
func (f Format) RefWiden(b uint16) uint32 {
	neg := b>>15 == 1
	exp := int(b>>f.FracBits) & f.expAll()
	frac := uint32(b) & (1<<f.FracBits - 1)
	var sign uint32
	if neg {
		sign = 1 << 31
	}
	if exp == f.expAll() {
		return sign | 0x7f800000 | frac<<(23-f.FracBits)
	}
	var v float64
	if exp == 0 {
		v = math.Ldexp(float64(frac), 1-f.bias()-f.FracBits)
	} else {
		v = math.Ldexp(float64(1<<f.FracBits|frac), exp-f.bias()-f.FracBits)
	}
	if neg {
		v = -v
	}
	return math.Float32bits(float32(v))
}

// RefNarrow returns the bits of the float32 u rounded to the format, to
// nearest, ties to even, computed in float64: |x| divided by the spacing of
// the format's values around it (a power of two, so the quotient is exact)
// is rounded to an even integer by math.RoundToEven and multiplied back. At
// the top binade the value after the largest finite one is 2^(bias+1),
// whose multiple of the spacing is even (the largest finite is odd): a tie
// rounds there, and everything at or above it is an infinity, as IEEE 754
// rounds with an unbounded exponent and then overflows. A NaN keeps its
// sign and the top fraction bits of its payload and gets the quiet bit.
func (f Format) RefNarrow(u uint32) uint16 {
	var sign uint16
	if u>>31 == 1 {
		sign = 0x8000
	}
	x := float64(math.Float32frombits(u))
	if math.IsNaN(x) {
		return sign | f.infBits() | f.quietBit() | uint16(u&0x7fffff>>(23-f.FracBits))
	}
	ax := math.Abs(x)
	if math.IsInf(ax, 1) {
		return sign | f.infBits()
	}
	_, e := math.Frexp(ax)   // 2^(e-1) <= ax < 2^e, for ax > 0
	e = max(e-1, 1-f.bias()) // the subnormals share the smallest normal's spacing
	ulp := math.Ldexp(1, e-f.FracBits)
	r := math.RoundToEven(ax/ulp) * ulp
	if r >= math.Ldexp(1, f.bias()+1) {
		return sign | f.infBits()
	}
	if r < math.Ldexp(1, 1-f.bias()) {
		return sign | uint16(r/math.Ldexp(1, 1-f.bias()-f.FracBits))
	}
	fr, re := math.Frexp(r) // r = fr·2^re, 0.5 <= fr < 1
	return sign | uint16(re-1+f.bias())<<f.FracBits | uint16((2*fr-1)*float64(uint32(1)<<f.FracBits))
}

// midpoints returns, for every finite non-negative k, the value halfway
// between k's and k+1's, exactly (float64 has the bits); after the largest
// finite value comes 2^(bias+1), which the infinity, maxBits+1, stands for
// as IEEE 754 rounds before overflowing.
func (f Format) midpoints() []float64 {
	mid := make([]float64, f.maxBits()+1)
	for k := range mid {
		lo, hi := float64(math.Float32frombits(f.RefWiden(uint16(k)))), math.Ldexp(1, f.bias()+1)
		if k < int(f.maxBits()) {
			hi = float64(math.Float32frombits(f.RefWiden(uint16(k + 1))))
		}
		mid[k] = (lo + hi) / 2
	}
	return mid
}

// Specials returns the float32 inputs that every run checks besides the
// strided ones, each with both signs: zeros, infinities, NaNs (quiet and
// signalling, with and without payload bits that survive the narrowing),
// float32's extremes, every midpoint between adjacent values of the format
// (the largest finite and the next power of two included: the overflow
// boundary) and the float32 values just below and above each.
func (f Format) Specials() []uint32 {
	var s []uint32
	add := func(u uint32) { s = append(s, u, u^0x80000000) }
	for _, u := range []uint32{
		0x00000000, 0x7f800000, // zero, Inf
		0x7f800001, 0x7f800fff, 0x7f801000, 0x7f802000, 0x7f80ffff, 0x7f810000, // signalling
		0x7fa00000, 0x7fbfffff, 0x7fc00000, 0x7fc00001, 0x7fd55555, 0x7fffffff, // signalling, quiet
		0x00000001, 0x00000002, 0x007fffff, 0x00800000, 0x7f7fffff, 0x3f800000, // float32 extremes, 1
	} {
		add(u)
	}
	for _, mid := range f.midpoints() {
		m := math.Float32bits(float32(mid))
		if float64(math.Float32frombits(m)) != mid {
			panic(fmt.Sprintf("%s: the midpoint %g is not a float32", f.Name, mid))
		}
		add(m - 1)
		add(m)
		add(m + 1)
	}
	return s
}

// Midpoint reports whether the float32 u lies exactly halfway between two
// adjacent values of the format (the largest finite and 2^(bias+1)
// included; past that everything is an overflow), where rounding a
// correctly rounded float32 value again can miss the exact value's
// nearest.
func (f Format) Midpoint(u uint32) bool {
	x := math.Abs(float64(math.Float32frombits(u)))
	if x == 0 || x >= math.Ldexp(1, f.bias()+1) || x != x {
		return false
	}
	_, e := math.Frexp(x)
	e = max(e-1, 1-f.bias())
	s := x / math.Ldexp(1, e-f.FracBits) // exact: a power of two
	return s-math.Floor(s) == 0.5
}

// Oracle returns the oracle's format of f.
func (f Format) Oracle() oracle.Format {
	return oracle.Format{ExpBits: f.ExpBits, FracBits: f.FracBits}
}

// Formats are the storage packages' formats, by package name.
var Formats = map[string]Format{
	"bf16": {Name: "bf16", ExpBits: 8, FracBits: 7},
	"f16":  {Name: "f16", ExpBits: 5, FracBits: 10},
}
