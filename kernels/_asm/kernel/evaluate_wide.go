package kernel

import "math"

// The binary64 functions of internal/rounded (its wide.go: Sigmoid64,
// Tanh64, ...), written once as lane operations on float64 elements for
// package f64's assembly. Each runs the scalar function's IEEE operations
// in the same order, its branches as compares and selects, so that every
// lane holds the scalar function's bits: nothing is handed back to the Go
// side, and the kernels are whole-vector loops (the Checked shape with no
// Require). Where a description departs from the scalar text it says why
// the bits are the same: the departures only change the sign of a zero
// that is then added to a number that is not zero. The tests compare every
// path with the generic kernel, bit for bit.

// WideEvaluations are the lane evaluations of internal/rounded's binary64
// functions, by the name Lane.Rounded takes ("Sigmoid" for Sigmoid64):
// each returns the function's value at the float64 lanes x, x kept.
var WideEvaluations = map[string]func(l Lane, x Value) Value{
	"Sigmoid": sigmoid64Lanes,
	"SiLU":    silu64Lanes,
	"Tanh":    tanh64Lanes,
	"Expm1":   expm164Lanes,
	"Exp":     exp64Lanes,

	"GELUTanh": geluTanh64Lanes,
	"Softplus": softplus64Lanes,
	"Mish":     mish64Lanes,
	"GELU":     gelu64Lanes,

	"SiLUDerivative":     siluDerivative64Lanes,
	"GELUTanhDerivative": geluTanhDerivative64Lanes,
	"MishDerivative":     mishDerivative64Lanes,
	"GELUDerivative":     geluDerivative64Lanes,
}

// WideChecked reports whether package f64's assembly evaluates k: every
// Rounded call of k has a WideEvaluation.
func WideChecked(k Kernel) bool { return checkedBy(k, WideEvaluations) }

// The constants of internal/rounded's exp.go and wide.go.
const (
	ln2Hi          = 0x1.62e42fefa3800p-1 // 42 significant bits: k*ln2Hi is exact for |k| < 2^11
	ln2Mid         = 0x1.ef35793c76730p-45
	wideExpLimit   = 760
	wideExpHigh    = 710 // Exp64's upper clamp
	tanhWideLimit  = 40
	expm1WideLimit = 40
	expm1WideLow   = -60
)

// expTaylor is internal/rounded's: 1/n! for n = 14 down to 3.
var expTaylor = [...]float64{
	0x1.93974a8c07c9dp-37, 0x1.6124613a86d09p-33, 0x1.1eed8eff8d898p-29,
	0x1.ae64567f544e4p-26, 0x1.27e4fb7789f5cp-22, 0x1.71de3a556c734p-19,
	0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-13, 0x1.6c16c16c16c17p-10,
	0x1.1111111111111p-7, 0x1.5555555555555p-5, 0x1.5555555555555p-3,
}

// twoSum64 is twoSum: s = a + b and its exact error e, a and b given up.
func twoSum64(l Lane, a, b Value) (s, e Value) {
	s = l.Add(l.Copy64(a), b)
	bb := l.Sub(l.Copy64(s), a)
	t := l.Sub(l.Copy64(s), bb)
	a = l.Sub(a, t) // a - (s - bb)
	l.Done(t)
	b = l.Sub(b, bb)
	l.Done(bb)
	e = l.Add(a, b)
	l.Done(b)
	return s, e
}

// fastTwoSum64 is fastTwoSum: s = a + b, e = b - (s - a), a and b given up.
func fastTwoSum64(l Lane, a, b Value) (s, e Value) {
	s = l.Add(l.Copy64(a), b)
	d := l.Sub(l.Copy64(s), a)
	l.Done(a)
	e = l.Sub(b, d)
	l.Done(d)
	return s, e
}

// twoProd64 is twoProd: p = a*b and e = a*b - p exactly (one FMA), a and
// b kept.
func twoProd64(l Lane, a, b Value) (p, e Value) {
	p = l.Mul(a, b)
	return p, l.FMA(a, b, l.Mul(p, c64(l, -1)))
}

// ddDiv64 is ddDiv: (nHi + nLo)/(dHi + dLo), every operand given up.
func ddDiv64(l Lane, nHi, nLo, dHi, dLo Value) (qHi, qLo Value) {
	q1 := l.Div(l.Copy64(nHi), dHi)
	nq := l.Mul(q1, c64(l, -1))
	rem := l.FMA(nq, dHi, nHi) // -q1*dHi + nHi
	l.Done(nq)
	t := l.Mul(q1, dLo)
	l.Done(dLo)
	u := l.Sub(nLo, t)
	l.Done(t)
	rem = l.Add(rem, u)
	l.Done(u)
	q2 := l.Div(rem, dHi)
	l.Done(dHi)
	return fastTwoSum64(l, q1, q2)
}

// pow264 is pow2: 2^k from the bits, (k + 1023) << 52, for an integral k
// in [-1022, 1023], in k. The low bits of k + roundMagic are 2^51 + k.
func pow264(l Lane, k Value) Value {
	b := l.Add(k, c64(l, roundMagic))
	return l.ShiftLeft(l.IntAdd(b, l.Const64(1023)), 52)
}

// scaleWide64 is scaleWide: (hi + lo)*2^h*2^(k-h), h = floor(k/2), every
// operand given up. floor(k/2) is k/2 - 1/4 rounded to an integer (one
// FMA, exact, and never a tie for an integral k), by adding roundMagic,
// whose sum gives 2^h's bits too. h is +0 where floor gives -0, which
// 2^h and k - h do not see.
func scaleWide64(l Lane, hi, lo, k Value) Value {
	hb := l.Add(l.FMA(k, c64(l, 0.5), c64(l, -0.25)), c64(l, roundMagic))
	h := l.Sub(l.Copy64(hb), c64(l, roundMagic))
	kh := l.Sub(k, h)
	l.Done(h)
	ph := l.ShiftLeft(l.IntAdd(hb, l.Const64(1023)), 52)
	y := l.Add(hi, lo)
	l.Done(lo)
	y = l.MulInPlace(y, ph)
	l.Done(ph)
	pk := pow264(l, kh)
	y = l.MulInPlace(y, pk)
	l.Done(pk)
	return y
}

