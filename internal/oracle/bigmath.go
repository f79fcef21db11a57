package oracle

import (
	"math"
	"math/big"
	"sync"
)

// This file evaluates the functions in arbitrary precision with math/big. It
// shares no code with package rounded, and its arguments are structured
// differently on purpose (plain Taylor and atanh series, argument halving
// and squaring for exp), so that an error in one is not repeated in the
// other.
//
// Precision accounting: every routine takes the precision prec that its
// result must be accurate to (relative error at most 2^-prec) and works with
// guard bits on top: each basic big.Float operation at working precision w
// errs by at most 2^-w relative, a routine does at most a few thousand of
// them, and squaring after halving multiplies relative errors by 2^halvings,
// which is added to w explicitly. Series are summed until the next term is
// below 2^-(w+4) of the sum, and each series used here has terms that fall
// at least geometrically by a factor of two from that point on, so the
// dropped tail is at most twice the first dropped term.

const guardBits = 64

func newFloat(prec uint) *big.Float { return new(big.Float).SetPrec(prec) }

var (
	ln2Mu    sync.Mutex
	ln2Cache = map[uint]*big.Float{}
)

// bigLn2 returns ln2 to at least prec bits: 2*atanh(1/3) = sum over k of
// 2/((2k+1)*3^(2k+1)), terms falling by a factor of nine.
func bigLn2(prec uint) *big.Float {
	ln2Mu.Lock()
	defer ln2Mu.Unlock()
	if v, ok := ln2Cache[prec]; ok {
		return v
	}
	w := prec + guardBits
	third := newFloat(w).Quo(newFloat(w).SetInt64(1), newFloat(w).SetInt64(3))
	v := bigAtanhSeries(third, w)
	v.Mul(v, newFloat(w).SetInt64(2))
	ln2Cache[prec] = v
	return v
}

// bigAtanhSeries returns atanh(s) = s + s^3/3 + s^5/5 + ... for |s| <= 1/3
// at working precision w.
func bigAtanhSeries(s *big.Float, w uint) *big.Float {
	sum := newFloat(w).Set(s)
	if s.Sign() == 0 {
		return sum
	}
	s2 := newFloat(w).Mul(s, s)
	pow := newFloat(w).Set(s)
	term := newFloat(w)
	limit := sum.MantExp(nil) - int(w) - 4
	for k := int64(1); ; k++ {
		pow.Mul(pow, s2)
		term.Quo(pow, newFloat(w).SetInt64(2*k+1))
		sum.Add(sum, term)
		if term.MantExp(nil) < limit {
			return sum
		}
	}
}

// bigExpm1Series returns e^a - 1 = a + a^2/2! + ... for |a| <= 1/2 at
// working precision w; no cancellation, so tiny a keeps full relative
// precision.
func bigExpm1Series(a *big.Float, w uint) *big.Float {
	sum := newFloat(w).Set(a)
	if a.Sign() == 0 {
		return sum
	}
	term := newFloat(w).Set(a)
	limit := sum.MantExp(nil) - int(w) - 4
	for k := int64(2); ; k++ {
		term.Mul(term, a)
		term.Quo(term, newFloat(w).SetInt64(k))
		sum.Add(sum, term)
		if term.MantExp(nil) < limit {
			return sum
		}
	}
}

// bigExp returns e^a to relative precision 2^-prec, for |a| < 2^20.
// a = k*ln2 + r with |r| <= ln2/2 (ln2 carries 20+ extra bits to cover k),
// e^r = (e^(r/2^h))^(2^h) with the inner value from the Taylor series, and
// 2^k applied to the exponent.
func bigExp(a *big.Float, prec uint) *big.Float {
	const halvings = 16
	w := prec + guardBits + halvings
	ln2 := bigLn2(w + 24)
	kf := newFloat(w).Quo(a, ln2)
	k := roundToInt(kf).Int64()
	r := newFloat(w+24).Mul(newFloat(w+24).SetInt64(k), ln2)
	r.Sub(a, r)
	r.SetPrec(w)
	r.SetMantExp(r, -halvings)
	e := bigExpm1Series(r, w)
	e.Add(e, newFloat(w).SetInt64(1))
	for i := 0; i < halvings; i++ {
		e.Mul(e, e)
	}
	return e.SetMantExp(e, int(k))
}

