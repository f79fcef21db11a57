package rounded

import "math"

// The binary64 functions (Sigmoid64, Tanh64, SiLU64, GELU64, GELUTanh64,
// Expm1_64, Exp64, Softplus64, Mish64 and the Derivative64s) are the
// float64 forms that package kernels/f64 calls. They are not correctly rounded: each
// returns a float64 within 1 ulp of the exact value (faithful), which is
// what kernels/f64 promises. They reuse the float32 functions' double-double
// evaluations, whose relative error is near 2^-57, and round hi+lo to
// float64 once at the end: 0.5 ulp from that rounding, and 2^-57 relative
// is at most 1/16 ulp more.
//
// What float32 did not need and float64 does:
//
//   - The exponential's range. Float32's evaluations clamp at |x| <= 200,
//     where 2^k stays a normal float64. Here e^x is needed down to the
//     float64 subnormals (x near -745, and x*e^x down to x near -752), so
//     the evaluations carry k apart from the double-double and multiply by
//     2^k last (scaleWide), in two exact-or-once-rounded steps.
//   - The derivatives' roots. SiLU's, Mish's, GELU's and GELUTanh's derivatives
//     cross zero, where the direct formula cancels and its absolute error
//     near 2^-57 is no longer small beside the value. Within 1/8 of each
//     root they are evaluated from their Taylor series about the root
//     (rootSeries), in t = x - root carried to far below the value.
//
// Every function is written, like the float32 ones, as straight-line IEEE
// operations and selects, so that SIMD forms can follow it: package f64's
// AVX-512 and AVX2 kernels do, operation for operation
// (kernels/_asm/kernel/evaluate_wide.go), and give these functions' bits.

// wideExpLimit clamps the exponential's argument: e^-760 is below 2^-1096,
// and scaled by any factor the callers use (at most 760) it rounds to zero.
const wideExpLimit = 760

// pow2 returns 2^k for an integral k in [-1022, 1023], from the bits.
func pow2(k float64) float64 {
	return math.Float64frombits(uint64(int64(k)+1023) << 52)
}

// scaleWide returns (hi+lo)*2^k for an integral |k| <= 2046: the sum
// rounded to float64, then scaled by 2^h and 2^(k-h), h = floor(k/2).
// The callers keep (hi+lo)*2^h normal (or k = 0), so the first product is
// exact and the second rounds once, only where the result is subnormal or
// overflows. With a subnormal result the two roundings still give one of
// the two float64 values around hi+lo scaled: within 1 ulp.
func scaleWide(hi, lo, k float64) float64 {
	h := math.Floor(0.5 * k)
	return float64(float64((hi+lo)*pow2(h)) * pow2(k-h))
}

// timesWide returns x*(hi+lo)*2^k, as scaleWide does, for hi+lo between
// 2^-20 and 2^20 or so (a sigmoid's unscaled part, Phi, Q, a quotient
// near 1), so that x*(hi+lo)*2^floor(k/2) stays normal wherever k < 0.
// The product is exact as a double-double unless x is tiny, where it
// would round twice below the normal range; such an x is scaled by 2^200
// first, and the result back by 2^-200 in the one final rounding.
func timesWide(x, hi, lo, k float64) float64 {
	if math.Abs(x) < 0x1p-800 {
		x, k = float64(x*0x1p200), k-200
	}
	pHi, pLo := twoProd(x, hi)
	return scaleWide(pHi, pLo+float64(x*lo), k)
}

// productSpecials returns r, the value of x*f(x) with f(+Inf) = 1, with
// the special values put in: x itself at ±0 and +Inf, -0 below low (where
// the value rounds to it, and a clamped f times a huge x would not), x's
// NaN quieted.
func productSpecials(x, r, low float64) float64 {
	if x == 0 || x > math.MaxFloat64 {
		r = x
	}
	if x < low {
		r = math.Copysign(0, -1)
	}
	if x != x {
		r = quietNaN64(x)
	}
	return r
}

// quietNaN64 returns the NaN x with its quiet bit set and payload kept.
func quietNaN64(x float64) float64 {
	return math.Float64frombits(math.Float64bits(x) | 1<<51)
}

// expWide returns e^(x+xLo) as 2^k*(hi+lo), 1/2 < hi+lo < 2, for
// |x| <= wideExpLimit and |xLo| <= 2^-42: the exponential core's
// double-double times 1+xLo, which is e^xLo to far below 2^-57 (its square
// is below 2^-84).
func expWide(x, xLo float64) (k, hi, lo float64) {
	k, pHi, pLo := expReducedK(x)
	hi, lo = fastTwoSum(1, pHi)
	lo += pLo + float64(hi*xLo)
	hi, lo = fastTwoSum(hi, lo)
	return k, hi, lo
}