// expReducedK64 is expReducedK: k and the double-double pHi + pLo =
// e^r - 1, e^x = 2^k(1 + p), x given up. k is x*invLn2 rounded by adding
// and subtracting roundMagic: math.RoundToEven's value, but +0 where it
// gives -0, which changes only the sign of zeros that the sums with 1
// after it absorb (x itself is then a zero, or 2^k's bits are the same).
// -k*ln2Mid is k times the negated constant: the same product, negated.
func expReducedK64(l Lane, x Value) (k, pHi, pLo Value) {
	k = l.Add(l.Mul(x, c64(l, invLn2)), c64(l, roundMagic))
	k = l.Sub(k, c64(l, roundMagic))
	kh := l.Mul(k, c64(l, ln2Hi))
	r1 := l.Sub(x, kh) // exact
	l.Done(kh)
	rHi, rLo := twoSum64(l, r1, l.Mul(k, c64(l, -ln2Mid)))
	poly := horner(l, expTaylor[:], rHi)
	sq, sqErr := twoProd64(l, rHi, rHi)
	half := l.Mul(sq, c64(l, 0.5))
	halfErr := l.MulInPlace(sqErr, c64(l, 0.5))
	cube := l.MulInPlace(sq, rHi)
	tail := l.Add(l.FMA(rLo, rHi, rLo), halfErr)
	l.Done(halfErr)
	tail = l.FMA(cube, poly, tail)
	l.Done(cube, poly)
	s, se := fastTwoSum64(l, rHi, half)
	se = l.Add(se, tail)
	l.Done(tail)
	pHi, pLo = fastTwoSum64(l, s, se)
	return k, pHi, pLo
}

// expWide64 is expWide with xLo = 0: 2^k(hi + lo) = e^x, x given up.
func expWide64(l Lane, x Value) (k, hi, lo Value) {
	k, pHi, pLo := expReducedK64(l, x)
	hi, lo = onePlus64(l, pHi, pLo, 0, false)
	return k, hi, lo
}

// expWideLo64 is expWide: 2^k(hi + lo) = e^(x + xLo), x and xLo given up.
func expWideLo64(l Lane, x, xLo Value) (k, hi, lo Value) {
	k, pHi, pLo := expReducedK64(l, x)
	hi, lo = onePlus64(l, pHi, pLo, xLo, true)
	return k, hi, lo
}

// onePlus64 is expWide's sums after the reduction: hi + lo = 1 + pHi +
// pLo, with pLo + hi*xLo in place of pLo where withLo says there is an
// xLo; every operand given up. Without it the scalar function adds
// hi*xLo, a zero, to pLo: only a zero's sign, which the sum with hi >= 1
// after it absorbs.
func onePlus64(l Lane, pHi, pLo, xLo Value, withLo bool) (hi, lo Value) {
	hi, lo = fastTwoSum64(l, c64(l, 1), pHi)
	if withLo {
		t := l.MulInPlace(xLo, hi)
		pLo = l.Add(pLo, t)
		l.Done(t)
	}
	lo = l.Add(lo, pLo)
	l.Done(pLo)
	return fastTwoSum64(l, hi, lo)
}

// scale64 is pow2(max(k, -1000)), k given up: the factor that brings a
// 2^k kept apart into a sum with 1, where below 2^-1000 it is invisible.
func scale64(l Lane, k Value) Value {
	return pow264(l, l.Max(c64(l, -1000), k))
}

// expNegative64 returns e^-a as 2^k(eHi + eLo) and, scaled by scale64,
// fHi + fLo, all five spilled: Mish's and its derivative's start, a given
// up.
func expNegative64(l Lane, a Value) (k, eHi, eLo, fHi, fLo Value) {
	k, eHi, eLo = expWide64(l, l.MulInPlace(a, c64(l, -1)))
	s := scale64(l, l.Copy64(k))
	fHi, fLo = l.Mul(eHi, s), l.Mul(eLo, s)
	l.Done(s)
	return l.Spill64(k), l.Spill64(eHi), l.Spill64(eLo), l.Spill64(fHi), l.Spill64(fLo)
}

// sigmoidWide64 is sigmoidWide with xLo = 0, x kept: E = e^-|x| (|x|
// clamped to wideExpLimit), then 1/(1 + E) where x >= 0 and E/(1 + E)
// scaled by 2^k elsewhere: one division, of the numerator the lane
// selects, with 0 for its low part and k where the scalar function gives
// 1, 0 and 0.
func sigmoidWide64(l Lane, x Value) (k, hi, lo Value) {
	k, eHi, eLo, dHi, dLo := sigmoidParts64(l, x)
	return sigmoidDiv64(l, l.Compare(GE, x, c64(l, 0)), k, eHi, eLo, dHi, dLo)
}

// sigmoidParts64 is sigmoidWide up to its division, x kept: k and eHi +
// eLo with e^-|x| = 2^k(eHi + eLo), and dHi + dLo = 1 + E, E scaled by
// 2^max(k, -1000). sigmoidWide(x) and sigmoidWide(-x) share them: the
// scalar function's xLo, which alone tells them apart, is zero.
func sigmoidParts64(l Lane, x Value) (k, eHi, eLo, dHi, dLo Value) {
	a := l.Min(c64(l, wideExpLimit), l.Abs(l.Copy64(x)))
	k, eHi, eLo = expWide64(l, l.MulInPlace(a, c64(l, -1)))
	return sigmoidSum64(l, k, eHi, eLo)
}

// sigmoidPartsLo64 is sigmoidParts64 of x + xLo, both kept: e^-(|x| + aLo)
// with aLo = -xLo where x >= 0 and xLo elsewhere, 0 where |x| is clamped.
// sigmoidWide(x, xLo) and sigmoidWide(-x, -xLo) share them but where x is
// a zero, and so xLo: there aLo is a zero of either sign.
func sigmoidPartsLo64(l Lane, x, xLo Value) (k, eHi, eLo, dHi, dLo Value) {
	abs := l.Abs(l.Copy64(x))
	big := l.Compare(GT, abs, c64(l, wideExpLimit))
	a := l.Min(c64(l, wideExpLimit), abs)
	pos := l.Compare(GE, x, c64(l, 0))
	nLo := l.Mul(xLo, c64(l, -1))
	aLo := l.Select(pos, nLo, l.Copy64(xLo))
	l.Done(pos, nLo)
	aLo = l.Select(big, c64(l, 0), aLo)
	l.Done(big)
	k, eHi, eLo = expWideLo64(l, l.MulInPlace(a, c64(l, -1)), aLo)
	return sigmoidSum64(l, k, eHi, eLo)
}

// sigmoidSum64 returns k, eHi, eLo and dHi + dLo = 1 + E, E = eHi + eLo
// scaled by 2^max(k, -1000).
func sigmoidSum64(l Lane, k, eHi, eLo Value) (Value, Value, Value, Value, Value) {
	s := scale64(l, l.Copy64(k))
	dHi, de := fastTwoSum64(l, c64(l, 1), l.Mul(eHi, s))
	u := l.Mul(eLo, s)
	l.Done(s)
	dLo := l.Add(de, u)
	l.Done(u)
	return k, eHi, eLo, dHi, dLo
}

