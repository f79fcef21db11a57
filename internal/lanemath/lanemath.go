// Package lanemath is the generic path of the lane operations of
// kernels/_asm/kernel.Arith: float32 and float64 arithmetic that gives, on
// every machine, the bits the machine's vector instructions give (AVX2,
// AVX-512 and the x86 scalar instructions on 386 and amd64; NEON on
// arm64; RVV on riscv64), where IEEE 754 leaves them open: which NaN comes
// back when several operands are NaN (nanrule_*.go), and what an
// out-of-range conversion gives. On riscv64 every NaN result is the
// canonical NaN, as the hardware gives it. Elsewhere the generic path is the
// only one, and Arm's rules are its own. The generated generic kernels call these functions.
//
// Every product and sum is converted to its type on its own, so that the
// compiler never fuses them.
package lanemath

import "math"

// anyFloat is an element type of a lane: float32, or float64 between Widen
// and Narrow.
type anyFloat interface{ float32 | float64 }

// quiet returns the NaN x quieted: its payload and sign kept, the quiet
// bit (the top bit of the fraction) set.
func quiet[F anyFloat](x F) F {
	if v, ok := any(x).(float32); ok {
		return F(math.Float32frombits(math.Float32bits(v) | 1<<22))
	}
	return F(math.Float64frombits(math.Float64bits(float64(x)) | 1<<51))
}

func isSingle[F anyFloat]() bool {
	_, ok := any(F(0)).(float32)
	return ok
}

func isSignaling[F anyFloat](x F) bool {
	if x == x {
		return false
	}
	if v, ok := any(x).(float32); ok {
		return math.Float32bits(v)&(1<<22) == 0
	}
	return math.Float64bits(float64(x))&(1<<51) == 0
}

// defaultNaN is Arm's FPDefaultNaN: positive, quiet, no payload.
func defaultNaN[F anyFloat]() F {
	if isSingle[F]() {
		return F(math.Float32frombits(0x7fc00000))
	}
	return F(math.Float64frombits(0x7ff8000000000000))
}

func isInf[F anyFloat](x F) bool  { return math.IsInf(float64(x), 0) }
func isZero[F anyFloat](x F) bool { return x == 0 }

// nanOf returns the NaN the architecture's rule picks among ops, in the
// instruction's operand order, quieted.
func nanOf[F anyFloat](ops ...F) F {
	if canonicalNaNs {
		return defaultNaN[F]()
	}
	var nan, signaling [3]bool
	for i, x := range ops {
		nan[i], signaling[i] = x != x, isSignaling(x)
	}
	return quiet(ops[pickNaN(nan[:len(ops)], signaling[:len(ops)])])
}

// Sub32 returns a-b, a the first operand: with a NaN operand, the NaN the
// architecture's rule picks, quieted.
func Sub32(a, b float32) float32 {
	r := float32(a - b)
	if r != r {
		r = nanResult32(a, b, r)
	}
	return r
}

// Sub64 is Sub32 for float64 lanes.
func Sub64(a, b float64) float64 {
	r := float64(a - b)
	if r != r {
		r = nanResult64(a, b, r)
	}
	return r
}

// Add64 returns a+b on float64 lanes, a the first operand; NaNs as Sub32's.
// (The float32 sum of the generic kernels is kernels' addNaNRule.)
func Add64(a, b float64) float64 {
	r := float64(a + b)
	if r != r {
		r = nanResult64(a, b, r)
	}
	return r
}

// Mul64 returns a*b on float64 lanes, a the first operand; NaNs as Sub32's.
func Mul64(a, b float64) float64 {
	r := float64(a * b)
	if r != r {
		r = nanResult64(a, b, r)
	}
	return r
}

// Div32 returns a/b, a the first operand; NaNs as Sub32's.
func Div32(a, b float32) float32 {
	r := float32(a / b)
	if r != r {
		r = nanResult32(a, b, r)
	}
	return r
}

// Div64 is Div32 for float64 lanes.
func Div64(a, b float64) float64 {
	r := float64(a / b)
	if r != r {
		r = nanResult64(a, b, r)
	}
	return r
}

