package rounded

import "math"

// The exponential core. e^x = 2^k * e^r with k = RoundToEven(x/ln2) and
// r = x - k*ln2, |r| <= ln2/2 (plus a hair from the rounded 1/ln2, which
// only moves the choice of k, never the exactness of r).
//
// Range reduction (Cody and Waite): ln2 = ln2Hi + ln2Mid + (below 2^-97).
// ln2Hi has 42 significant bits, so k*ln2Hi is exact for |k| < 2^11, which
// covers the |x| <= 200 the callers clamp to; and x - k*ln2Hi is exact by
// Sterbenz's lemma, because k is the nearest integer to x/ln2, which puts
// x and k*ln2Hi within a factor of two of each other whenever k != 0. The
// second part k*ln2Mid is subtracted with TwoSum, which leaves r as a
// double-double rHi+rLo whose error (from the dropped tail of ln2 and the
// rounding of k*ln2Mid) is about 2^-88 absolute: negligible against e^r,
// and zero when k == 0, where r = x exactly and expm1 needs relative
// accuracy for tiny x.
//
// Polynomial: e^r - 1 = r + r^2/2 + r^3*P(r), P the Taylor polynomial with
// coefficients 1/3! .. 1/14!. The Taylor remainder after r^14/14! is below
// |r|^15/15! * e^|r|, under 2^-62 relative to r on |r| <= ln2/2. The r^2/2
// term is kept exactly (twoProd), the r^3*P(r) term is at most r^3/5 and is
// computed in float64, so its rounding errors are below 2^-58 relative to r;
// the rLo correction enters as rLo*(1+r), the first-order effect of rLo on
// e^r - 1. The result p = e^r - 1 is a double-double with relative error
// below about 2^-57, relative to p itself, for all |r| <= ln2/2.
//
// 2^k is built from the bits: (k+1023) << 52. The callers keep |x| <= 200,
// so |k| <= 289 and 2^k, e^x and every intermediate stay normal float64
// numbers: no exponent splitting is needed.

const (
	invLn2 = 0x1.71547652b82fep+0
	ln2Hi  = 0x1.62e42fefa3800p-1 // 42 significant bits
	ln2Mid = 0x1.ef35793c76730p-45
	ln2    = 0x1.62e42fefa39efp-1  // RN(ln2)
	ln2Lo  = 0x1.abc9e3b39803fp-56 // RN(ln2 - ln2)

	// expArgLimit bounds the arguments of the exponential core; see above.
	expArgLimit = 200
)

// expTaylor holds 1/n! for n = 3..14, highest degree first, for Horner.
var expTaylor = [...]float64{
	0x1.93974a8c07c9dp-37, // 1/14!
	0x1.6124613a86d09p-33,
	0x1.1eed8eff8d898p-29,
	0x1.ae64567f544e4p-26,
	0x1.27e4fb7789f5cp-22,
	0x1.71de3a556c734p-19,
	0x1.a01a01a01a01ap-16,
	0x1.a01a01a01a01ap-13,
	0x1.6c16c16c16c17p-10,
	0x1.1111111111111p-7,
	0x1.5555555555555p-5,
	0x1.5555555555555p-3, // 1/3!
}

// expReduced returns scale = 2^k and the double-double p = e^r - 1 with
// e^x = scale * (1 + p), for |x| <= expArgLimit.
func expReduced(x float64) (scale, pHi, pLo float64) {
	k, pHi, pLo := expReducedK(x)
	scale = math.Float64frombits(uint64(int64(k)+1023) << 52)
	return scale, pHi, pLo
}