// sigmoidDiv64 is sigmoidWide's division: where pos holds (x >= 0),
// 1/(1 + E) and k = 0, elsewhere E/(1 + E) and k; every operand given up.
func sigmoidDiv64(l Lane, pos, k, eHi, eLo, dHi, dLo Value) (kr, hi, lo Value) {
	eHi = l.Select(pos, c64(l, 1), eHi)
	eLo = l.Select(pos, c64(l, 0), eLo)
	k = l.Select(pos, c64(l, 0), k)
	l.Done(pos)
	hi, lo = ddDiv64(l, eHi, eLo, dHi, dLo)
	return k, hi, lo
}

// ddMul64 is ddMul: (aHi + aLo)(bHi + bLo) without aLo*bLo, every operand
// given up.
func ddMul64(l Lane, aHi, aLo, bHi, bLo Value) (pHi, pLo Value) {
	p, e := twoProd64(l, aHi, bHi)
	t := l.MulInPlace(bLo, aHi)
	l.Done(aHi)
	u := l.MulInPlace(aLo, bHi)
	l.Done(bHi)
	t = l.Add(t, u)
	l.Done(u)
	e = l.Add(e, t)
	l.Done(t)
	return fastTwoSum64(l, p, e)
}

// rootSeries is internal/rounded's: a derivative's Taylor series about its
// root, the tables written by its testdata/gen_roots.py (wide_roots.go).
type rootSeries struct {
	root   [3]float64
	hi, lo [2]float64
	tail   [14]float64
}

// rootWindow is internal/rounded's: the series replaces the direct formula
// where |x - root| < rootWindow.
const rootWindow = 0.125

// rootTimes64 is onePlusTimes: 2^k(sHi + sLo)(1 + pHi + pLo), and s's
// series where x is within rootWindow of its root, x's NaN quieted; every
// operand but x given up.
func rootTimes64(l Lane, x, k, sHi, sLo, pHi, pLo Value, s *rootSeries) Value {
	f, fe := twoSum64(l, c64(l, 1), pHi)
	fe = l.Add(fe, pLo)
	l.Done(pLo)
	fHi, fLo := fastTwoSum64(l, f, fe)
	dHi, dLo := ddMul64(l, sHi, sLo, fHi, fLo)
	return rootSelect64(l, x, scaleWide64(l, dHi, dLo, k), s)
}

// rootSelect64 returns r, given up, with s's series where x is within
// rootWindow of its root, and x's NaN quieted.
func rootSelect64(l Lane, x, r Value, s *rootSeries) Value {
	t1 := l.Sub(l.Copy64(x), c64(l, s.root[0]))
	at := l.Abs(l.Copy64(t1))
	near := l.Compare(LT, at, c64(l, rootWindow))
	l.Done(at)
	series := rootEval64(l, t1, s)
	r = l.Select(near, series, r)
	l.Done(near, series)
	return nanQuieted64(l, x, r)
}

// rootEval64 is rootSeries.eval from t1 = x - root[0], given up. The
// first ddMulAdd's aLo*t is a zero added to a number, left out.
func rootEval64(l Lane, t1 Value, s *rootSeries) Value {
	t, te := twoSum64(l, t1, c64(l, -s.root[1]))
	te = l.Sub(te, c64(l, s.root[2]))
	t, tLo := fastTwoSum64(l, t, te)
	acc := horner(l, s.tail[:], t)
	qHi, qLo := ddMulAdd64(l, acc, 0, false, t, s.hi[1], s.lo[1])
	qHi, qLo = ddMulAdd64(l, qHi, qLo, true, t, s.hi[0], s.lo[0])
	c := l.Mul(tLo, c64(l, s.hi[1]))
	qLo = l.Add(qLo, c)
	l.Done(c)
	p, pe := twoProd64(l, t, qHi)
	u := l.MulInPlace(qLo, t)
	v := l.MulInPlace(tLo, qHi)
	l.Done(t, qHi)
	u = l.Add(u, v)
	l.Done(v)
	pe = l.Add(pe, u)
	l.Done(u)
	p = l.Add(p, pe)
	l.Done(pe)
	return p
}

// ddMulAdd64 is ddMulAdd: (aHi + aLo)*t + (cHi + cLo), aHi and aLo given
// up, t kept; without lo, aLo is a zero, whose product is left out.
func ddMulAdd64(l Lane, aHi, aLo Value, lo bool, t Value, cHi, cLo float64) (hi, rLo Value) {
	return ddMulAddV64(l, aHi, aLo, lo, t, c64(l, cHi), c64(l, cLo))
}

// ddMulAddV64 is ddMulAdd64 with cHi and cLo values, given up.
func ddMulAddV64(l Lane, aHi, aLo Value, lo bool, t, cHi, cLo Value) (hi, rLo Value) {
	p, pErr := twoProd64(l, aHi, t)
	l.Done(aHi)
	if lo {
		pErr = l.Add(pErr, l.MulInPlace(aLo, t))
		l.Done(aLo)
	}
	s, sErr := twoSum64(l, cHi, p)
	pErr = l.Add(pErr, cLo)
	l.Done(cLo)
	sErr = l.Add(sErr, pErr)
	l.Done(pErr)
	return fastTwoSum64(l, s, sErr)
}

// siluDerivative64Lanes is SiLUDerivative64: sigmoid(x)(1 + x*sigmoid(-x))
// from x clamped to wideExpLimit, both sigmoids from one sigmoidParts64.
func siluDerivative64Lanes(l Lane, x Value) Value {
	xc := l.Min(c64(l, wideExpLimit), l.Max(c64(l, -wideExpLimit), l.Copy64(x)))
	k, eHi, eLo, dHi, dLo := sigmoidParts64(l, xc)
	// Both divisions read the parts, from memory: AVX2 has too few
	// registers to hold them and a division's values.
	k, eHi, eLo, dHi, dLo = l.Spill64(k), l.Spill64(eHi), l.Spill64(eLo), l.Spill64(dHi), l.Spill64(dLo)
	// sigmoid(-xc): -xc >= 0 where xc <= 0; only 2^max(kT, -1000) of its k.
	kT, tHi, tLo := sigmoidDiv64(l, l.Compare(LE, xc, c64(l, 0)), k, eHi, eLo, dHi, dLo)
	ts := scale64(l, kT)
	tHi = l.MulInPlace(tHi, ts)
	tLo = l.MulInPlace(tLo, ts)
	l.Done(ts)
	kS, sHi, sLo := sigmoidDiv64(l, l.Compare(GE, xc, c64(l, 0)), k, eHi, eLo, dHi, dLo)
	pHi, pLo := twoProd64(l, xc, tHi)
	l.Done(tHi)
	tLo = l.MulInPlace(tLo, xc)
	l.Done(xc)
	pLo = l.Add(pLo, tLo)
	l.Done(tLo)
	return rootTimes64(l, x, kS, sHi, sLo, pHi, pLo, &siluDerivativeRoot)
}

