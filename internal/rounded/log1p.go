package rounded

import "math"

// log1pDD returns log(1+u) as a double-double for a double-double u in
// [0, 1] (the only range softplus needs), with relative error below about
// 2^-58.
//
// log(1+u) = c*ln2 + 2*atanh(s), s = (u-c)/(u+2+c), with c = 1 when
// 1+u > sqrt2 (then s = log of (1+u)/2 mapped through atanh) and c = 0
// otherwise. Either way |s| <= 3-2*sqrt2 < 0.172, a selection between two
// constants, not a table. s is a double-double quotient of exact
// double-double sums. 2*atanh(s) = 2s + 2s*z*T(z), z = s^2, T the atanh
// series 1/3 + z/5 + ... + z^9/21; the first dropped term, z^10/23 relative
// to 1, is below 2^-60 for |s| < 0.172. The correction 2s*z*T(z) is below 1%
// of 2s, so its float64 rounding stays below 2^-58 relative. With c = 1 the
// sum ln2 + 2*atanh(s) is at least 0.35 while 2*atanh(s) >= -0.35, so the
// final TwoSum cancels by a bounded factor. With c = 0 and tiny u the result
// is relatively accurate, which softplus needs for large negative x.
func log1pDD(uHi, uLo float64) (hi, lo float64) {
	c := 0.0
	if uHi > sqrt2Minus1 {
		c = 1
	}
	nHi, ne := twoSum(uHi, -c)
	dHi, de := twoSum(2+c, uHi)
	sHi, sLo := ddDiv(nHi, ne+uLo, dHi, de+uLo)

	z := float64(sHi * sHi)
	t := atanhSeries[0]
	for _, coef := range atanhSeries[1:] {
		t = math.FMA(t, z, coef)
	}
	corr := float64(float64(2*sHi) * float64(z*t)) // not fused into the sum below
	hi, e := twoSum(float64(c*ln2), 2*sHi)
	return fastTwoSum(hi, e+(2*sLo+corr+float64(c*ln2Lo)))
}

// sqrt2Minus1 is RN(sqrt2 - 1); any threshold near it keeps |s| < 0.172.
const sqrt2Minus1 = 0x1.a827999fcef32p-2

// atanhSeries holds 1/(2j+1) for j = 10..1, highest degree first: the
// series of (atanh(s)/s - 1)/s^2 in z = s^2.
var atanhSeries = [...]float64{
	0x1.8618618618618p-5, // 1/21
	0x1.af286bca1af28p-5,
	0x1.e1e1e1e1e1e1ep-5,
	0x1.1111111111111p-4,
	0x1.3b13b13b13b14p-4,
	0x1.745d1745d1746p-4,
	0x1.c71c71c71c71cp-4,
	0x1.2492492492492p-3,
	0x1.999999999999ap-3,
	0x1.5555555555555p-2, // 1/3
}
