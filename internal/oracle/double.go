package oracle

import (
	"math"
	"math/big"
	"sync"
)

// This file evaluates the binary64 functions in double-double arithmetic:
// a filter, fast enough for billions of inputs, that measures package
// rounded's binary64 functions and hands math/big (Big) only the inputs it
// cannot vouch for and the worst ones. It shares no code with package
// rounded and is built differently: exp reduces by ln2/4096 with its own tables
// and Taylor polynomial, log1p by a table of log(1+j/64) and atanh, the
// normal tail by Taylor series in Hermite polynomials about points j/64,
// and every table entry comes from this package's math/big functions.
// Products use math.FMA, which is exact where it is used.
//
// Each operation errs by a few 2^-104 relative; an evaluation chains at
// most a few dozen, whose errors stay far below the 2^-20 ulp that the
// callers need, except where a result cancels (the roots of the
// derivatives): there an evaluation reports that it cannot vouch. The
// rounded package's TestWide checks the filter against math/big on every
// input it measures.

// dd is the unevaluated sum hi + lo, |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

func twoProd(a, b float64) dd {
	p := a * b
	return dd{p, math.FMA(a, b, -p)}
}

// ddAdd is the accurate sum: about 2^-104 relative even where a and b
// cancel. ddSum is the cheaper one for where they do not (same signs, or
// one far the larger): its error is about 2^-104 of the larger.
func ddAdd(a, b dd) dd {
	s, e := twoSum(a.hi, b.hi)
	t, f := twoSum(a.lo, b.lo)
	e += t
	s, e = fastTwoSum(s, e)
	e += f
	s, e = fastTwoSum(s, e)
	return dd{s, e}
}

func ddSum(a, b dd) dd {
	s, e := twoSum(a.hi, b.hi)
	e += a.lo + b.lo
	s, e = fastTwoSum(s, e)
	return dd{s, e}
}

func ddNeg(a dd) dd { return dd{-a.hi, -a.lo} }

func ddSub(a, b dd) dd { return ddAdd(a, ddNeg(b)) }

func ddMul(a, b dd) dd {
	p := twoProd(a.hi, b.hi)
	e := p.lo + (float64(a.hi*b.lo) + float64(a.lo*b.hi))
	s, e := fastTwoSum(p.hi, e)
	return dd{s, e}
}

func ddMulF(a dd, b float64) dd {
	p := twoProd(a.hi, b)
	s, e := fastTwoSum(p.hi, p.lo+float64(a.lo*b))
	return dd{s, e}
}

func ddDiv(a, b dd) dd {
	q1 := a.hi / b.hi
	// The remainders cancel in their high parts, which twoSum keeps exact.
	r := ddSum(a, ddNeg(ddMulF(b, q1)))
	q2 := r.hi / b.hi
	r = ddSum(r, ddNeg(ddMulF(b, q2)))
	q3 := r.hi / b.hi
	s, e := fastTwoSum(q1, q2)
	return ddSum(dd{s, e}, dd{q3, 0})
}

func ddF(x float64) dd { return dd{x, 0} }

// ddOf rounds v to a double-double.
func ddOf(v *big.Float) dd {
	hi, _ := v.Float64()
	r := new(big.Float).SetPrec(v.Prec()).Sub(v, new(big.Float).SetFloat64(hi))
	lo, _ := r.Float64()
	return dd{hi, lo}
}

// Scaled is the real (Hi + Lo) * 2^Exp: a double-double with an exponent
// of its own, for values beyond float64's range (e^-1000, the normal tail at
// 40) whose errors are still measured in float64 ulps.
type Scaled struct {
	Hi, Lo float64
	Exp    int
}

func scaled(a dd) Scaled { return Scaled{a.hi, a.lo, 0}.normal() }

