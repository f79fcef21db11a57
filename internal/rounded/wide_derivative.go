package rounded

import "math"

// rootSeries is the Taylor series of a derivative about its root x0, for
// |x - x0| < rootWindow: d(x) = t*Q(t), t = x - x0, Q(t) = c1 + c2*t +
// t^2*(c3 + ... + c16*t^13). The root is a sum of three float64 values, so
// that t, which can be as small as 2^-55 at the input nearest the root,
// carries an error near 2^-159 absolute. c1 and c2 are double-doubles; the
// rest, at most 2^-6 of c1*t together, take a float64 Horner. The series'
// truncation is below 2^-66 of the value on the window, and the
// coefficients come from testdata/gen_roots.py.
type rootSeries struct {
	root   [3]float64
	hi, lo [2]float64  // c1, c2
	tail   [14]float64 // c16..c3, highest degree first
}

// rootWindow is where the series replaces the direct formula: beyond it the
// value is at least 1/10 of the largest term of the formula's cancelling
// sum.
const rootWindow = 0.125

// near reports whether x is within the window about s's root.
func (s *rootSeries) near(x float64) bool {
	return math.Abs(x-s.root[0]) < rootWindow
}

// eval returns d(x) for x near s's root, relative error near 2^-60.
// x - root[0] is exact there (Sterbenz).
func (s *rootSeries) eval(x float64) float64 {
	t1 := x - s.root[0]
	t, te := twoSum(t1, -s.root[1])
	t, tLo := fastTwoSum(t, te-s.root[2])
	acc := s.tail[0]
	for _, c := range s.tail[1:] {
		acc = math.FMA(acc, t, c)
	}
	qHi, qLo := ddMulAdd(acc, 0, t, s.hi[1], s.lo[1])
	qHi, qLo = ddMulAdd(qHi, qLo, t, s.hi[0], s.lo[0])
	qLo += float64(s.hi[1] * tLo) // tLo's share of c2*t
	p, pe := twoProd(t, qHi)
	return p + (pe + (float64(t*qLo) + float64(tLo*qHi)))
}

// onePlusTimes returns 2^k*(sHi+sLo)*(1 + pHi+pLo), a sigmoid times the
// factor that crosses zero at root, rounded once; near the root root's
// series, and x's NaN quieted.
func onePlusTimes(x, k, sHi, sLo, pHi, pLo float64, root *rootSeries) float64 {
	f, fe := twoSum(1, pHi)
	fHi, fLo := fastTwoSum(f, fe+pLo)
	dHi, dLo := ddMul(sHi, sLo, fHi, fLo)
	r := scaleWide(dHi, dLo, k)
	if root.near(x) {
		r = root.eval(x)
	}
	if x != x {
		r = quietNaN64(x)
	}
	return r
}

// SiLUDerivative64 returns sigmoid(x)*(1 + x*sigmoid(-x)) within 1 ulp:
// 1 at +Inf, -0 at -Inf. Both sigmoids come from sigmoidWide, the first
// with its 2^k kept for the end; near the root at -1.2785 the series.
func SiLUDerivative64(x float64) float64 {
	xc := clamp(x, -wideExpLimit, wideExpLimit)
	kS, sHi, sLo := sigmoidWide(xc, 0)
	kT, tHi, tLo := sigmoidWide(-xc, 0)
	ts := pow2(math.Max(kT, -1000))
	pHi, pLo := twoProd(xc, float64(tHi*ts))
	pLo += float64(xc * float64(tLo*ts))
	return onePlusTimes(x, kS, sHi, sLo, pHi, pLo, &siluDerivativeRoot)
}

// mishDerivativeWideLimit: above it Mish's derivative, 1 + O(x*e^-2x),
// rounds to 1.
const mishDerivativeWideLimit = 40

// MishDerivative64 returns Mish's derivative within 1 ulp: 1 at +Inf, -0
// at -Inf. With E = e^x and M = E(E+2) + 2 it is E*((E+2)*M + 4x(E+1))/M^2
// for x <= 0 (MishDerivative's formula, E's 2^k kept for the end), and for
// x > 0, with F = e^-x and M' = 1 + 2F + 2F^2 (M = M'/F^2),
// (1+2F)/M' + 4x*F^2*(1+F)/M'^2, two positive terms. Near the root at
// -1.19 the series.
func MishDerivative64(x float64) float64 {
	a := math.Min(math.Abs(x), wideExpLimit)
	if x > 0 {
		a = math.Min(a, mishDerivativeWideLimit)
	}
	k, eHi, eLo := expWide(-a, 0)
	s := pow2(math.Max(k, -1000))
	fHi, fLo := float64(eHi*s), float64(eLo*s) // e^-|x|
	xc := math.Copysign(a, x)
	var r float64
	if x > 0 {
		nHi, nLo, sqHi, sqLo, mHi, mLo := mishPositive(fHi, fLo)
		aHi, aLo := ddDiv(nHi, nLo, mHi, mLo)
		f1, f1e := twoSum(1, fHi)
		bHi, bLo := ddMul(sqHi, sqLo, f1, f1e+fLo)
		bHi, bLo = ddMul(bHi, bLo, 4*xc, 0)
		m2Hi, m2Lo := ddMul(mHi, mLo, mHi, mLo)
		bHi, bLo = ddDiv(bHi, bLo, m2Hi, m2Lo)
		h, he := twoSum(aHi, bHi)
		r = h + (he + (aLo + bLo))
	} else {
		e1, e1e := twoSum(fHi, 1)
		e1Hi, e1Lo := fastTwoSum(e1, e1e+fLo)
		e2Hi, e2Lo, mHi, mLo := mishNegative(fHi, fLo)
		aHi, aLo := ddMul(e2Hi, e2Lo, mHi, mLo)
		bHi, bLo := ddMul(e1Hi, e1Lo, 4*xc, 0)
		sm, sme := twoSum(aHi, bHi)
		sHi, sLo := fastTwoSum(sm, sme+(aLo+bLo))
		nHi, nLo := ddMul(eHi, eLo, sHi, sLo)
		dHi, dLo := ddMul(mHi, mLo, mHi, mLo)
		hi, lo := ddDiv(nHi, nLo, dHi, dLo)
		r = scaleWide(hi, lo, k)
	}
	if mishDerivativeRoot.near(x) {
		r = mishDerivativeRoot.eval(x)
	}
	if x != x {
		r = quietNaN64(x)
	}
	return r
}

// GELUTanhDerivative64 returns the derivative of GELUTanh64's function,
// sigmoid(v)*(1 + x*v'*sigmoid(-v)), within 1 ulp: 1 at +Inf, -0 at -Inf.
// Near the root at -0.7522 the series.
func GELUTanhDerivative64(x float64) float64 {
	xc := clamp(x, -geluTanhWideLimit, geluTanhWideLimit)
	vHi, vLo, dvHi, dvLo := geluTanhArgWide(xc)
	kS, sHi, sLo := sigmoidWide(vHi, vLo)
	kT, tHi, tLo := sigmoidWide(-vHi, -vLo)
	ts := pow2(math.Max(kT, -1000))
	wHi, wLo := ddMul(dvHi, dvLo, xc, 0)
	pHi, pLo := ddMul(wHi, wLo, float64(tHi*ts), float64(tLo*ts))
	return onePlusTimes(x, kS, sHi, sLo, pHi, pLo, &geluTanhDerivativeRoot)
}