// bigExpm1 returns e^a - 1 to relative precision 2^-prec: the series for
// |a| <= 1/2, else e^a - 1, where |e^a - 1| >= 1 - e^-1/2 > 1/3 bounds the
// cancellation to two bits.
func bigExpm1(a *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	if new(big.Float).Abs(a).Cmp(big.NewFloat(0.5)) <= 0 {
		return bigExpm1Series(a, w)
	}
	e := bigExp(a, w)
	return e.Sub(e, newFloat(w).SetInt64(1))
}

// bigLog1p returns log(1+y) to relative precision 2^-prec for 0 <= y <= 1:
// 2*atanh(y/(2+y)), with y/(2+y) in [0, 1/3].
func bigLog1p(y *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	den := newFloat(w).Add(y, newFloat(w).SetInt64(2))
	s := newFloat(w).Quo(y, den)
	v := bigAtanhSeries(s, w)
	return v.Mul(v, newFloat(w).SetInt64(2))
}

// bigTanh returns tanh(t) to relative precision 2^-prec: E/(E+2) with
// E = expm1(2t), no cancellation for t >= 0; odd for t < 0.
func bigTanh(t *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	a := newFloat(w).Abs(t)
	a.Mul(a, newFloat(w).SetInt64(2))
	e := bigExpm1(a, w)
	den := newFloat(w).Add(e, newFloat(w).SetInt64(2))
	v := e.Quo(e, den)
	if t.Sign() < 0 {
		v.Neg(v)
	}
	return v
}

// bigSigmoid returns 1/(1+e^-a) to relative precision 2^-prec.
func bigSigmoid(a *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	e := bigExp(newFloat(w).Neg(a), w)
	e.Add(e, newFloat(w).SetInt64(1))
	return e.Quo(newFloat(w).SetInt64(1), e)
}

// bigSoftplus returns log(1+e^a) to relative precision 2^-prec:
// log1p(e^a) for a <= 0, a + log1p(e^-a) for a > 0 (a sum of positives).
func bigSoftplus(a *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	if a.Sign() <= 0 {
		return bigLog1p(bigExp(a, w), w)
	}
	v := bigLog1p(bigExp(newFloat(w).Neg(a), w), w)
	return v.Add(v, a)
}

// roundToInt returns the integer nearest to x (ties away from zero; which
// way a tie goes does not matter to the callers).
func roundToInt(x *big.Float) *big.Int {
	h := big.NewFloat(0.5)
	y := new(big.Float).SetPrec(x.Prec() + 2).Abs(x)
	y.Add(y, h)
	i, _ := y.Int(nil)
	if x.Sign() < 0 {
		i.Neg(i)
	}
	return i
}

var (
	piMu    sync.Mutex
	piCache = map[uint]*big.Float{}
)

// bigPi returns pi to at least prec bits by Machin's formula,
// 16*atan(1/5) - 4*atan(1/239), each atan from its alternating series
// (terms falling by a factor of 25 or more).
func bigPi(prec uint) *big.Float {
	piMu.Lock()
	defer piMu.Unlock()
	if v, ok := piCache[prec]; ok {
		return v
	}
	w := prec + guardBits
	atanInv := func(n int64) *big.Float {
		s := newFloat(w).Quo(newFloat(w).SetInt64(1), newFloat(w).SetInt64(n))
		s2 := newFloat(w).Mul(s, s)
		sum := newFloat(w).Set(s)
		pow := newFloat(w).Set(s)
		term := newFloat(w)
		limit := sum.MantExp(nil) - int(w) - 4
		for k := int64(1); ; k++ {
			pow.Mul(pow, s2)
			term.Quo(pow, newFloat(w).SetInt64(2*k+1))
			if k%2 == 1 {
				sum.Sub(sum, term)
			} else {
				sum.Add(sum, term)
			}
			if term.MantExp(nil) < limit {
				return sum
			}
		}
	}
	v := atanInv(5)
	v.Mul(v, newFloat(w).SetInt64(16))
	v.Sub(v, newFloat(w).Mul(atanInv(239), newFloat(w).SetInt64(4)))
	piCache[prec] = v
	return v
}