// normal moves Hi's binary exponent into Exp, so that |Hi| is in [1/2, 1).
// It, dd and add scale by powers of two built from their bits where every
// value stays normal (the filter calls them on every operation), and
// through package math elsewhere.
func (s Scaled) normal() Scaled {
	b := math.Float64bits(s.Hi) >> 52 & 0x7ff
	if b == 0 || b > 2044 {
		if s.Hi == 0 || math.IsInf(s.Hi, 0) || s.Hi != s.Hi {
			return s
		}
		_, e := math.Frexp(s.Hi)
		return Scaled{math.Ldexp(s.Hi, -e), math.Ldexp(s.Lo, -e), s.Exp + e}
	}
	f := math.Float64frombits((2045 - b) << 52) // 2^(1022-b)
	return Scaled{s.Hi * f, s.Lo * f, s.Exp + int(b) - 1022}
}

// pow2 returns 2^n for n in [-1022, 1023].
func pow2(n int) float64 { return math.Float64frombits(uint64(n+1023) << 52) }

// dd returns s as a double-double, parts below float64's range lost (they
// are then below 2^-1074, far below what the callers measure) and parts
// above it infinite.
func (s Scaled) dd() dd {
	if s.Exp >= -1022 && s.Exp <= 1023 {
		f := pow2(s.Exp)
		return dd{s.Hi * f, s.Lo * f}
	}
	return dd{math.Ldexp(s.Hi, s.Exp), math.Ldexp(s.Lo, s.Exp)}
}

// mul and div take a's exponent apart first, so that a subnormal a (or a
// tiny product) keeps its precision.
func (s Scaled) mul(a dd) Scaled {
	b := scaled(a)
	v := ddMul(dd{s.Hi, s.Lo}, dd{b.Hi, b.Lo})
	return Scaled{v.hi, v.lo, s.Exp + b.Exp}.normal()
}

func (s Scaled) div(a dd) Scaled {
	b := scaled(a)
	v := ddDiv(dd{s.Hi, s.Lo}, dd{b.Hi, b.Lo})
	return Scaled{v.hi, v.lo, s.Exp - b.Exp}.normal()
}

// add returns s + t, the smaller scaled to the larger's exponent.
func (s Scaled) add(t Scaled) Scaled {
	if t.Hi == 0 {
		return s
	}
	if s.Hi == 0 || t.Exp > s.Exp {
		s, t = t, s
	}
	d := t.Exp - s.Exp // at most 0
	f := 0.0
	if d >= -1022 {
		f = pow2(d)
	}
	v := ddAdd(dd{s.Hi, s.Lo}, dd{t.Hi * f, t.Lo * f})
	return Scaled{v.hi, v.lo, s.Exp}.normal()
}

// Big returns s exactly.
func (s Scaled) Big() *big.Float {
	v := new(big.Float).SetPrec(2200).SetFloat64(s.Hi)
	v.Add(v, new(big.Float).SetFloat64(s.Lo))
	return v.SetMantExp(v, s.Exp)
}

// Ulps returns |r - s| in units of the last place of s in float64 (2^-1074
// in the subnormals), as package rounded's tests measure r against math/big;
// +Inf where r is not acceptable at all: a zero of the wrong sign, or an
// infinity where s is within float64's range. s is not zero.
func (s Scaled) Ulps(r float64) float64 {
	neg := s.Hi < 0
	if math.IsInf(r, 0) {
		// s is far from MaxFloat64 wherever Double vouches for it.
		if s.Exp > 1024 && math.Signbit(r) == neg {
			return 0
		}
		return math.Inf(1)
	}
	if r == 0 && math.Signbit(r) != neg {
		return math.Inf(1)
	}
	// Hi in [1/2, 1); the value is below 1/2 * 2^Exp only where Hi is
	// exactly 1/2 and Lo takes it below.
	e := s.Exp
	if math.Abs(s.Hi) == 0.5 && (s.Lo < 0) != neg && s.Lo != 0 {
		e--
	}
	ulp := max(e-53, -1074)
	h := math.Ldexp(s.Hi, s.Exp-ulp)
	l := math.Ldexp(s.Lo, s.Exp-ulp)
	d := (math.Ldexp(r, -ulp) - h) - l
	if math.IsInf(d, 0) || d != d {
		return math.Inf(1)
	}
	return math.Abs(d)
}