// nanQuieted64 returns r, given up, with x's NaN quieted (x + 0, which
// sets the quiet bit and keeps the payload) where x is a NaN.
func nanQuieted64(l Lane, x, r Value) Value {
	num := l.Compare(EQ, x, x)
	q := l.Add(l.Copy64(x), c64(l, 0))
	q = l.Select(num, r, q)
	l.Done(num, r)
	return q
}

// sigmoid64Lanes is Sigmoid64.
func sigmoid64Lanes(l Lane, x Value) Value {
	k, hi, lo := sigmoidWide64(l, x)
	return nanQuieted64(l, x, scaleWide64(l, hi, lo, k))
}

// silu64Lanes is SiLU64: timesWide, then productSpecials, whose cases
// (x a zero or +Inf, x below -wideExpLimit, NaN) are disjoint selects.
func silu64Lanes(l Lane, x Value) Value {
	k, hi, lo := sigmoidWide64(l, x)
	return timesSpecials64(l, x, k, hi, lo, -wideExpLimit)
}

// expm1Reduced64 is expm1Reduced: 2^k(1 + p) - 1 as a double-double, every
// operand given up.
func expm1Reduced64(l Lane, scale, pHi, pLo Value) (hi, lo Value) {
	sp := l.Mul(scale, pHi)
	l.Done(pHi)
	spl := l.MulInPlace(pLo, scale)
	c, ce := twoSum64(l, scale, c64(l, -1))
	s, se := twoSum64(l, c, sp)
	t := l.Add(spl, ce)
	l.Done(ce)
	se = l.Add(se, t)
	l.Done(t)
	return fastTwoSum64(l, s, se)
}

// tanh64Lanes is Tanh64: m/(m + 2), m = e^(2|x|) - 1, then x's sign: the
// quotient is +0 or above, so Copysign is its negation where x < 0, and x
// itself where x is a zero.
func tanh64Lanes(l Lane, x Value) Value {
	a := l.Min(c64(l, tanhWideLimit), l.Abs(l.Copy64(x)))
	k, pHi, pLo := expReducedK64(l, l.MulInPlace(a, c64(l, 2)))
	mHi, mLo := expm1Reduced64(l, pow264(l, k), pHi, pLo)
	d, de := twoSum64(l, l.Copy64(mHi), c64(l, 2))
	dLo := l.Add(de, mLo)
	qHi, qLo := ddDiv64(l, mHi, mLo, d, dLo)
	r := l.Add(qHi, qLo)
	l.Done(qLo)
	neg := l.Compare(LT, x, c64(l, 0))
	minus := l.Mul(r, c64(l, -1))
	r = l.Select(neg, minus, r)
	l.Done(neg, minus)
	zero := l.Compare(EQ, x, c64(l, 0))
	r = l.Select(zero, x, r)
	l.Done(zero)
	return nanQuieted64(l, x, r)
}

// expScaled64 is the rest of Exp64 after the reduction: expWide's sums,
// then scaleWide.
func expScaled64(l Lane, k, pHi, pLo Value) Value {
	hi, lo := onePlus64(l, pHi, pLo, 0, false)
	return scaleWide64(l, hi, lo, k)
}

// exp64Lanes is Exp64: x clamped to [-wideExpLimit, wideExpHigh].
func exp64Lanes(l Lane, x Value) Value {
	xc := l.Min(c64(l, wideExpHigh), l.Max(c64(l, -wideExpLimit), l.Copy64(x)))
	k, pHi, pLo := expReducedK64(l, xc)
	return nanQuieted64(l, x, expScaled64(l, k, pHi, pLo))
}

// expm164Lanes is Expm1_64: e^x - 1 from x clamped to [-60, 40], and
// Exp64(x) above 40. One reduction serves both: x clamped to [-60,
// wideExpHigh] is Expm1_64's argument at or below 40 and Exp64's above.
func expm164Lanes(l Lane, x Value) Value {
	xc := l.Min(c64(l, wideExpHigh), l.Max(c64(l, expm1WideLow), l.Copy64(x)))
	k, pHi, pLo := expReducedK64(l, xc)
	e := expScaled64(l, l.Copy64(k), l.Copy64(pHi), l.Copy64(pLo))
	hi, lo := expm1Reduced64(l, pow264(l, k), pHi, pLo)
	r := l.Add(hi, lo)
	l.Done(lo)
	zero := l.Compare(EQ, x, c64(l, 0))
	r = l.Select(zero, x, r)
	l.Done(zero)
	big := l.Compare(GT, x, c64(l, expm1WideLimit))
	r = l.Select(big, e, r)
	l.Done(big, e)
	return nanQuieted64(l, x, r)
}

// The constants of GELUTanh64: 2*sqrt(2/pi) and 0.044715 as double-doubles,
// and the clamp of x.
const (
	twoSqrt2OverPiLo  = -0x1.cbc0d30ebfd15p-54
	geluTanhCoefLo    = 0x1.441355475a31ap-59
	geluTanhWideLimit = 25
)

// geluTanhArgWide64 is geluTanhArgWide: v = 2*sqrt(2/pi)(x + 0.044715x^3)
// and, with dv, v' = 2*sqrt(2/pi)(1 + 3*0.044715x^2), x kept.
func geluTanhArgWide64(l Lane, x Value, dv bool) (vHi, vLo, dHi, dLo Value) {
	sqHi, sqLo := twoProd64(l, x, x)
	cHi, cLo := ddMul64(l, c64(l, geluTanhCoefHi), c64(l, geluTanhCoefLo), sqHi, sqLo)
	if dv {
		c3, c3e := twoProd64(l, c64(l, 3), cHi)
		u, ue := twoSum64(l, c64(l, 1), c3)
		t := l.Mul(cLo, c64(l, 3)) // 3*cLo
		c3e = l.Add(c3e, t)
		l.Done(t)
		ue = l.Add(ue, c3e)
		l.Done(c3e)
		uHi, uLo := fastTwoSum64(l, u, ue)
		dHi, dLo = ddMul64(l, c64(l, twoSqrt2OverPiHi), c64(l, twoSqrt2OverPiLo), uHi, uLo)
	}
	tHi, tLo := ddMul64(l, cHi, cLo, l.Copy64(x), c64(l, 0))
	s, se := twoSum64(l, l.Copy64(x), tHi)
	se = l.Add(se, tLo)
	l.Done(tLo)
	sHi, sLo := fastTwoSum64(l, s, se)
	vHi, vLo = ddMul64(l, c64(l, twoSqrt2OverPiHi), c64(l, twoSqrt2OverPiLo), sHi, sLo)
	return vHi, vLo, dHi, dLo
}

// clampWide returns x limited to [-limit, limit] in a new value, x kept:
// clamp's values (a NaN's lanes are the NaN's to no use).
func clampWide(l Lane, x Value, limit float64) Value {
	return l.Min(c64(l, limit), l.Max(c64(l, -limit), l.Copy64(x)))
}