// bigErfSeries returns erf(z) for z >= 0 at working precision w from the
// series with positive terms
//
//	erf(z) = 2/sqrt(pi) * e^(-z^2) * sum over n of (2z^2)^n * z / (1*3*...*(2n+1)),
//
// which has no cancellation (the alternating Taylor series of erf would lose
// about z^2*log2(e) bits). Term n+1 is term n times 2z^2/(2n+3), so once
// 2n+3 >= 4z^2 the terms fall by a factor of two or more and the stopping
// rule of the file comment holds.
func bigErfSeries(z *big.Float, w uint) *big.Float {
	if z.Sign() == 0 {
		return newFloat(w)
	}
	z2 := newFloat(w).Mul(z, z)
	twoZ2 := newFloat(w).Mul(z2, newFloat(w).SetInt64(2))
	sum := newFloat(w).Set(z)
	term := newFloat(w).Set(z)
	fourZ2 := newFloat(w).Mul(twoZ2, newFloat(w).SetInt64(2))
	for n := int64(0); ; n++ {
		term.Mul(term, twoZ2)
		term.Quo(term, newFloat(w).SetInt64(2*n+3))
		sum.Add(sum, term)
		falling := newFloat(w).SetInt64(2*n+3).Cmp(fourZ2) >= 0
		if falling && term.MantExp(nil) < sum.MantExp(nil)-int(w)-4 {
			break
		}
	}
	e := bigExp(newFloat(w).Neg(z2), w)
	sum.Mul(sum, e)
	sum.Mul(sum, newFloat(w).SetInt64(2))
	return sum.Quo(sum, newFloat(w).Sqrt(bigPi(w)))
}

// bigErfc returns erfc(z) = 1 - erf(z) to relative precision 2^-prec for
// z >= 0 (z below a few thousand). The subtraction cancels: erfc(z) >
// e^(-z^2)/(sqrt(pi)*(z+1)), so it loses at most z^2*log2(e) +
// log2(sqrt(pi)*(z+1)) bits, which are added to the working precision.
func bigErfc(z *big.Float, prec uint) *big.Float {
	zf, _ := z.Float64()
	lost := uint(zf*zf*1.4426950408889634+math.Log2(1.7725*(zf+1))) + 2
	w := prec + guardBits + lost
	erf := bigErfSeries(newFloat(w).Set(z), w)
	return erf.Sub(newFloat(w).SetInt64(1), erf)
}

// bigGelu returns a*Phi(a) = a*(1 + erf(a/sqrt2))/2 to relative precision
// 2^-prec: for a >= 0 as written (a sum of positives), for a < 0 as
// a*erfc(|a|/sqrt2)/2, erfc taking care of the cancellation.
func bigGelu(a *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	z := newFloat(w).Abs(a)
	z.Quo(z, newFloat(w).Sqrt(newFloat(w).SetInt64(2)))
	var v *big.Float
	if a.Sign() >= 0 {
		v = bigErfSeries(z, w)
		v.Add(v, newFloat(w).SetInt64(1))
	} else {
		v = bigErfc(z, w)
	}
	v.Mul(v, a)
	return v.SetMantExp(v, -1)
}

// bigGeluTanh returns a*(1 + tanh(u))/2 = a/(1 + e^(-2u)) with
// u = sqrt(2/pi)*(a + 0.044715*a^3), the constants exact reals, to relative
// precision 2^-prec. 2u is computed to relative 2^-(w+1), so the absolute
// error it passes to the sigmoid is below |2u|*2^-w, which the guard bits
// cover for |2u| far beyond the range where the result is not yet 0 or a.
func bigGeluTanh(a *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	coef := newFloat(w).Quo(newFloat(w).SetInt64(44715), newFloat(w).SetInt64(1000000))
	cube := newFloat(w).Mul(a, a)
	cube.Mul(cube, a)
	v := newFloat(w).Mul(cube, coef)
	v.Add(v, a)
	scale := newFloat(w).Quo(newFloat(w).SetInt64(2), bigPi(w))
	scale.Sqrt(scale)
	v.Mul(v, scale)
	v.SetMantExp(v, 1)
	s := bigSigmoid(v, w)
	return s.Mul(s, a)
}