// The constants and tables, each from math/big.
var (
	doubleOnce sync.Once

	ln2By4096    [3]float64 // ln2/4096 in three parts, the first of 24 bits
	exp2Coarse   [64]dd     // 2^(j/64)
	exp2Fine     [64]dd     // 2^(j/4096)
	log1pTable   [65]dd     // log(1 + j/64)
	invFact      [48]dd     // 1/n!
	ddGELUTanhK  dd         // 0.044715
	ddTwoSqrt2Pi dd         // 2*sqrt(2/pi)
	ddInvSqrt2Pi dd         // 1/sqrt(2*pi)
	tailTable    [tailPoints]Scaled
	normalTable  [tailPoints]Scaled
	tailOnce     sync.Once
)

// tailPoints covers the normal tail Phi(-t) at t = j/64 for t up to 40.
const tailPoints = 40*64 + 1

func doubleInit() {
	doubleOnce.Do(func() {
		const prec = 160
		ln2 := bigLn2(prec)
		l := newFloat(prec).SetMantExp(ln2, -12)
		for i := range ln2By4096 {
			v, _ := l.Float64()
			if i == 0 {
				v = math.Float64frombits(math.Float64bits(v) &^ (1<<29 - 1)) // 24 significant bits
			}
			ln2By4096[i] = v
			l.Sub(l, new(big.Float).SetFloat64(v))
		}
		for j := range 64 {
			a := newFloat(prec).Mul(ln2, newFloat(prec).SetInt64(int64(j)))
			exp2Coarse[j] = ddOf(bigExp(newFloat(prec).SetMantExp(a, -6), prec))
			exp2Fine[j] = ddOf(bigExp(newFloat(prec).SetMantExp(a, -12), prec))
		}
		for j := 1; j < len(log1pTable); j++ {
			y := newFloat(prec).SetFloat64(float64(j) / 64)
			log1pTable[j] = ddOf(bigLog1p(y, prec))
		}
		f := newFloat(prec).SetInt64(1)
		for n := range invFact {
			if n > 0 {
				f.Quo(f, newFloat(prec).SetInt64(int64(n)))
			}
			invFact[n] = ddOf(f)
		}
		ddGELUTanhK = ddOf(newFloat(prec).Quo(newFloat(prec).SetInt64(44715), newFloat(prec).SetInt64(1000000)))
		pi := bigPi(prec)
		v := newFloat(prec).Quo(newFloat(prec).SetInt64(2), pi)
		v.Sqrt(v)
		ddTwoSqrt2Pi = ddOf(v.Mul(v, newFloat(prec).SetInt64(2)))
		v = newFloat(prec).Mul(pi, newFloat(prec).SetInt64(2))
		v.Sqrt(v)
		ddInvSqrt2Pi = ddOf(v.Quo(newFloat(prec).SetInt64(1), v))
	})
}

// tailInit fills the normal tail's tables: Phi(-t) and phi(t) at t = j/64.
func tailInit() {
	tailOnce.Do(func() {
		const prec = 160
		var wg sync.WaitGroup
		next := make(chan int)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range next {
					t := newFloat(prec).SetFloat64(float64(j) / 64)
					tailTable[j] = scaledOf(NormalTailBig(t, prec))
					h := newFloat(prec).Mul(t, t)
					h.SetMantExp(h, -1)
					e := bigExp(h.Neg(h), prec)
					s := newFloat(prec).Mul(bigPi(prec), newFloat(prec).SetInt64(2))
					normalTable[j] = scaledOf(e.Quo(e, s.Sqrt(s)))
				}
			}()
		}
		for j := range tailPoints {
			next <- j
		}
		close(next)
		wg.Wait()
	})
}

// scaledOf rounds v to a Scaled.
func scaledOf(v *big.Float) Scaled {
	e := v.MantExp(nil)
	m := new(big.Float).SetPrec(v.Prec()).SetMantExp(v, -e)
	s := ddOf(m)
	return Scaled{s.hi, s.lo, e}.normal()
}