// geluTanh64Lanes is GELUTanh64: x*sigmoid(v), then productSpecials with
// -geluTanhWideLimit.
func geluTanh64Lanes(l Lane, x Value) Value {
	xc := clampWide(l, x, geluTanhWideLimit)
	vHi, vLo, _, _ := geluTanhArgWide64(l, xc, false)
	l.Done(xc)
	k, eHi, eLo, dHi, dLo := sigmoidPartsLo64(l, vHi, vLo)
	l.Done(vLo)
	k, hi, lo := sigmoidDiv64(l, l.Compare(GE, vHi, c64(l, 0)), k, eHi, eLo, dHi, dLo)
	l.Done(vHi)
	return timesSpecials64(l, x, k, hi, lo, -geluTanhWideLimit)
}

// timesSpecials64 is productSpecials(x, timesWide(x, hi, lo, k), low): x
// kept, the others given up.
func timesSpecials64(l Lane, x, k, hi, lo Value, low float64) Value {
	ax := l.Abs(l.Copy64(x))
	tiny := l.Compare(LT, ax, c64(l, 0x1p-800))
	l.Done(ax)
	big := l.Mul(x, c64(l, 0x1p200))
	xs := l.Select(tiny, big, l.Copy64(x))
	l.Done(big)
	k200 := l.Sub(l.Copy64(k), c64(l, 200))
	k = l.Select(tiny, k200, k)
	l.Done(tiny, k200)
	pHi, pLo := twoProd64(l, xs, hi)
	l.Done(hi)
	xl := l.MulInPlace(xs, lo)
	l.Done(lo)
	pLo = l.Add(pLo, xl)
	l.Done(xl)
	r := scaleWide64(l, pHi, pLo, k)
	zero := l.Compare(EQ, x, c64(l, 0))
	r = l.Select(zero, x, r)
	l.Done(zero)
	inf := l.Compare(GT, x, c64(l, 0x1.fffffffffffffp1023))
	r = l.Select(inf, x, r)
	l.Done(inf)
	under := l.Compare(LT, x, c64(l, low))
	r = l.Select(under, l.Const64(1<<63), r)
	l.Done(under)
	return nanQuieted64(l, x, r)
}

// geluTanhDerivative64Lanes is GELUTanhDerivative64: sigmoid(v)(1 +
// x*v'*sigmoid(-v)), both sigmoids from one sigmoidPartsLo64.
func geluTanhDerivative64Lanes(l Lane, x Value) Value {
	xc := clampWide(l, x, geluTanhWideLimit)
	vHi, vLo, dvHi, dvLo := geluTanhArgWide64(l, xc, true)
	dvHi, dvLo = l.Spill64(dvHi), l.Spill64(dvLo)
	k, eHi, eLo, dHi, dLo := sigmoidPartsLo64(l, vHi, vLo)
	l.Done(vLo)
	k, eHi, eLo, dHi, dLo = l.Spill64(k), l.Spill64(eHi), l.Spill64(eLo), l.Spill64(dHi), l.Spill64(dLo)
	kT, tHi, tLo := sigmoidDiv64(l, l.Compare(LE, vHi, c64(l, 0)), k, eHi, eLo, dHi, dLo)
	ts := scale64(l, kT)
	tHi = l.MulInPlace(tHi, ts)
	tLo = l.MulInPlace(tLo, ts)
	l.Done(ts)
	kS, sHi, sLo := sigmoidDiv64(l, l.Compare(GE, vHi, c64(l, 0)), k, eHi, eLo, dHi, dLo)
	l.Done(vHi)
	wHi, wLo := ddMul64(l, dvHi, dvLo, xc, c64(l, 0))
	pHi, pLo := ddMul64(l, wHi, wLo, tHi, tLo)
	return rootTimes64(l, x, kS, sHi, sLo, pHi, pLo, &geluTanhDerivativeRoot)
}

// softplusWideLimit is Softplus64's: above it the value is x, below its
// negative Exp64(x).
const softplusWideLimit = 40

// log1pDD64 is log1pDD: log(1 + uHi + uLo) for 0 <= u <= 1, as 2atanh(s),
// s = (u - c)/(2 + c + u), plus c*ln2, with c = 1 above sqrt(2) - 1 and 0
// elsewhere; every operand given up.
func log1pDD64(l Lane, uHi, uLo Value) (hi, lo Value) {
	above := l.Compare(GT, uHi, c64(l, sqrt2Minus1))
	c := l.Select(above, c64(l, 1), l.Copy64(c64(l, 0)))
	l.Done(above)
	nHi, ne := twoSum64(l, l.Copy64(uHi), l.Mul(c, c64(l, -1)))
	dHi, de := twoSum64(l, l.Add(l.Copy64(c64(l, 2)), c), uHi)
	ne = l.Add(ne, uLo)
	de = l.Add(de, uLo)
	l.Done(uLo)
	c = l.Spill64(c)
	sHi, sLo := ddDiv64(l, nHi, ne, dHi, de)
	z := l.Mul(sHi, sHi)
	t := horner(l, atanhSeries[:], z)
	s2 := l.Mul(sHi, c64(l, 2))
	l.Done(sHi)
	corr := l.Mul(s2, l.MulInPlace(z, t))
	l.Done(z, t)
	hi, e := twoSum64(l, l.Mul(c, c64(l, ln2)), s2)
	sLo = l.MulInPlace(sLo, c64(l, 2))
	sLo = l.Add(sLo, corr)
	l.Done(corr)
	cl := l.Mul(c, c64(l, ln2Lo))
	sLo = l.Add(sLo, cl)
	l.Done(cl)
	e = l.Add(e, sLo)
	l.Done(sLo)
	return fastTwoSum64(l, hi, e)
}

// softplus64Lanes is Softplus64: max(x, 0) + log1p(e^-|x|) with |x|
// clamped to softplusWideLimit, x above it, Exp64(x) below its negative.
// One reduction serves both: its argument is -|x| clamped, or x clamped as
// Exp64 clamps it where x < -softplusWideLimit.
func softplus64Lanes(l Lane, x Value) Value {
	a := l.Min(c64(l, softplusWideLimit), l.Abs(l.Copy64(x)))
	a = l.MulInPlace(a, c64(l, -1))
	low := l.Compare(LT, x, c64(l, -softplusWideLimit))
	xe := l.Max(c64(l, -wideExpLimit), l.Copy64(x))
	a = l.Select(low, xe, a)
	l.Done(xe)
	k, pHi, pLo := expReducedK64(l, a)
	e := expScaled64(l, l.Copy64(k), l.Copy64(pHi), l.Copy64(pLo))
	e = l.Spill64(e)
	eHi, eLo := onePlus64(l, pHi, pLo, 0, false)
	sc := pow264(l, k)
	eHi = l.MulInPlace(eHi, sc)
	eLo = l.MulInPlace(eLo, sc)
	l.Done(sc)
	lHi, lLo := log1pDD64(l, eHi, eLo)
	pos := l.Compare(GT, x, c64(l, 0))
	m := l.Select(pos, x, l.Copy64(c64(l, 0)))
	l.Done(pos)
	hi, sum := twoSum64(l, m, lHi)
	sum = l.Add(sum, lLo)
	l.Done(lLo)
	r := l.Add(hi, sum)
	l.Done(sum)
	big := l.Compare(GT, x, c64(l, softplusWideLimit))
	r = l.Select(big, x, r)
	l.Done(big)
	r = l.Select(low, e, r)
	l.Done(low)
	return nanQuieted64(l, x, r)
}