// expReducedK is expReduced with the exponent k itself in place of 2^k,
// for the binary64 functions (wide.go), whose k leaves float64's normal
// range: ln2Hi's 42 significant bits keep k*ln2Hi exact for |k| < 2^11,
// so it holds for |x| up to about 1400.
func expReducedK(x float64) (k, pHi, pLo float64) {
	k = math.RoundToEven(float64(x * invLn2))
	r1 := x - float64(k*ln2Hi) // exact, see the file comment
	rHi, rLo := twoSum(r1, -float64(k*ln2Mid))

	poly := expTaylor[0]
	for _, c := range expTaylor[1:] {
		poly = math.FMA(poly, rHi, c)
	}
	sq, sqErr := twoProd(rHi, rHi)
	half, halfErr := 0.5*sq, 0.5*sqErr // exact
	cube := float64(rHi * sq)
	tail := math.FMA(cube, poly, math.FMA(rLo, rHi, rLo)+halfErr)
	s, se := fastTwoSum(rHi, half) // |r| >= r^2/2 for |r| < 2
	pHi, pLo = fastTwoSum(s, se+tail)
	return k, pHi, pLo
}

// expDD returns e^x as a double-double with relative error below about
// 2^-57, for |x| <= expArgLimit.
func expDD(x float64) (hi, lo float64) {
	scale, pHi, pLo := expReduced(x)
	hi, e := fastTwoSum(1, pHi) // |p| < 1
	return hi * scale, (e + pLo) * scale
}

// expm1DD returns e^x - 1 as a double-double with relative error below about
// 2^-57, for |x| <= expArgLimit. With k == 0 it is p itself, which carries
// the relative accuracy of tiny x; otherwise |e^x - 1| >= 1 - e^(-ln2/2) and
// the sum (2^k - 1) + 2^k*p cancels by a bounded factor. 2^k - 1 is taken
// exactly as a double-double, since it needs more than 53 bits for k < -53.
func expm1DD(x float64) (hi, lo float64) {
	return expm1Reduced(expReduced(x))
}

// expm1Reduced returns scale*(1 + p) - 1 for p = pHi+pLo from expReduced
// (or expReducedK, scale = 2^k a normal float64), as expm1DD describes.
func expm1Reduced(scale, pHi, pLo float64) (hi, lo float64) {
	c, ce := twoSum(scale, -1)
	s, se := twoSum(c, float64(scale*pHi)) // scale*pHi is exact
	return fastTwoSum(s, se+(float64(scale*pLo)+ce))
}

// expm1DDPair returns e^(xHi+xLo) - 1 for a double-double argument with
// |xLo| <= ulp(xHi), |xHi| <= expArgLimit, with relative error near 2^-57.
// e^(xHi+xLo) - 1 = expm1(xHi) + e^xHi*(e^xLo - 1), and e^xLo - 1 is xLo
// to a relative 2^-53, so the second term is scale*(1+p)*xLo to far below
// the first term's error: it is at most 2^-52 of e^xHi, and of expm1(xHi)
// near zero, where e^xHi is 1 and |xLo| <= 2^-52*|xHi|.
func expm1DDPair(xHi, xLo float64) (hi, lo float64) {
	scale, pHi, pLo := expReduced(xHi)
	c, ce := twoSum(scale, -1)
	s, se := twoSum(c, float64(scale*pHi))
	shift := float64(scale * (xLo + float64(pHi*xLo)))
	return fastTwoSum(s, se+(float64(scale*pLo)+ce)+shift)
}

// Exp returns e^x correctly rounded to float32: ELU's gradient takes it
// (alpha times e^x for x <= 0).
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from expDD. The argument is
// clamped to [-200, 200], where e^x is far beyond float32's range at
// either end: +Inf and +0 are the rounded values out there.
func Exp(x float32) float32 {
	if r, ok := expFloat64(x); ok {
		return r
	}
	return expDoubleDouble(x)
}

// expDoubleDouble is Exp's double-double evaluation, for the inputs that
// expFloat64 leaves to it.
func expDoubleDouble(x float32) float32 {
	r := roundToFloat32(expDD(clamp(float64(x), -expArgLimit, expArgLimit)))
	if x != x {
		r = quietNaN(x)
	}
	return r
}
