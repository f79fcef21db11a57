package bf16

import (
	"math"
	"strconv"

	"github.com/fastrelu/fastrelu/internal/half"
)

// Bits is a bfloat16 value: its IEEE-style bit pattern, sign in bit 15,
// biased exponent in bits 14-7, fraction in bits 6-0.
type Bits uint16

// quiet is the bfloat16 quiet bit, the top fraction bit.
const quiet = 0x0040

// FromFloat32 returns x rounded to the nearest bfloat16, ties to even.
//
// A NaN becomes a quiet NaN of the same sign with the top 7 bits of x's
// payload.
func FromFloat32(x float32) Bits {
	u := math.Float32bits(x)
	if u&0x7fffffff > 0x7f800000 {
		return Bits(u>>16) | quiet
	}
	// Adding 0x7fff rounds the dropped half up when it is above one half;
	// the kept last bit adds the one that makes an exact half round up only
	// when that bit is odd. A carry out of the fraction moves into the
	// exponent, which is how rounding up reaches the next binade and, from
	// the largest finite value, the infinity.
	return Bits((u + 0x7fff + u>>16&1) >> 16)
}

// midpoint reports whether the float32 bits u lie exactly halfway between
// two adjacent bfloat16 values: the dropped half is exactly 0x8000, and u is
// not a NaN.
func midpoint(u uint32) bool {
	return u&0xffff == 0x8000 && u&0x7fffffff < 0x7f800000
}

// fromRounded sets dst[i] to the correctly rounded value of a function at
// src[i] from y[i], its float32 value correctly rounded: y[i] rounded to
// the nearest bfloat16 is that value unless y[i] is a midpoint, where the
// exact value may lie on either side of it and ties says which. The
// midpoints are settled first, in y (each replaced by the value of the
// bfloat16 that ties gives, which narrows to itself), so that dst may be
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
	return math.Float32frombits(uint32(b) << 16)
}

// IsNaN reports whether b is a NaN.
func (b Bits) IsNaN() bool {
	return b&0x7fff > 0x7f80
}

// FromFloat32s sets dst[i] = FromFloat32(src[i]) for every i, in vector
// instructions where the CPU has them (the same values).
// dst and src must have the same length and must not overlap.
func FromFloat32s(dst []Bits, src []float32) {
	if len(dst) != len(src) {
		panicLength("bf16.FromFloat32s", len(dst), len(src))
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
		panicLength("bf16.ToFloat32s", len(dst), len(src))
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