// mishPositive64 is mishPositive: 1 + 2F, F^2 and M' = 1 + 2F + 2F^2 for
// F = fHi + fLo, both kept.
func mishPositive64(l Lane, fHi, fLo Value) (nHi, nLo, sqHi, sqLo, mHi, mLo Value) {
	n, ne := twoSum64(l, c64(l, 1), l.Mul(fHi, c64(l, 2)))
	f2 := l.Mul(fLo, c64(l, 2))
	ne = l.Add(ne, f2)
	l.Done(f2)
	nHi, nLo = fastTwoSum64(l, n, ne)
	sqHi, sqLo = ddMul64(l, l.Copy64(fHi), l.Copy64(fLo), l.Copy64(fHi), l.Copy64(fLo))
	m, me := twoSum64(l, l.Copy64(nHi), l.Mul(sqHi, c64(l, 2)))
	s2 := l.Mul(sqLo, c64(l, 2))
	t := l.Add(l.Copy64(nLo), s2)
	l.Done(s2)
	me = l.Add(me, t)
	l.Done(t)
	mHi, mLo = fastTwoSum64(l, m, me)
	return nHi, nLo, sqHi, sqLo, mHi, mLo
}

// mishNegative64 is mishNegative: E + 2 and M = E(E + 2) + 2 for E = eHi
// + eLo, both kept.
func mishNegative64(l Lane, eHi, eLo Value) (pHi, pLo, mHi, mLo Value) {
	p, pe := twoSum64(l, l.Copy64(eHi), c64(l, 2))
	pe = l.Add(pe, eLo)
	pHi, pLo = fastTwoSum64(l, p, pe)
	qHi, qLo := ddMul64(l, l.Copy64(eHi), l.Copy64(eLo), l.Copy64(pHi), l.Copy64(pLo))
	m, me := twoSum64(l, c64(l, 2), qHi)
	me = l.Add(me, qLo)
	l.Done(qLo)
	mHi, mLo = fastTwoSum64(l, m, me)
	return pHi, pLo, mHi, mLo
}

// mish64Lanes is Mish64: x*n/d with, for x > 0 and F = e^-x, n = 1 + 2F
// and d = M', and elsewhere, E = e^x with its 2^k apart, n = E(E + 2)
// unscaled and d = M scaled; one division of the pair the lane selects.
func mish64Lanes(l Lane, x Value) Value {
	a := l.Min(c64(l, wideExpLimit), l.Abs(l.Copy64(x)))
	k, eHi, eLo, fHi, fLo := expNegative64(l, a)
	nHi, nLo, sqHi, sqLo, mHi, mLo := mishPositive64(l, fHi, fLo)
	l.Done(sqHi, sqLo)
	nHi, nLo, mHi, mLo = l.Spill64(nHi), l.Spill64(nLo), l.Spill64(mHi), l.Spill64(mLo)
	pHi, pLo, dHi, dLo := mishNegative64(l, fHi, fLo)
	qHi, qLo := ddMul64(l, l.Copy64(eHi), l.Copy64(eLo), pHi, pLo)
	pos := l.Compare(GT, x, c64(l, 0))
	qHi = l.Select(pos, nHi, qHi)
	qLo = l.Select(pos, nLo, qLo)
	dHi = l.Select(pos, mHi, dHi)
	dLo = l.Select(pos, mLo, dLo)
	kk := l.Select(pos, c64(l, 0), l.Copy64(k))
	l.Done(pos)
	hi, lo := ddDiv64(l, qHi, qLo, dHi, dLo)
	return timesSpecials64(l, x, kk, hi, lo, -wideExpLimit)
}

// mishDerivativeWideLimit is MishDerivative64's clamp of x > 0.
const mishDerivativeWideLimit = 40

// mishDerivative64Lanes is MishDerivative64. Its two branches end in
// divisions: x > 0 in (1 + 2F)/M' and b/M'^2, x <= 0 in one; the second
// of the first and the one of the second are one division, of the pair
// the lane selects.
func mishDerivative64Lanes(l Lane, x Value) Value {
	a := l.Min(c64(l, wideExpLimit), l.Abs(l.Copy64(x)))
	pos := l.Compare(GT, x, c64(l, 0))
	a40 := l.Min(c64(l, mishDerivativeWideLimit), l.Copy64(a))
	a = l.Select(pos, a40, a)
	l.Done(pos, a40)
	// 4*Copysign(a, x): a is a zero only where x is.
	neg := l.Compare(LT, x, c64(l, 0))
	na := l.Mul(a, c64(l, -1))
	xc := l.Select(neg, na, l.Copy64(a))
	l.Done(neg, na)
	zero := l.Compare(EQ, x, c64(l, 0))
	xc = l.Select(zero, x, xc)
	l.Done(zero)
	x4 := l.Spill64(l.MulInPlace(xc, c64(l, 4)))
	k, eHi, eLo, fHi, fLo := expNegative64(l, a)

	// x > 0: (1 + 2F)/M' + b/M'^2, b = 4x*F^2*(1 + F).
	nHi, nLo, sqHi, sqLo, mHi, mLo := mishPositive64(l, fHi, fLo)
	pHi, pLo := ddDiv64(l, nHi, nLo, l.Copy64(mHi), l.Copy64(mLo))
	pHi, pLo = l.Spill64(pHi), l.Spill64(pLo)
	f1, f1e := twoSum64(l, c64(l, 1), l.Copy64(fHi))
	f1e = l.Add(f1e, fLo)
	bHi, bLo := ddMul64(l, sqHi, sqLo, f1, f1e)
	bHi, bLo = ddMul64(l, bHi, bLo, l.Copy64(x4), c64(l, 0))
	bHi, bLo = l.Spill64(bHi), l.Spill64(bLo)
	m2Hi, m2Lo := ddMul64(l, l.Copy64(mHi), l.Copy64(mLo), mHi, mLo)
	m2Hi, m2Lo = l.Spill64(m2Hi), l.Spill64(m2Lo)

	// x <= 0: E*((E + 2)M + 4x(E + 1))/M^2, E scaled by 2^k at the end.
	e1, e1e := twoSum64(l, l.Copy64(fHi), c64(l, 1))
	e1e = l.Add(e1e, fLo)
	e1Hi, e1Lo := fastTwoSum64(l, e1, e1e)
	e1Hi, e1Lo = l.Spill64(e1Hi), l.Spill64(e1Lo)
	e2Hi, e2Lo, mHi, mLo := mishNegative64(l, fHi, fLo)
	aHi, aLo := ddMul64(l, e2Hi, e2Lo, l.Copy64(mHi), l.Copy64(mLo))
	cHi, cLo := ddMul64(l, l.Copy64(e1Hi), l.Copy64(e1Lo), l.Copy64(x4), c64(l, 0))
	sm, sme := twoSum64(l, aHi, cHi)
	aLo = l.Add(aLo, cLo)
	l.Done(cLo)
	sme = l.Add(sme, aLo)
	l.Done(aLo)
	sHi, sLo := fastTwoSum64(l, sm, sme)
	qHi, qLo := ddMul64(l, l.Copy64(eHi), l.Copy64(eLo), sHi, sLo)
	dHi, dLo := ddMul64(l, l.Copy64(mHi), l.Copy64(mLo), mHi, mLo)

	pos = l.Compare(GT, x, c64(l, 0))
	qHi = l.Select(pos, bHi, qHi)
	qLo = l.Select(pos, bLo, qLo)
	dHi = l.Select(pos, m2Hi, dHi)
	dLo = l.Select(pos, m2Lo, dLo)
	l.Done(pos)
	qHi, qLo = ddDiv64(l, qHi, qLo, dHi, dLo)
	rn := scaleWide64(l, l.Copy64(qHi), l.Copy64(qLo), l.Copy64(k))
	rn = l.Spill64(rn)
	h, he := twoSum64(l, l.Copy64(pHi), qHi)
	t := l.Add(l.Copy64(pLo), qLo)
	l.Done(qLo)
	he = l.Add(he, t)
	l.Done(t)
	r := l.Add(h, he)
	l.Done(he)
	pos = l.Compare(GT, x, c64(l, 0))
	out := l.Select(pos, r, l.Copy64(rn))
	l.Done(pos, r)
	return rootSelect64(l, x, out, &mishDerivativeRoot)
}