// expScaled returns e^a for |a.hi| < 2^17 (k below 2^29, so that k times
// the 24-bit first part of ln2/4096 is exact): a = k*ln2/4096 + r, |r| <=
// ln2/8192 (plus a's rounding), e^a = 2^(k/4096) * (1 + p(r)), 2^(k/4096)
// from two tables, p the Taylor polynomial of degree 6, whose first dropped
// term is below 2^-106.
func expScaled(a dd) Scaled {
	k := math.RoundToEven(a.hi * (4096 / math.Ln2))
	r := ddAdd(ddF(a.hi-k*ln2By4096[0]), ddF(a.lo))
	r = ddSub(r, twoProd(k, ln2By4096[1]))
	r = ddSub(r, ddF(k*ln2By4096[2]))
	p := expPoly(r)
	i := int64(k)
	t := ddMul(exp2Coarse[i>>6&63], exp2Fine[i&63])
	v := ddSum(t, ddMul(t, p))
	return Scaled{v.hi, v.lo, int(i >> 12)}.normal()
}

// expPoly returns e^r - 1 for |r| <= ln2/8192 (and a little more): the
// terms from r^3 on in float64, where their rounding is below 2^-96.
func expPoly(r dd) dd {
	x := r.hi
	q := invFact[6].hi
	for n := 5; n >= 3; n-- {
		q = q*x + invFact[n].hi
	}
	p := dd{q * x, 0}
	for n := 2; n >= 1; n-- {
		p = ddMul(ddSum(p, invFact[n]), r)
	}
	return p
}

// expm1Double returns e^x - 1: p(x) itself where the reduction leaves x
// alone, else e^x - 1, which cancels at most 14 bits (|x| >= ln2/8192).
func expm1Double(x float64) Scaled {
	k := math.RoundToEven(x * (4096 / math.Ln2))
	if k == 0 {
		return scaled(expPoly(ddF(x)))
	}
	e := expScaled(ddF(x))
	if e.Exp > 200 {
		return e // 1 is below 2^-150 of it
	}
	return scaled(ddSub(e.dd(), ddF(1)))
}

// log1pDouble returns log(1 + y) for 0 <= y <= 1: 2*atanh(y/(2+y)) below
// 1/32, else log(1 + j/64) + 2*atanh((z - c)/(z + c)) for z = 1 + y and c =
// 1 + j/64 the nearest, |(z-c)/(z+c)| <= 2^-8.
func log1pDouble(y dd) dd {
	var base dd
	var s dd
	if y.hi < 1.0/32 {
		s = ddDiv(y, ddSum(ddF(2), y))
	} else {
		j := int(math.RoundToEven(y.hi * 64))
		c := ddF(1 + float64(j)/64)
		z := ddSum(ddF(1), y)
		s = ddDiv(ddSub(z, c), ddSum(z, c))
		base = log1pTable[j]
	}
	// atanh(s) = s + s^3/3 + ...: the terms after s^3/3 in float64 (below
	// 2^-15 of s), up to s^21, whose successor is below 2^-110 of s.
	s2 := ddMul(s, s)
	q := 0.0
	for n := 21; n >= 5; n -= 2 {
		q = q*s2.hi + 1/float64(n)
	}
	t := ddMul(ddSum(ddMul(ddF(q), s2), ddDiv(ddF(1), ddF(3))), s2)
	v := ddSum(ddMul(t, s), s)
	return ddSum(base, ddMulF(v, 2))
}

// sigmoidPair returns sigmoid(a) and sigmoid(-a) from one exponential.
func sigmoidPair(a dd) (pos, neg Scaled) {
	e := expScaled(ddNeg(dd{math.Abs(a.hi), math.Copysign(1, a.hi) * a.lo}))
	one := ddDiv(ddF(1), ddSum(ddF(1), e.dd()))
	small := e.mul(one)
	if a.hi >= 0 {
		return scaled(one), small
	}
	return small, scaled(one)
}

