package rounded

import "math"

// GELUTanh returns x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))/2, the tanh
// approximation of GELU with its constants taken as exact reals, correctly
// rounded to float32. GELUTanh(-Inf) is -0, the limit.
//
// Most inputs are rounded from a float64 evaluation and a test that the
// rounding is certain (float64.go); the others from the double-double
// evaluation below.
//
// With v = 2*sqrt(2/pi)*(x + 0.044715*x^3), (1 + tanh(v/2))/2 is
// sigmoid(v), so GELUTanh(x) = x*sigmoid(v): SiLU's evaluation at v instead
// of x. v is a double-double (geluTanhArg), and the sigmoid takes it whole
// (expm1DDPair), since in the negative tail the error of v becomes the
// relative error of the result: |v| reaches 180 there, so a float64 v would
// bring 2^-46. Near zero GELUTanh(x) = x/2 + x^2/sqrt(2*pi) + ..., and as in
// SiLU the error of the double-double sigmoid is relative to sigmoid - 1/2,
// so the structure of the exact value is kept.
//
// x is clamped to [-geluTanhLimit, geluTanhLimit] for v: beyond it the
// result rounds to x above, and to -0 below, which a select gives.
func GELUTanh(x float32) float32 {
	if r, ok := geluTanhFloat64(x); ok {
		return r
	}
	return geluTanhDoubleDouble(x)
}

// geluTanhDoubleDouble is GELUTanh's double-double evaluation, correct on every
// input by itself (see the comment of GELUTanh).
func geluTanhDoubleDouble(x float32) float32 {
	xf := float64(x)
	vHi, vLo := geluTanhArg(clamp(xf, -geluTanhLimit, geluTanhLimit))
	mHi, mLo := expm1DDPair(-vHi, -vLo)
	dHi, de := twoSum(2, mHi)
	sHi, sLo := ddDiv(1, 0, dHi, de+mLo)
	pHi, pLo := twoProd(xf, sHi)
	r := roundToFloat32(pHi, pLo+float64(xf*sLo))
	if x == 0 || x > math.MaxFloat32 {
		r = x
	}
	if xf <= -geluTanhLimit {
		r = float32(math.Copysign(0, -1))
	}
	if x != x {
		r = quietNaN(x)
	}
	return r
}

// geluTanhLimit bounds the arguments of GELUTanh's sigmoid: at 13, |v| is
// about 177, inside expArgLimit, and sigmoid(-v) is below 2^-255, so
// |GELUTanh(-13)| is far below the smallest subnormal and x*sigmoid(v)
// rounds to x for x >= 13.
const geluTanhLimit = 13

// Double-double constants: 2*sqrt(2/pi) and 0.044715.
const (
	twoSqrt2OverPiHi = 0x1.9884533d43651p+0
	twoSqrt2OverPiLo = -0x1.cbc0d30ebfd15p-54
	geluTanhCoefHi   = 0x1.6e4e26d4801f7p-5
	geluTanhCoefLo   = 0x1.441355475a31ap-59
)

// geluTanhArg returns v = 2*sqrt(2/pi)*x*(1 + 0.044715*x^2) as a
// double-double, relative error about 2^-104: x^2 is exact (float32 x), and
// every product and sum keeps its rounding error.
func geluTanhArg(x float64) (hi, lo float64) {
	x2 := float64(x * x)
	p, pErr := twoProd(geluTanhCoefHi, x2)
	pErr += float64(geluTanhCoefLo * x2)
	s, sErr := twoSum(1, p)
	sHi, sLo := fastTwoSum(s, sErr+pErr)
	aHi, aLo := ddMul(sHi, sLo, x, 0)
	return ddMul(aHi, aLo, twoSqrt2OverPiHi, twoSqrt2OverPiLo)
}