// normalTailPiece is internal/rounded's: a piece of the fit of the Mills
// ratio W(a) = Phi(-a)e^(a^2/2), in t = a - center.
type normalTailPiece struct {
	start, center float64
	hi, lo        [5]float64  // double-double coefficients of t^0..t^4
	tail          [19]float64 // t^23..t^5, highest degree first
}

// GELU64's bounds: the tail's end, and a's for x > 0.
const (
	geluWideTailLimit     = 38.9
	geluWidePositiveLimit = 27
)

// millsPieces are millsWide's pieces, in order: normalTailPieces, then
// farTailPieces.
var millsPieces = append(append([]normalTailPiece(nil), normalTailPieces[:]...), farTailPieces[:]...)

// millsWide64 is millsWide: W(a) from the fit of a's piece, a kept. Each
// lane counts the pieces' starts at or below a, and each coefficient is
// the lane's piece's (Lookup).
func millsWide64(l Lane, a Value) (hi, lo Value) {
	n := l.Copy64(c64(l, 0))
	for _, p := range millsPieces[1:] {
		m := l.Compare(GE, a, c64(l, p.start))
		inc := l.Add(l.Copy64(n), c64(l, 1))
		n = l.Select(m, inc, n)
		l.Done(m, inc)
	}
	idx := l.Index(n)
	column := func(f func(p *normalTailPiece) float64) []float64 {
		var c []float64
		for i := range millsPieces {
			c = append(c, f(&millsPieces[i]))
		}
		return c
	}
	center := l.Lookup(idx, column(func(p *normalTailPiece) float64 { return p.center }))
	t := l.Sub(l.Copy64(a), center)
	l.Done(center)
	acc := l.Lookup(idx, column(func(p *normalTailPiece) float64 { return p.tail[0] }))
	for i := 1; i < len(millsPieces[0].tail); i++ {
		c := l.Lookup(idx, column(func(p *normalTailPiece) float64 { return p.tail[i] }))
		acc = l.MulAdd(acc, t, c)
		l.Done(c)
	}
	hi, lo = acc, 0
	for k := len(millsPieces[0].hi) - 1; k >= 0; k-- {
		cHi := l.Lookup(idx, column(func(p *normalTailPiece) float64 { return p.hi[k] }))
		cLo := l.Lookup(idx, column(func(p *normalTailPiece) float64 { return p.lo[k] }))
		hi, lo = ddMulAddV64(l, hi, lo, k < len(millsPieces[0].hi)-1, t, cHi, cLo)
	}
	l.Done(t, idx)
	return hi, lo
}

// normalTailWide64 is normalTailWide: Q(a) = 2^k(hi + lo), a kept.
func normalTailWide64(l Lane, a Value) (k, hi, lo Value) {
	wHi, wLo := millsWide64(l, a)
	wHi, wLo = l.Spill64(wHi), l.Spill64(wLo)
	return tailTimes64(l, a, wHi, wLo)
}

// tailTimes64 returns e^(-a^2/2)(wHi + wLo) as 2^k(hi + lo), a kept, w
// given up: a^2 a double-double, and its halves exact.
func tailTimes64(l Lane, a, wHi, wLo Value) (k, hi, lo Value) {
	sq, sqErr := twoProd64(l, a, a)
	k, eHi, eLo := expWideLo64(l, l.MulInPlace(sq, c64(l, -0.5)), l.MulInPlace(sqErr, c64(l, -0.5)))
	hi, lo = ddMul64(l, eHi, eLo, wHi, wLo)
	return k, hi, lo
}

// geluTailArg returns a = |x| clamped to [1, geluWideTailLimit], and to
// geluWidePositiveLimit where x > 0, x kept.
func geluTailArg(l Lane, x Value) Value {
	a := l.Min(c64(l, geluWideTailLimit), l.Max(c64(l, 1), l.Abs(l.Copy64(x))))
	pos := l.Compare(GT, x, c64(l, 0))
	ap := l.Min(c64(l, geluWidePositiveLimit), l.Copy64(a))
	a = l.Select(pos, ap, a)
	l.Done(pos, ap)
	return a
}

// tailSide64 is tailSide: the near-zero value hi + lo for |x| < 1, the
// tail's 2^k(qHi + qLo) with its k for x <= -1, and 1 minus it for x >= 1;
// every operand but x given up.
func tailSide64(l Lane, x, hi, lo, k, qHi, qLo Value) (rHi, rLo, scale Value) {
	s := pow264(l, l.Copy64(k))
	ns := l.Mul(s, c64(l, -1))
	q, qe := fastTwoSum64(l, c64(l, 1), l.Mul(qHi, ns)) // -(qHi*s)
	l.Done(ns)
	qe = l.Sub(qe, l.MulInPlace(s, qLo))
	l.Done(s)
	up := l.Compare(GE, x, c64(l, 1))
	hi = l.Select(up, q, hi)
	lo = l.Select(up, qe, lo)
	l.Done(up, q, qe)
	down := l.Compare(LE, x, c64(l, -1))
	hi = l.Select(down, qHi, hi)
	lo = l.Select(down, qLo, lo)
	scale = l.Select(down, k, l.Copy64(c64(l, 0)))
	l.Done(down, qHi, qLo, k)
	return hi, lo, scale
}