// tailDouble returns Phi(-t) for 0 <= t <= 40 by Taylor series about t0 =
// j/64, the nearest: Phi(-t0-h) = Phi(-t0) - phi(t0) * sum over n >= 1 of
// h^n/n! * (-1)^(n-1) He_(n-1)(t0), He the probabilists' Hermite
// polynomials (phi^(n) = (-1)^n He_n phi). With |h| <= 1/128 the terms
// fall at least like (|h|(t0+sqrt n))^n/n!.
func tailDouble(t float64) Scaled {
	tailInit()
	j := int(math.RoundToEven(t * 64))
	t0 := float64(j) / 64
	h := t - t0                // exact
	prev, he := ddF(0), ddF(1) // He_(n-2), He_(n-1)
	pow := ddF(1)              // h^n
	sum := ddF(0)
	smallBefore := false
	for n := 1; n < len(invFact); n++ {
		pow = ddMulF(pow, h)
		term := ddMul(ddMul(pow, invFact[n]), he)
		if n%2 == 0 {
			term = ddNeg(term)
		}
		sum = ddAdd(sum, term)
		// Two small terms in a row: one alone may sit near a root of He.
		small := math.Abs(term.hi) <= 0x1p-112*math.Abs(sum.hi)
		if pow.hi == 0 || n > 4 && small && smallBefore {
			break
		}
		smallBefore = small
		prev, he = he, ddSub(ddMulF(he, t0), ddMulF(prev, float64(n-1)))
		if n == len(invFact)-1 {
			panic("oracle: the normal tail's series did not converge")
		}
	}
	return tailTable[j].add(normalTable[j].mul(ddNeg(sum)))
}

// normalDouble returns phi(t) = e^(-t^2/2)/sqrt(2pi).
func normalDouble(t float64) Scaled {
	sq := twoProd(t, t)
	return expScaled(dd{-sq.hi / 2, -sq.lo / 2}).mul(ddInvSqrt2Pi)
}

// doubleFunctions are the functions Double knows, each defined for x within
// the reach package rounded's test gives it (|x| <= 1000, GELUTanh's 100,
// GELU's 40), x not NaN, infinite or zero. They return false where they
// cannot vouch for the last twenty bits of an ulp.
var doubleFunctions = map[string]func(x float64) (Scaled, bool){
	"Exp":   func(x float64) (Scaled, bool) { return expScaled(ddF(x)), true },
	"Expm1": func(x float64) (Scaled, bool) { return expm1Double(x), true },
	"Sigmoid": func(x float64) (Scaled, bool) {
		s, _ := sigmoidPair(ddF(x))
		return s, true
	},
	"Tanh": func(x float64) (Scaled, bool) {
		// tanh|x| = -expm1(-2|x|)/(2 + expm1(-2|x|)), no cancellation.
		m := expm1Double(-2 * math.Abs(x)).dd()
		v := ddDiv(ddNeg(m), ddSum(ddF(2), m))
		if x < 0 {
			v = ddNeg(v)
		}
		return scaled(v), true
	},
	"SiLU": func(x float64) (Scaled, bool) {
		s, _ := sigmoidPair(ddF(x))
		return s.mul(ddF(x)), true
	},
	"Softplus": func(x float64) (Scaled, bool) { return softplusDouble(x), true },
	"Mish": func(x float64) (Scaled, bool) {
		t, _ := mishParts(x)
		return t.mul(ddF(x)), true
	},
	"GELUTanh": func(x float64) (Scaled, bool) {
		s, _ := sigmoidPair(geluTanhArgument(x))
		return s.mul(ddF(x)), true
	},
	"GELU": func(x float64) (Scaled, bool) { return phiDouble(x).mul(ddF(x)), true },
	"SiLUDerivative": func(x float64) (Scaled, bool) {
		// sigmoid(x) * (1 + x*sigmoid(-x))
		pos, neg := sigmoidPair(ddF(x))
		b := ddAdd(ddF(1), neg.mul(ddF(x)).dd())
		return pos.mul(b), math.Abs(b.hi) > 0x1p-40
	},
	"MishDerivative": func(x float64) (Scaled, bool) {
		// T + x*(1 - T^2)*sigmoid(x), T = tanh(softplus(x))
		t, c := mishParts(x)
		s, _ := sigmoidPair(ddF(x))
		d := s.mul(c).mul(ddF(x))
		v := t.add(d)
		return v, x > 0 || v.Exp > t.Exp-40
	},
	"GELUTanhDerivative": func(x float64) (Scaled, bool) {
		// sigmoid(v) * (1 + x*sigmoid(-v)*v'), v' = 2sqrt(2/pi)(1 + 3*0.044715x^2)
		pos, neg := sigmoidPair(geluTanhArgument(x))
		x2 := twoProd(x, x)
		dv := ddMul(ddTwoSqrt2Pi, ddSum(ddF(1), ddMulF(ddMul(ddGELUTanhK, x2), 3)))
		b := ddAdd(ddF(1), neg.mul(ddMulF(dv, x)).dd())
		return pos.mul(b), math.Abs(b.hi) > 0x1p-40
	},
	"GELUDerivative": func(x float64) (Scaled, bool) {
		// Phi(x) + x*phi(x)
		p := phiDouble(x)
		v := p.add(normalDouble(x).mul(ddF(x)))
		return v, x > 0 || v.Exp > p.Exp-40
	},
}

