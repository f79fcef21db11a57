package rounded

import "math"

// This file holds the double-double building blocks shared by the kernels:
// error-free transformations, a division, and the single final rounding.
// A double-double is an unevaluated sum hi+lo of two float64 values with
// |lo| no larger than about half an ulp of hi.

// twoSum returns s = RN(a+b) and the exact error e, so that s+e == a+b
// exactly (Knuth's TwoSum; no condition on the magnitudes).
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b| (or a == 0): three operations
// instead of six (Dekker's Fast2Sum).
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

// twoProd returns p = RN(a*b) and the exact error e = a*b - p, exact as long
// as a*b does not underflow float64, which the kernels' ranges rule out.
func twoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	e = math.FMA(a, b, -p)
	return p, e
}

// ddDiv returns the double-double quotient (nHi+nLo)/(dHi+dLo). The first
// quotient q1 is corrected by the exact remainder nHi - q1*dHi (one fma)
// plus the lo parts, so the relative error is a few units of 2^-104, far
// below anything the float32 rounding can see.
func ddDiv(nHi, nLo, dHi, dLo float64) (qHi, qLo float64) {
	q1 := nHi / dHi
	rem := math.FMA(-q1, dHi, nHi) + (nLo - float64(q1*dLo))
	q2 := rem / dHi
	return fastTwoSum(q1, q2)
}

// ddMul returns the double-double product (aHi+aLo)*(bHi+bLo), dropping only
// aLo*bLo, which is below 2^-104 relative.
func ddMul(aHi, aLo, bHi, bLo float64) (pHi, pLo float64) {
	p, e := twoProd(aHi, bHi)
	e += float64(aHi*bLo) + float64(aLo*bHi)
	return fastTwoSum(p, e)
}

// roundToFloat32 rounds the exact value hi+lo to the nearest float32, ties
// to even, with a single correct rounding.
//
// Converting RN(hi+lo) to float32 would round twice and could go wrong when
// RN(hi+lo) lands exactly on a float32 midpoint that hi+lo itself is not on.
// Instead the sum is rounded to 53 bits with round-to-odd: when the TwoSum
// error e is nonzero and s has an even last bit, s is moved one ulp towards
// e, which picks the odd one of the two float64 values around hi+lo. A value
// rounded to odd at 53 bits and then to nearest at 24 bits (or fewer, for
// float32 subnormals) is the nearest float32 to the exact value, since
// 53 >= 24+2 (Boldo and Melquiond, "Emulation of FMA and correctly rounded
// sums: proved algorithms using rounding to odd"). Float32 overflow is
// decided the same way: the overflow threshold MaxFloat32 + ulp/2 has few
// bits, so the odd rounding cannot cross it.
//
// As an op sequence: TwoSum, then integer operations on the bits of s and e
// (a test of e for zero, a test of the low bit of s, a compare of the sign
// bits) that add -1, 0 or +1 to the bits of s, then the float64->float32
// conversion. It is written without branches, as a SIMD lane would do it.
func roundToFloat32(hi, lo float64) float32 {
	s, e := twoSum(hi, lo)
	sBits, eBits := math.Float64bits(s), math.Float64bits(e)
	magnitude := eBits << 1                   // e without its sign
	inexact := (magnitude | -magnitude) >> 63 // 1 if e != 0 (+0 and -0 alike)
	even := ^sBits & 1                        // 1 if the last bit of s is 0
	away := ((sBits ^ eBits) >> 63) ^ 1       // 1 if e has the sign of s
	step := (inexact & even) * (2*away - 1)   // +1, -1 (wrapping) or 0
	// s != 0 when inexact, since s == 0 implies e == 0; moving away from
	// zero is +1 on the bits of either sign, towards zero is -1.
	return float32(math.Float64frombits(sBits + step))
}

// quietNaN returns the NaN x with its quiet bit set and payload kept, which
// is what every function returns for a NaN input.
func quietNaN(x float32) float32 {
	return math.Float32frombits(math.Float32bits(x) | 0x00400000)
}

// clamp returns x limited to [lo, hi], written as compares and selects; a NaN
// x comes back as NaN (no compare is true), and every kernel replaces a NaN
// result by quietNaN at the end.
func clamp(x, lo, hi float64) float64 {
	if x < lo {
		x = lo
	}
	if x > hi {
		x = hi
	}
	return x
}

// ddMulAdd returns the double-double (aHi+aLo)*t + (cHi+cLo) for a float64
// t: one Horner step. The product's rounding is kept exactly (twoProd), and
// only aLo*t and the final lo sums round, at about 2^-104 relative to the
// larger of the two terms.
func ddMulAdd(aHi, aLo, t, cHi, cLo float64) (hi, lo float64) {
	p, pErr := twoProd(aHi, t)
	pErr += float64(aLo * t)
	s, sErr := twoSum(cHi, p)
	return fastTwoSum(s, sErr+(pErr+cLo))
}