// geluSeriesAll is internal/rounded's: G's coefficients, highest degree
// first, in float64.
var geluSeriesAll = append(append([]float64(nil), geluSeriesTail[:]...), geluSeriesHi[2], geluSeriesHi[1], geluSeriesHi[0])

// slopeCoeffs returns the coefficients of the derivative of the polynomial
// c (highest degree first) as slope computes them: each times its degree,
// rounded once.
func slopeCoeffs(c []float64) []float64 {
	var d []float64
	for i, coef := range c[:len(c)-1] {
		d = append(d, float64(float64(len(c)-1-i)*coef))
	}
	return d
}

// geluSeries64 is geluSeries: G(t) in double-double, t kept.
func geluSeries64(l Lane, t Value) (hi, lo Value) {
	hi, lo = horner(l, geluSeriesTail[:], t), 0
	for k := len(geluSeriesHi) - 1; k >= 0; k-- {
		hi, lo = ddMulAdd64(l, hi, lo, k < len(geluSeriesHi)-1, t, geluSeriesHi[k], geluSeriesLo[k])
	}
	return hi, lo
}

// phiNearZero64 is phiNearZero: Phi(x) = 1/2 + x*G(x^2) for |x| <= 1, x
// kept. slope's first FMA, 0*t + c, is c: the Horner from c.
func phiNearZero64(l Lane, x Value) (hi, lo Value) {
	t, tLo := twoProd64(l, x, x)
	gHi, gLo := geluSeries64(l, t)
	d := horner(l, slopeCoeffs(geluSeriesAll), t)
	l.Done(t)
	gLo = l.Add(gLo, l.MulInPlace(tLo, d))
	l.Done(d, tLo)
	m, mErr := twoProd64(l, x, gHi)
	l.Done(gHi)
	mErr = l.Add(mErr, l.MulInPlace(gLo, x))
	l.Done(gLo)
	s, se := fastTwoSum64(l, c64(l, 0.5), m)
	se = l.Add(se, mErr)
	l.Done(mErr)
	return s, se
}

// gelu64Lanes is GELU64.
func gelu64Lanes(l Lane, x Value) Value {
	xn := l.Min(c64(l, 1), l.Max(c64(l, -1), l.Copy64(x)))
	pHi, pLo := phiNearZero64(l, xn)
	l.Done(xn)
	pHi, pLo = l.Spill64(pHi), l.Spill64(pLo)
	a := l.Spill64(geluTailArg(l, x))
	k, qHi, qLo := normalTailWide64(l, a)
	l.Done(a)
	hi, lo, scale := tailSide64(l, x, l.Copy64(pHi), l.Copy64(pLo), k, qHi, qLo)
	return timesSpecials64(l, x, scale, hi, lo, -geluWideTailLimit)
}

// geluDerivative64Lanes is GELUDerivative64: 1/2 + 2x*H(x^2) near zero,
// e^(-a^2/2)(W(a) - a/sqrt(2*pi)) in the tails as GELU64 takes them, the
// root's series, -0 below -geluWideTailLimit.
func geluDerivative64Lanes(l Lane, x Value) Value {
	xn := l.Min(c64(l, 1), l.Max(c64(l, -1), l.Copy64(x)))
	t, tLo := twoProd64(l, xn, xn)
	hHi, hLo := horner(l, geluDerivativeSeries[:len(geluSeriesTail)], t), Value(0)
	for k := len(geluSeriesHi) - 1; k >= 0; k-- {
		// geluSlopeSeries' constants, (k+1)g_k as a double-double: the
		// same IEEE operations, here.
		n := float64(k + 1)
		cHi := float64(n * geluSeriesHi[k])
		cLo := math.FMA(n, geluSeriesHi[k], -cHi) + float64(n*geluSeriesLo[k])
		hHi, hLo = ddMulAdd64(l, hHi, hLo, k < len(geluSeriesHi)-1, t, cHi, cLo)
	}
	d := horner(l, slopeCoeffs(geluDerivativeSeries), t)
	l.Done(t)
	hLo = l.Add(hLo, l.MulInPlace(tLo, d))
	l.Done(d, tLo)
	x2 := l.MulInPlace(xn, c64(l, 2))
	m, mErr := twoProd64(l, x2, hHi)
	l.Done(hHi)
	mErr = l.Add(mErr, l.MulInPlace(hLo, x2))
	l.Done(x2, hLo)
	s, sErr := twoSum64(l, c64(l, 0.5), m)
	sErr = l.Add(sErr, mErr)
	l.Done(mErr)
	s, sErr = l.Spill64(s), l.Spill64(sErr)

	a := l.Spill64(geluTailArg(l, x))
	wHi, wLo := millsWide64(l, a)
	cHi, cLo := twoProd64(l, a, c64(l, geluSeriesHi[0]))
	al := l.Mul(a, c64(l, geluSeriesLo[0]))
	cLo = l.Add(cLo, al)
	l.Done(al)
	v, ve := twoSum64(l, wHi, l.MulInPlace(cHi, c64(l, -1)))
	wLo = l.Sub(wLo, cLo)
	l.Done(cLo)
	ve = l.Add(ve, wLo)
	l.Done(wLo)
	vHi, vLo := fastTwoSum64(l, v, ve)
	vHi, vLo = l.Spill64(vHi), l.Spill64(vLo)
	k, pHi, pLo := tailTimes64(l, a, vHi, vLo)
	l.Done(a)
	hi, lo, scale := tailSide64(l, x, l.Copy64(s), l.Copy64(sErr), k, pHi, pLo)
	r := scaleWide64(l, hi, lo, scale)
	low := l.Compare(LT, x, c64(l, -geluWideTailLimit))
	r = l.Select(low, l.Const64(1<<63), r)
	l.Done(low)
	return rootSelect64(l, x, r, &geluDerivativeRoot)
}

// geluDerivativeSeries is internal/rounded's: H(t) = sum of (n+1)g_n t^n,
// each coefficient rounded once, highest degree first.
var geluDerivativeSeries = func() []float64 {
	var h []float64
	for i, c := range geluSeriesTail {
		h = append(h, float64(float64(len(geluSeriesTail)-i+3)*c))
	}
	for k := len(geluSeriesHi) - 1; k >= 0; k-- {
		h = append(h, float64(float64(k+1)*geluSeriesHi[k]))
	}
	return h
}()