// softplusDouble returns log(1 + e^x): log1p(e^x) for x <= 0 (e^x(1 - e^x/2)
// below 2^-60, whose next term is below 2^-120 of it), x + log1p(e^-x)
// above.
func softplusDouble(x float64) Scaled {
	if x > 0 {
		e := expScaled(ddF(-x)).dd()
		return scaled(ddSum(ddF(x), log1pDouble(e)))
	}
	e := expScaled(ddF(x))
	if e.Exp < -60 {
		return e.mul(ddSub(ddF(1), ddMulF(e.dd(), 0.5)))
	}
	return scaled(log1pDouble(e.dd()))
}

// mishParts returns T = tanh(softplus(x)) and 1 - T^2. With E = e^x for x
// <= 0, N = E(E+2): T = N/(N+2), 1 - T^2 = 4(N+1)/(N+2)^2. With E = e^-x
// for x > 0: T = (1+2E)/(1+2E+2E^2), 1 - T^2 = 4E^2(1+E)^2/(1+2E+2E^2)^2.
// Neither cancels.
func mishParts(x float64) (t Scaled, c dd) {
	if x <= 0 {
		e := expScaled(ddF(x))
		n := e.mul(ddSum(ddF(2), e.dd()))
		d := ddSum(ddF(2), n.dd())
		c = ddDiv(ddMulF(ddSum(ddF(1), n.dd()), 4), ddMul(d, d))
		return n.div(d), c
	}
	e := expScaled(ddF(-x)).dd()
	e2 := ddMul(e, e)
	num := ddSum(ddF(1), ddMulF(e, 2))
	d := ddSum(num, ddMulF(e2, 2))
	u := ddMul(e, ddSum(ddF(1), e))
	c = ddDiv(ddMulF(ddMul(u, u), 4), ddMul(d, d))
	return scaled(ddDiv(num, d)), c
}

// geluTanhArgument returns 2*sqrt(2/pi)*(x + 0.044715*x^3).
func geluTanhArgument(x float64) dd {
	x3 := ddMulF(twoProd(x, x), x)
	return ddMul(ddTwoSqrt2Pi, ddAdd(ddF(x), ddMul(ddGELUTanhK, x3)))
}

// phiDouble returns Phi(x) = 1 - Phi(-x) for x >= 0, Phi(-|x|) below.
func phiDouble(x float64) Scaled {
	if x < 0 {
		return tailDouble(-x)
	}
	return scaled(ddSub(ddF(1), tailDouble(x).dd()))
}

// Double returns the function named name at x from the double-double
// filter, and whether it vouches for the result to 2^-20 of an ulp: not
// near the roots of the derivatives, where the result cancels, nor within
// 2^-40 of the float64 overflow threshold. x is within the reach package
// rounded measures, finite and not zero.
func Double(name string, x float64) (Scaled, bool) { return DoubleFunction(name)(x) }

// DoubleFunction returns Double for the function named name.
func DoubleFunction(name string) func(x float64) (Scaled, bool) {
	f := doubleFunctions[name]
	if f == nil {
		panic("oracle: no double-double function " + name)
	}
	doubleInit()
	return func(x float64) (Scaled, bool) {
		v, ok := f(x)
		if v.Exp == 1024 || v.Exp == 1025 {
			// |v| in [2^1023, 2^1025): compare with the threshold 2^1024(1 - 2^-54).
			w := math.Abs(math.Ldexp(v.Hi, v.Exp-1024) + math.Ldexp(v.Lo, v.Exp-1024))
			if math.Abs(w-1) < 0x1p-40 {
				ok = false
			}
		}
		return v, ok
	}
}