// nanResult32 and nanResult64 are nanResult, out of line: the operations
// above inline, and a NaN result is rare.
//
//go:noinline
func nanResult32(a, b, r float32) float32 { return nanResult(a, b, r) }

//go:noinline
func nanResult64(a, b, r float64) float64 { return nanResult(a, b, r) }

// nanResult is the NaN result r of an operation on a and b: the machine's
// own when neither operand is NaN (its default NaN), else the rule's.
func nanResult[F anyFloat](a, b, r F) F {
	if a != a || b != b {
		return nanOf(a, b)
	}
	return r
}

// RoundEven returns a rounded to an integral value, ties to even, its sign
// kept; a NaN quieted, with its payload. Exact: float64 holds every
// float32, and math.RoundToEven rounds it once.
func RoundEven(a float32) float32 {
	if a != a {
		return quiet(a)
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

// FMA32 returns a*b+c with one rounding, to nearest even. With a NaN
// operand, the NaN the architecture's rule picks among the operands in its
// FMA's order (fmaOrder), or its default NaN where Arm gives it for a
// quiet c and a*b = 0*Inf. With an infinity, exact arithmetic or the
// machine's default NaN (0*Inf, Inf-Inf), as its vector FMA gives.
func FMA32(a, b, c float32) float32 {
	// The float64 sum of the exact product is the answer rounded once,
	// unless it lies on a float32 tie (the 29 bits below float32's last
	// are 1000...0), where it may have been rounded onto the tie, or its
	// exponent is below float32's normal range (2^-126, biased 897), where
	// the tie bit is elsewhere, or it is not finite (biased 2047).
	s := float64(float64(float64(a)*float64(b)) + float64(c))
	if b := math.Float64bits(s); b&(1<<29-1) != 1<<28 && (b>>52&0x7ff)-897 < 2047-897 {
		return float32(s)
	}
	return fmaSlow(a, b, c)
}

// FMA64 is FMA32 for float64 lanes: math.FMA where the result is finite,
// which it is only when every operand is.
func FMA64(a, b, c float64) float64 {
	if r := math.FMA(a, b, c); r-r == 0 {
		return r
	}
	return fmaSlow(a, b, c)
}

// fmaSlow is FMA32 where its shortcut does not hold, and FMA64 with a NaN
// or an infinity.
//
//go:noinline
func fmaSlow[F anyFloat](a, b, c F) F {
	if a != a || b != b || c != c {
		if quietAddendInvalidProduct && c != c && !isSignaling(c) &&
			(isZero(a) && isInf(b) || isInf(a) && isZero(b)) {
			return defaultNaN[F]()
		}
		ops := [3]F{a, b, c}
		return nanOf(ops[fmaOrder[0]], ops[fmaOrder[1]], ops[fmaOrder[2]])
	}
	if isInf(a) || isInf(b) {
		return F(F(a*b) + c) // Inf or NaN times anything is exact
	}
	if isInf(c) {
		return c // a*b is finite, even where F(a*b) would overflow
	}
	if isSingle[F]() {
		return F(float32(sumToOdd(float64(float64(a)*float64(b)), float64(c))))
	}
	return F(math.FMA(float64(a), float64(b), float64(c)))
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

// Widen returns a as a float64, exactly; a NaN quieted, its payload in the
// top bits of the wider fraction, as VCVTPS2PD and FCVTL give. The NaN is
// spelled out so that no compiler may drop a conversion pair.
func Widen(a float32) float64 {
	if a != a {
		b := math.Float32bits(a)
		return math.Float64frombits(uint64(b>>31)<<63 | 0x7ff8000000000000 | uint64(b&0x3fffff)<<29)
	}
	return float64(a)
}

// Narrow returns a rounded to float32, to nearest even; a NaN quieted
// with the top bits of its payload, as VCVTPD2PS and FCVTN give.
func Narrow(a float64) float32 {
	if a != a {
		b := math.Float64bits(a)
		return math.Float32frombits(uint32(b>>63)<<31 | 0x7fc00000 | uint32(b>>29)&0x3fffff)
	}
	return float32(a)
}