// sigmoidWide returns sigmoid(x+xLo) as 2^k*(hi+lo), with xLo as in
// expWide. With a = |x| and E = e^-a (its sign folded into xLo's): 1/(1+E)
// for x >= 0, E/(1+E) for x < 0, where E keeps its 2^k apart so that the
// result can reach the subnormals. In 1+E, E is scaled by 2^max(k, -1000):
// below that E is invisible beside 1 either way.
func sigmoidWide(x, xLo float64) (k, hi, lo float64) {
	a, aLo := math.Abs(x), xLo
	if x >= 0 {
		aLo = -xLo
	}
	if a > wideExpLimit {
		a, aLo = wideExpLimit, 0
	}
	k, eHi, eLo := expWide(-a, aLo)
	s := pow2(math.Max(k, -1000))
	dHi, de := fastTwoSum(1, float64(eHi*s))
	dLo := de + float64(eLo*s)
	if x >= 0 {
		hi, lo = ddDiv(1, 0, dHi, dLo)
		return 0, hi, lo
	}
	hi, lo = ddDiv(eHi, eLo, dHi, dLo)
	return k, hi, lo
}

// Sigmoid64 returns 1/(1+e^-x) within 1 ulp.
func Sigmoid64(x float64) float64 {
	k, hi, lo := sigmoidWide(x, 0)
	r := scaleWide(hi, lo, k)
	if x != x {
		r = quietNaN64(x)
	}
	return r
}

// SiLU64 returns x*sigmoid(x) within 1 ulp; SiLU64(-Inf) is -0. Below
// -wideExpLimit the value rounds to -0, which a select gives, since the
// clamped sigmoid times a huge x would not.
func SiLU64(x float64) float64 {
	k, hi, lo := sigmoidWide(x, 0)
	return productSpecials(x, timesWide(x, hi, lo, k), -wideExpLimit)
}

// tanhWideLimit clamps Tanh64's |x|: 1 - tanh(40) is below 2^-114.
const tanhWideLimit = 40

// Tanh64 returns tanh(x) within 1 ulp, odd, -0 kept: m/(m+2) with
// m = e^(2|x|) - 1, as Tanh does.
func Tanh64(x float64) float64 {
	a := math.Min(math.Abs(x), tanhWideLimit)
	k, pHi, pLo := expReducedK(2 * a)
	mHi, mLo := expm1Reduced(pow2(k), pHi, pLo)
	d, de := twoSum(mHi, 2)
	qHi, qLo := ddDiv(mHi, mLo, d, de+mLo)
	r := math.Copysign(qHi+qLo, x)
	if x != x {
		r = quietNaN64(x)
	}
	return r
}

// expm1WideLimit bounds Expm1_64's double-double: below -60, e^x - 1 rounds
// to -1; above 40, e^x - 1 is e^x to 2^-57 relative, and Exp64 takes it.
const expm1WideLimit = 40

// Expm1_64 returns e^x - 1 within 1 ulp (ELU's core); -0 is kept.
func Expm1_64(x float64) float64 {
	k, pHi, pLo := expReducedK(clamp(x, -60, expm1WideLimit))
	hi, lo := expm1Reduced(pow2(k), pHi, pLo)
	r := hi + lo
	if x == 0 {
		r = x
	}
	if x > expm1WideLimit {
		r = Exp64(x)
	}
	if x != x {
		r = quietNaN64(x)
	}
	return r
}

// Exp64 returns e^x within 1 ulp (ELU's gradient): +Inf above about
// 709.78, subnormal below about -708.4, 0 below about -745.1.
func Exp64(x float64) float64 {
	k, hi, lo := expWide(clamp(x, -wideExpLimit, 710), 0)
	r := scaleWide(hi, lo, k)
	if x != x {
		r = quietNaN64(x)
	}
	return r
}

// softplusWideLimit: above it log(1+e^x) rounds to x, below its negative
// it is e^x to 2^-57 relative.
const softplusWideLimit = 40

// Softplus64 returns log(1+e^x) within 1 ulp: max(x, 0) + log1p(e^-|x|)
// between -40 and 40, e^x below, x above.
func Softplus64(x float64) float64 {
	a := math.Min(math.Abs(x), softplusWideLimit)
	k, eHi, eLo := expWide(-a, 0)
	s := pow2(k) // k >= -58
	lHi, lLo := log1pDD(float64(eHi*s), float64(eLo*s))
	m := math.Max(x, 0)
	hi, e := twoSum(m, lHi)
	r := hi + (e + lLo)
	if x > softplusWideLimit {
		r = x
	}
	if x < -softplusWideLimit {
		r = Exp64(x)
	}
	if x != x {
		r = quietNaN64(x)
	}
	return r
}

