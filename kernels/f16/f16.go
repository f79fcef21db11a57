package f16

import (
	"math"
	"strconv"

	"github.com/fastrelu/fastrelu/internal/half"
)

// Bits is an IEEE 754 binary16 value: its bit pattern, sign in bit 15,
// biased exponent in bits 14-10, fraction in bits 9-0.
type Bits uint16

const (
	// quiet is the float16 quiet bit, the top fraction bit.
	quiet = 0x0200
	// infinity is the float16 +Inf, and the exponent field's mask.
	infinity = 0x7c00
	// rebias moves a float32 exponent field to a float16 one, in place in
	// a float32's bits: (127-15)<<23.
	rebias = 0x38000000
	// minNormal is the float32 bits of 0x1p-14, the smallest normal float16.
	minNormal = 0x38800000
)

// FromFloat32 returns x rounded to the nearest float16, ties to even.
//
// A NaN becomes a quiet NaN of the same sign with the top 10 bits of x's
// payload.
func FromFloat32(x float32) Bits {
	u := math.Float32bits(x)
	sign := Bits(u>>16) & 0x8000
	a := u & 0x7fffffff
	if a > 0x7f800000 {
		return sign | infinity | quiet | Bits(a>>13)&0x3ff
	}
	if a >= minNormal {
		// Rebias, then round away the low 13 bits: adding 0xfff rounds a
		// dropped part above one half up, the kept last bit makes an exact
		// half round up only when that bit is odd, and a carry out of the
		// fraction moves into the exponent. Anything that reaches the
		// infinity's exponent (float32 infinities included) is clamped to
		// it.
		a -= rebias
		a += 0xfff + a>>13&1
		return sign | Bits(min(a>>13, infinity))
	}
	// A float16 subnormal (or zero): the result is the float32 significand,
	// with its leading bit, shifted right by the distance between the two
	// exponents, rounded to nearest even as above. From 25 places on the
	// significand (below 1<<24) is less than half the smallest subnormal
	// and the result is 0; clamping the shift at 31 keeps 1<<(s-1) within
	// uint32 and that result 0. float32 subnormals get a leading bit they
	// do not have, but they are shifted by the clamp, so it never shows.
	s := min(126-a>>23, 31)
	m := a&0x7fffff | 0x800000
	m += 1<<(s-1) - 1 + m>>s&1
	return sign | Bits(m>>s)
}

// midpoint reports whether the float32 bits u lie exactly halfway between
// two adjacent float16 values (the largest finite one and 2^16 included;
// from 2^16 on everything overflows): the bits FromFloat32 rounds away are
// exactly one half of the last kept place, which is 2^13 above the
// smallest normal float16 and 2^s from FromFloat32's shift s below it.
func midpoint(u uint32) bool {
	// Either way the low 12 bits of a midpoint are zero: a quick no for
	// almost every value.
	a := u & 0x7fffffff
	if a&0xfff != 0 || a >= 0x47800000 { // 2^16
		return false
	}
	if a >= minNormal {
		return a&0x1fff == 0x1000
	}
	s := min(126-a>>23, 31)
	m := a&0x7fffff | 0x800000
	return m&(1<<s-1) == 1<<(s-1)
}

// fromRounded sets dst[i] to the correctly rounded value of a function at
// src[i] from y[i], its float32 value correctly rounded: y[i] rounded to
// the nearest float16 is that value unless y[i] is a midpoint, where the
// exact value may lie on either side of it and ties says which. The
// midpoints are settled first, in y (each replaced by the value of the
// float16 that ties gives, which narrows to itself), so that dst may be
// src itself and the rest is one FromFloat32s. Where vector instructions
// can tell that none of eight values is a midpoint (skip), those eight are
// passed over.
func fromRounded(dst, src []Bits, y []float32, ties half.Ties) {
	src = src[:len(y)]
	for i := 0; i < len(y); {
		i += skip(y[i:])
		for end := min(i+8, len(y)); i < end; i++ {
			if v := y[i]; midpoint(math.Float32bits(v)) {
				y[i] = Bits(ties.Fix(uint16(src[i]), uint16(FromFloat32(v)))).Float32()
			}
		}
	}
	narrow(dst[:len(y)], y)
}

// Float32 returns b as a float32, exactly.
func (b Bits) Float32() float32 {
	sign := uint32(b&0x8000) << 16
	a := uint32(b & 0x7fff)
	if a < 0x0400 {
		// Zero or a subnormal, a·2⁻²⁴: a and the product are exact in
		// float32, the product a normal float32 (or zero).
		return math.Float32frombits(sign | math.Float32bits(float32(a)*0x1p-24))
	}
	// Rebias the exponent; the infinities and NaNs need the distance a
	// second time, to reach float32's all-ones exponent, and keep their
	// fraction (the payload) as it is.
	r := a<<13 + rebias
	if a >= infinity {
		r += rebias
	}
	return math.Float32frombits(sign | r)
}

// IsNaN reports whether b is a NaN.
func (b Bits) IsNaN() bool {
	return b&0x7fff > infinity
}

// FromFloat32s sets dst[i] = FromFloat32(src[i]) for every i, in vector
// instructions where the CPU has them (the same values).
// dst and src must have the same length and must not overlap.
func FromFloat32s(dst []Bits, src []float32) {
	if len(dst) != len(src) {
		panicLength("f16.FromFloat32s", len(dst), len(src))
	}
	half.RaceRead(src)
	half.RaceWrite(dst)
	narrow(dst[:len(src)], src)
}

// ToFloat32s sets dst[i] = src[i].Float32() for every i, in vector
// instructions where the CPU has them (the same values).
// dst and src must have the same length and must not overlap.
func ToFloat32s(dst []float32, src []Bits) {
	if len(dst) != len(src) {
		panicLength("f16.ToFloat32s", len(dst), len(src))
	}
	half.RaceRead(src)
	half.RaceWrite(dst)
	widen(dst[:len(src)], src)
}

// A path is an implementation of the slice conversions: flag selects it.
type path struct {
	name      string
	flag      *bool
	available bool
}

// narrowGeneric and widenGeneric are the conversions in Go, the generic
// path, and the rest of a slice after the vector instructions' blocks.
func narrowGeneric(dst []Bits, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		dst[i] = FromFloat32(x)
	}
}

func widenGeneric(dst []float32, src []Bits) {
	dst = dst[:len(src)]
	for i, b := range src {
		dst[i] = b.Float32()
	}
}

// panicLength is kept out of line so that the check in the callers stays a
// compare and a branch.
//
//go:noinline
func panicLength(fn string, dst, src int) {
	panic(fn + ": len(dst)=" + strconv.Itoa(dst) + ", len(src)=" + strconv.Itoa(src) +
		": all slices must have the same length")
}
