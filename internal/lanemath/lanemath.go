// Package lanemath is the generic path of the lane operations of
// kernels/_asm/kernel.Arith: float32 arithmetic that gives, on every
// machine, the bits the machine's vector instructions give (AVX2, AVX-512
// and the x86 scalar instructions on 386 and amd64; NEON on arm64), where
// IEEE 754 leaves them open: which NaN comes back when several operands
// are NaN (nanrule_*.go), and what an out-of-range conversion gives.
// Elsewhere the generic path is the only one, and Arm's rules are its
// own. The generated generic kernels call these functions.
//
// Every product and sum is converted to its type on its own, so that the
// compiler never fuses them.
package lanemath

import "math"

// Bits of binary32 values.
const (
	absMask  = 0x7fffffff // all but the sign
	infBits  = 0x7f800000 // |x| above this: NaN
	quietBit = 0x00400000 // set in a quiet NaN, clear in a signaling one
)

func bits(f float32) uint32     { return math.Float32bits(f) }
func float(b uint32) float32    { return math.Float32frombits(b) }
func isNaN(b uint32) bool       { return b&absMask > infBits }
func isSignaling(b uint32) bool { return isNaN(b) && b&quietBit == 0 }
func isInf(f float32) bool      { return bits(f)&absMask == infBits }
func isZero(f float32) bool     { return bits(f)&absMask == 0 }

// Sub returns a-b, a the first operand: with a NaN operand, the NaN the
// architecture's rule picks (nanOf2), quieted.
func Sub(a, b float32) float32 {
	if a != a || b != b {
		return float(nanOf2(bits(a), bits(b)))
	}
	return float32(a - b)
}

// Div returns a/b, a the first operand; NaNs as Sub's.
func Div(a, b float32) float32 {
	if a != a || b != b {
		return float(nanOf2(bits(a), bits(b)))
	}
	return float32(a / b)
}

// RoundEven returns a rounded to an integral value, ties to even, its sign
// kept; a NaN quieted, with its payload. Exact: float64 holds every
// float32, and math.RoundToEven rounds it once.
func RoundEven(a float32) float32 {
	if a != a {
		return float(bits(a) | quietBit)
	}
	return float32(math.RoundToEven(float64(a)))
}

// ToInt32 returns a rounded to nearest even as an int32; out of range, and
// for NaN, what the architecture's conversion gives (outOfRange).
func ToInt32(a float32) int32 {
	r := math.RoundToEven(float64(a))
	if r >= math.MinInt32 && r <= math.MaxInt32 {
		return int32(r)
	}
	return outOfRange(a)
}

// FMA returns a*b+c with one rounding, to nearest even. With a NaN
// operand, the NaN the architecture's rule picks (nanOf3); with an
// infinity, the product and sum in float64 are exact or infinite, or the
// machine's default NaN (0*Inf, Inf-Inf), as its vector FMA gives.
func FMA(a, b, c float32) float32 {
	if a != a || b != b || c != c {
		return float(nanOf3(bits(a), bits(b), bits(c)))
	}
	if isInf(a) || isInf(b) || isInf(c) {
		return float32(float64(float64(a)*float64(b)) + float64(c))
	}
	return float32(sumToOdd(float64(float64(a)*float64(b)), float64(c)))
}

// sumToOdd returns p+c rounded to odd: p+c itself when it is a float64,
// else of its two float64 neighbours the one whose last bit is 1. Rounding
// that to float32 (24 bits, 29 fewer than float64's) rounds p+c once:
// round-to-odd keeps the information that it was inexact in a bit below
// every bit the second rounding looks at. p = a*b of two float32 is exact
// in float64 (48 bits), and no finite float32 operands overflow it or
// make it subnormal, so TwoSum's error term below is exact.
func sumToOdd(p, c float64) float64 {
	s := float64(p + c)
	pp := float64(s - c)
	cc := float64(s - pp)
	err := float64(float64(p-pp) + float64(c-cc))
	if err == 0 {
		return s // exact, and the sign of a zero sum is the sum's
	}
	b := math.Float64bits(s)
	if b&1 == 0 {
		// s is even: the neighbour on err's side is odd. s and err are
		// nonzero; moving the magnitude up or down keeps the sign.
		if (err > 0) == (s > 0) {
			b++
		} else {
			b--
		}
	}
	return math.Float64frombits(b)
}