// mishPositive returns, for F = fHi+fLo = e^-x at x > 0, 1 + 2F, F^2 and
// M' = 1 + 2F + 2F^2, as double-doubles.
func mishPositive(fHi, fLo float64) (nHi, nLo, sqHi, sqLo, mHi, mLo float64) {
	n, ne := twoSum(1, 2*fHi)
	nHi, nLo = fastTwoSum(n, ne+2*fLo)
	sqHi, sqLo = ddMul(fHi, fLo, fHi, fLo)
	m, me := twoSum(nHi, 2*sqHi)
	mHi, mLo = fastTwoSum(m, me+(nLo+2*sqLo))
	return nHi, nLo, sqHi, sqLo, mHi, mLo
}

// mishNegative returns, for E = eHi+eLo = e^x at x <= 0 (scaled), E + 2
// and M = E(E+2) + 2, as double-doubles.
func mishNegative(eHi, eLo float64) (pHi, pLo, mHi, mLo float64) {
	p, pe := twoSum(eHi, 2)
	pHi, pLo = fastTwoSum(p, pe+eLo)
	qHi, qLo := ddMul(eHi, eLo, pHi, pLo)
	m, me := twoSum(2, qHi)
	mHi, mLo = fastTwoSum(m, me+qLo)
	return pHi, pLo, mHi, mLo
}

// Mish64 returns x*tanh(softplus(x)) within 1 ulp; Mish64(-Inf) is -0.
// With E = e^x, tanh(softplus(x)) = E(E+2)/(E(E+2)+2) exactly, so for
// x <= 0 the value is x*E(E+2)/(E(E+2)+2) with E's 2^k kept apart, and
// for x > 0, with F = e^-x, x*(1+2F)/(1+2F+2F^2), which does not overflow.
func Mish64(x float64) float64 {
	a := math.Min(math.Abs(x), wideExpLimit)
	k, eHi, eLo := expWide(-a, 0)
	s := pow2(math.Max(k, -1000))
	fHi, fLo := float64(eHi*s), float64(eLo*s) // e^-|x|
	var nHi, nLo, dHi, dLo, scale float64
	if x > 0 {
		nHi, nLo, _, _, dHi, dLo = mishPositive(fHi, fLo)
	} else {
		// E(E+2) from the unscaled E; M with E scaled.
		var pHi, pLo float64
		pHi, pLo, dHi, dLo = mishNegative(fHi, fLo)
		nHi, nLo = ddMul(eHi, eLo, pHi, pLo)
		scale = k
	}
	qHi, qLo := ddDiv(nHi, nLo, dHi, dLo)
	return productSpecials(x, timesWide(x, qHi, qLo, scale), -wideExpLimit)
}

// geluTanhWideLimit clamps GELUTanh64's x inside v: beyond 25, |v| > 1100
// and the sigmoid is 1 or below 2^-1500.
const geluTanhWideLimit = 25

// geluTanhArgWide returns v = 2*sqrt(2/pi)*(x + 0.044715*x^3) and
// v' = 2*sqrt(2/pi)*(1 + 3*0.044715*x^2) as double-doubles, relative error
// near 2^-100; the two terms of each sum have one sign.
func geluTanhArgWide(x float64) (vHi, vLo, dHi, dLo float64) {
	sqHi, sqLo := twoProd(x, x)
	cHi, cLo := ddMul(geluTanhCoefHi, geluTanhCoefLo, sqHi, sqLo) // 0.044715 x^2
	tHi, tLo := ddMul(cHi, cLo, x, 0)
	s, se := twoSum(x, tHi)
	sHi, sLo := fastTwoSum(s, se+tLo)
	vHi, vLo = ddMul(twoSqrt2OverPiHi, twoSqrt2OverPiLo, sHi, sLo)
	c3, c3e := twoProd(3, cHi)
	u, ue := twoSum(1, c3)
	uHi, uLo := fastTwoSum(u, ue+(c3e+float64(3*cLo)))
	dHi, dLo = ddMul(twoSqrt2OverPiHi, twoSqrt2OverPiLo, uHi, uLo)
	return vHi, vLo, dHi, dLo
}

// GELUTanh64 returns x*sigmoid(v) = x*(1 + tanh(v/2))/2 within 1 ulp, v
// as in geluTanhArgWide with the exact real constants; GELUTanh64(-Inf)
// is -0, as is every x below -geluTanhWideLimit, where the value rounds
// to it.
func GELUTanh64(x float64) float64 {
	vHi, vLo, _, _ := geluTanhArgWide(clamp(x, -geluTanhWideLimit, geluTanhWideLimit))
	k, hi, lo := sigmoidWide(vHi, vLo)
	return productSpecials(x, timesWide(x, hi, lo, k), -geluTanhWideLimit)
}
