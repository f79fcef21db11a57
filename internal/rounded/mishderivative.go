package rounded

import "math"

// MishDerivative returns the derivative of Mish correctly rounded to
// float32: Mish's gradient is grad times it. With E = e^x, Mish(x) =
// x*E(E+2)/N, N = E^2 + 2E + 2, and
//
//	d(x) = E*((E+2)*N + 4x*(E+1))/N^2,
//
// 1 at +Inf and -0 at -Inf (the limits).
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below, which computes the same expression from expDD. The sum
// (E+2)*N + 4x*(E+1) cancels near x = -1.19, where d crosses zero; its
// error stays near 2^-55 absolute, which the exhaustive check shows to be
// enough. x is clamped to [-expArgLimit, mishArgLimit] everywhere: d rounds
// to -0 below and to 1 above.
func MishDerivative(x float32) float32 {
	if r, ok := mishDerivativeFloat64(x); ok {
		return r
	}
	return mishDerivativeDoubleDouble(x)
}

// mishDerivativeDoubleDouble is MishDerivative's double-double evaluation,
// for the inputs that mishDerivativeFloat64 leaves to it.
func mishDerivativeDoubleDouble(x float32) float32 {
	xc := clamp(float64(x), -expArgLimit, mishArgLimit)
	eHi, eLo := expDD(xc)
	e1, e1e := twoSum(eHi, 1)
	e1Hi, e1Lo := fastTwoSum(e1, e1e+eLo)
	e2, e2e := twoSum(eHi, 2)
	e2Hi, e2Lo := fastTwoSum(e2, e2e+eLo)
	sqHi, sqLo := ddMul(e1Hi, e1Lo, e1Hi, e1Lo)
	n, ne := twoSum(sqHi, 1)
	nHi, nLo := fastTwoSum(n, ne+sqLo)
	aHi, aLo := ddMul(e2Hi, e2Lo, nHi, nLo)
	bHi, bLo := ddMul(e1Hi, e1Lo, 4*xc, 0) // 4*xc is exact
	s, se := twoSum(aHi, bHi)
	sHi, sLo := fastTwoSum(s, se+(aLo+bLo))
	numHi, numLo := ddMul(eHi, eLo, sHi, sLo)
	denHi, denLo := ddMul(nHi, nLo, nHi, nLo)
	r := roundToFloat32(ddDiv(numHi, numLo, denHi, denLo))
	if x != x {
		r = quietNaN(x)
	}
	return r
}

// mishDerivativeFloat64 is MishDerivative's float64 path, the same
// expression in float64: E is off by a few 2^-53 relative, and so are
// (E+2)*N and 4x*(E+1) and the quotient's other factors; the sum that
// cancels is off by that much of its terms. The bound is 2^-45 times
// E*(|(E+2)*N| + |4x*(E+1)|)/N^2 plus |d|, as an absolute bound.
func mishDerivativeFloat64(x float32) (float32, bool) {
	xc := clamp(float64(x), -expArgLimit, mishArgLimit)
	s, q := expReducedFloat64(xc)
	e := math.FMA(s, q, s)
	n := math.FMA(e+1, e+1, 1)
	a := float64((e + 2) * n)
	b := float64(4 * xc * (e + 1))
	n2 := float64(n * n)
	d := float64(e*(a+b)) / n2
	terms := float64(e*(math.Abs(a)+math.Abs(b))) / n2
	return certainWithin(d, 0x1p-45*(terms+math.Abs(d)))
}
