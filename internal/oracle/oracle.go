// Package oracle gives, for each activation function, the float32 nearest
// (ties to even) to the exact real value of the function, for any float32
// input. It is the reference that package rounded is proven against, and it
// shares no code with it.
//
// Each function first evaluates in float64 with package math and a
// conservative relative error bound. If every real number within that bound
// of the float64 value rounds to the same float32 (rounding is monotonic, so
// it is enough to round the two ends of the interval), that float32 is the
// answer. Otherwise the input is close to a float32 rounding boundary and the
// function is evaluated with math/big (bigmath.go) to a precision that
// separates the exact value from the boundary; precision doubles until it
// does. The exact value of these functions at a nonzero float32 is
// transcendental (Lindemann-Weierstrass), so it is never exactly on a
// boundary and the loop ends; the exact values at zero are handled first.
//
// The float64 bounds: Go's math.Exp, math.Expm1, math.Log1p and math.Tanh
// are documented or derived (FreeBSD msun, Cephes) to be within about one
// ulp, 2^-52 relative. A function below composes at most four such steps,
// each well conditioned (condition numbers at most 1, noted per function),
// which gives at most about 4.5 * 2^-52 < 2^-49.8. The bound used is
// floatBound = 2^-47, a margin of more than seven times; oracle_test checks
// it against math/big on random and tail inputs. GELU's math.Erfc is held to
// the same floatBound, and GELU and GELUTanh add a term that grows with the
// condition of their rounded inner arguments (see geluFn and geluTanhFn).
package oracle

import (
	"math"
	"math/big"
)

// floatBound is the relative error assumed of the float64 evaluations.
const floatBound = 0x1p-47

// Stats counts how inputs were decided.
type Stats struct {
	ByFloat64 uint64 // decided by the float64 evaluation and its bound
	ByBig     uint64 // sent to math/big
}

// decideFloat returns the float32 that every real within relative distance
// bound of v rounds to, if there is one. The interval ends are widened
// by 2^-50 relative to cover the roundings in computing them. An infinite v
// comes only from an overflow of the float64 evaluation, whose exact value is
// then far beyond the float32 overflow threshold. A zero v (at a nonzero
// input; the zeros of the functions are handled before) comes only from an
// underflow: the float64 operations then err by at most a few 2^-1074
// absolute, so the exact value is far below the smallest float32 subnormal
// and rounds to the zero of its sign, which every evaluation here keeps. The
// same absolute argument covers a float64-subnormal v, where the relative
// bound does not hold but both interval ends round to zero anyway.
func decideFloat(v, bound float64) (float32, bool) {
	if math.IsInf(v, 0) || v == 0 {
		return float32(v), true
	}
	d := math.Abs(v) * (bound + 0x1p-50)
	if d != d {
		return 0, false // a NaN bound decides nothing
	}
	lo, hi := float32(v-d), float32(v+d)
	if math.Float32bits(lo) != math.Float32bits(hi) {
		return 0, false
	}
	return lo, true
}

// decideBig evaluates f at increasing precisions until the value, with its
// relative error radius 2^-prec, rounds to one float32.
func decideBig(x float32, f func(a *big.Float, prec uint) *big.Float) float32 {
	if math.Abs(float64(x)) > 4096 {
		// No function here is near a rounding boundary out there except
		// through overflow, which decideFloat settles; refuse rather than
		// compute e^x with a huge exponent.
		panic("oracle: math/big evaluation requested for a huge argument")
	}
	a := new(big.Float).SetFloat64(float64(x))
	for prec := uint(160); prec <= 5120; prec *= 2 {
		y := f(a, prec)
		w := y.Prec() + 8
		eps := new(big.Float).SetPrec(w).SetMantExp(big.NewFloat(1), -int(prec)+1)
		one := new(big.Float).SetPrec(w).SetInt64(1)
		up := new(big.Float).SetPrec(w).Add(one, eps)
		down := new(big.Float).SetPrec(w).Sub(one, eps)
		lo, _ := new(big.Float).SetPrec(w).Mul(y, down).Float32()
		hi, _ := new(big.Float).SetPrec(w).Mul(y, up).Float32()
		if math.Float32bits(lo) == math.Float32bits(hi) {
			return lo
		}
	}
	panic("oracle: no precision up to 5120 bits separates the value from a rounding boundary")
}

func quiet(x float32) float32 {
	return math.Float32frombits(math.Float32bits(x) | 0x00400000)
}

// finish decides from the float64 value v and its relative error bound,
// falling back to math/big.
func finish(x float32, v, bound float64, f func(a *big.Float, prec uint) *big.Float, st *Stats) float32 {
	if r, ok := decideFloat(v, bound); ok {
		if st != nil {
			st.ByFloat64++
		}
		return r
	}
	if st != nil {
		st.ByBig++
	}
	return decideBig(x, f)
}

// function describes one activation for the oracle: its values at the
// special inputs, its float64 evaluation and its math/big evaluation.
type function struct {
	special func(x float32) (float32, bool)
	// interval, if not nil, may decide inputs where the relative bound
	// cannot: it gives float64 values lo <= hi such that the exact value
	// rounds like every real in [lo, hi]; see halfPlusTiny.
	interval func(x float64) (lo, hi float64, ok bool)
	float64  func(x float64) float64
	// bound, if not nil, gives the relative error bound of float64 at x,
	// for an evaluation whose error depends on x; otherwise floatBound.
	bound func(x float64) float64
	big   func(a *big.Float, prec uint) *big.Float
}

// relBound returns the relative error bound of f.float64 at x.
func (f *function) relBound(x float64) float64 {
	if f.bound != nil {
		return f.bound(x)
	}
	return floatBound
}

func (f *function) eval(x float32, st *Stats) float32 {
	if x != x {
		return quiet(x)
	}
	if r, ok := f.special(x); ok {
		return r
	}
	if f.interval != nil {
		if lo, hi, ok := f.interval(float64(x)); ok {
			r32, s32 := float32(lo), float32(hi)
			if math.Float32bits(r32) == math.Float32bits(s32) {
				if st != nil {
					st.ByFloat64++
				}
				return r32
			}
		}
	}
	return finish(x, f.float64(float64(x)), f.relBound(float64(x)), f.big, st)
}

// specials returns a special-case function for the values at 0 (only for
// functions that are zero at zero, keeping the sign), +Inf and -Inf.
func specials(zeroAtZero bool, posInf, negInf float32) func(float32) (float32, bool) {
	return func(x float32) (float32, bool) {
		switch {
		case x == 0 && zeroAtZero:
			return x, true
		case math.IsInf(float64(x), 1):
			return posInf, true
		case math.IsInf(float64(x), -1):
			return negInf, true
		}
		return 0, false
	}
}

var negZero = float32(math.Copysign(0, -1))

// softplus64 is log(1+e^x) in float64: log1p(e^x) for x <= 0,
// x + log1p(e^-x) for x > 0. log1p at y has condition
// y/((1+y)log1p(y)) <= 1, and the sum adds positives.
func softplus64(x float64) float64 {
	if x <= 0 {
		return math.Log1p(math.Exp(x))
	}
	return x + math.Log1p(math.Exp(-x))
}

var (
	// sigmoid: one exp, one add, one division; 1/(1+E) has condition
	// E/(1+E) <= 1 in E.
	sigmoidFn = function{
		special: specials(false, 1, 0),
		float64: func(x float64) float64 { return 1 / (1 + math.Exp(-x)) },
		big:     bigSigmoid,
	}
	tanhFn = function{
		special: specials(true, 1, -1),
		float64: math.Tanh,
		big:     bigTanh,
	}
	expm1Fn = function{
		special: specials(true, float32(math.Inf(1)), -1),
		float64: math.Expm1,
		big:     bigExpm1,
	}
	softplusFn = function{
		special: specials(false, float32(math.Inf(1)), 0),
		float64: softplus64,
		big:     bigSoftplus,
	}
	// silu: sigmoid's steps, the product with the exact x folded into the
	// division.
	siluFn = function{
		special:  specials(true, float32(math.Inf(1)), negZero),
		interval: halfPlusTiny,
		float64:  func(x float64) float64 { return x / (1 + math.Exp(-x)) },
		big: func(a *big.Float, prec uint) *big.Float {
			s := bigSigmoid(a, prec)
			return s.Mul(s, a)
		},
	}
	// mish: softplus, then math.Tanh, whose condition at t > 0 is
	// 2t/sinh(2t) <= 1, then the product with x.
	mishFn = function{
		special: specials(true, float32(math.Inf(1)), negZero),
		float64: func(x float64) float64 { return x * math.Tanh(softplus64(x)) },
		big: func(a *big.Float, prec uint) *big.Float {
			w := prec + guardBits
			t := bigTanh(bigSoftplus(a, w), w)
			return t.Mul(t, a)
		},
	}
)

// gelu: x*erfc(-x/sqrt2)/2. Go's math.Erfc is FreeBSD msun's, whose
// derivation (comments in math/erf.go) bounds each rational approximation
// below 2^-57 and adds a few roundings and at most two exponentials, each
// within an ulp, so floatBound covers it as it covers math.Exp. Unlike the
// functions above, the argument -x/sqrt2 is rounded (relative error up to
// 2^-52, from the constant and the product), and erfc magnifies that by its
// condition number z*erfc'(z)/erfc(z), which is at most 1 for z <= 0 (x > 0)
// and below z*(z+sqrt(z^2+2)) <= 1.5x^2 + 2 for z > 0, by the bound
// erfc(z) > 2e^(-z^2)/(sqrt(pi)*(z+sqrt(z^2+2))). With the final product's
// rounding, (x^2+4)*2^-49 on top of floatBound (4*2^-49 for x > 0) covers
// it with a margin of more than five.
var geluFn = function{
	special:  specials(true, float32(math.Inf(1)), negZero),
	interval: halfPlusTiny,
	float64: func(x float64) float64 {
		return 0.5 * x * math.Erfc(-x*invSqrt2)
	},
	bound: func(x float64) float64 {
		if x > 0 {
			return floatBound + 4*0x1p-49
		}
		return floatBound + (x*x+4)*0x1p-49
	},
	big: bigGelu,
}

// geluTanh: x/(1 + e^(-2u)), u = sqrt(2/pi)*(x + 0.044715*x^3). 2u takes
// six roundings (the two constants, x^3 = (x*x)*x with x*x exact, the
// product with the coefficient, the sum of two terms of one sign, the
// product with the root), below 2^-50 relative; the exponential turns that
// into an absolute error of |2u|*2^-50 in its argument, a relative error of
// the same size in e^(-2u), which 1/(1+E) passes on scaled by E/(1+E) <= 1,
// and by E/(1+E)*|2u| <= 1/e for x > 0. (|2u|+1)*2^-48 for x < 0 (2^-48 for
// x > 0) on top of floatBound covers it with a margin of four.
var geluTanhFn = function{
	special:  specials(true, float32(math.Inf(1)), negZero),
	interval: halfPlusTiny,
	float64: func(x float64) float64 {
		return x / (1 + math.Exp(-geluTanhArg(x)))
	},
	bound: func(x float64) float64 {
		if x > 0 {
			return floatBound + 0x1p-48
		}
		return floatBound + (math.Abs(geluTanhArg(x))+1)*0x1p-48
	},
	big: bigGeluTanh,
}

// geluTanhArg returns 2*sqrt(2/pi)*(x + 0.044715*x^3) in float64.
func geluTanhArg(x float64) float64 {
	const twoSqrt2OverPi = 0x1.9884533d43651p+0 // RN(2*sqrt(2/pi))
	const coef = 0.044715
	cube := float64(float64(x*x) * x)
	return float64(twoSqrt2OverPi * (x + float64(coef*cube)))
}

// invSqrt2 is 1/sqrt(2) rounded to float64.
const invSqrt2 = 0x1.6a09e667f3bcdp-1

// GELU returns x*Phi(x) = x*erfc(-x/sqrt2)/2 correctly rounded to float32;
// GELU(-Inf) is -0, the limit.
func GELU(x float32, st *Stats) float32 { return geluFn.eval(x, st) }

// GELUTanh returns x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))/2, the
// constants exact reals, correctly rounded to float32; GELUTanh(-Inf) is -0.
func GELUTanh(x float32, st *Stats) float32 { return geluTanhFn.eval(x, st) }

// Sigmoid returns 1/(1+e^-x) correctly rounded to float32. A non-nil st
// counts how the input was decided.
func Sigmoid(x float32, st *Stats) float32 { return sigmoidFn.eval(x, st) }

// Tanh returns tanh(x) correctly rounded to float32.
func Tanh(x float32, st *Stats) float32 { return tanhFn.eval(x, st) }

// Expm1 returns e^x - 1 correctly rounded to float32.
func Expm1(x float32, st *Stats) float32 { return expm1Fn.eval(x, st) }

// Softplus returns log(1+e^x) correctly rounded to float32.
func Softplus(x float32, st *Stats) float32 { return softplusFn.eval(x, st) }

// SiLU returns x/(1+e^-x) correctly rounded to float32.
func SiLU(x float32, st *Stats) float32 { return siluFn.eval(x, st) }

// Mish returns x*tanh(log(1+e^x)) correctly rounded to float32.
func Mish(x float32, st *Stats) float32 { return mishFn.eval(x, st) }

// halfPlusTiny decides silu and gelu at tiny x, where each is x/2 plus a
// positive term below x^2/2 (silu(x) = x/2 + x^2/4 - x^4/48 + ...,
// gelu(x) = x/2 + x^2/sqrt(2*pi) - x^4/(6*sqrt(2*pi)) + ...), so the exact
// value lies strictly between x/2 and x/2 + x^2/2. For subnormal x, x/2 is often
// exactly a float32 midpoint, so the relative bound never decides; but the
// exact value is above x/2 by less than one float64 ulp of x/2 (for
// |x| < 2^-60), and no float32 midpoint lies strictly between two adjacent
// float64 numbers, so the exact value rounds like the float64 just above
// x/2, which is not a midpoint itself (it has 53 significant bits, a float32
// midpoint at most 25). The interval returned is that single point:
// lo == hi == Nextafter(x/2, +Inf), above x/2 for either sign of x.
func halfPlusTiny(x float64) (lo, hi float64, ok bool) {
	if x == 0 || math.Abs(x) >= 0x1p-60 {
		return 0, 0, false
	}
	v := math.Nextafter(x/2, math.Inf(1))
	return v, v, true
}

var (
	// exp: one math.Exp.
	expFn = function{
		special: specials(false, float32(math.Inf(1)), 0),
		float64: math.Exp,
		big:     bigExp,
	}
	// siluDerivative: s + x*s*(1-s) with s = sigmoid(x), written
	// s*(1 + x*c), c = 1 - s = sigmoid(-x) = E*s with E = e^-x. The
	// factor 1 + x*c cancels near x = -1.2785, where the derivative
	// crosses zero, so the bound grows with |x*c|/|1 + x*c|, the
	// factor's condition (see siluDerivativeBound).
	siluDerivativeFn = function{
		special: specials(false, 1, negZero),
		float64: func(x float64) float64 {
			if x < -700 {
				// e^-x overflows below -709.78; |x|e^x is far below
				// float32's subnormals from -110 on.
				return math.Copysign(0, -1)
			}
			e := math.Exp(-x)
			s := 1 / (1 + e)
			return s * (1 + x*(e*s))
		},
		bound: siluDerivativeBound,
		big:   bigSiLUDerivative,
	}
)

// siluDerivativeBound is the relative error bound of siluDerivativeFn's
// float64 evaluation: c = e*s takes math.Exp's error, the division's and
// the product's (below 2^-50 relative together), x*c one more rounding,
// 1 + x*c one more relative to itself; so 1 + x*c is off by at most
// 2^-49*(|x*c| + |1 + x*c|), and the product with s adds s's error and a
// rounding. floatBound*(1 + |x*c|/|1 + x*c|) covers that by a margin of
// four. Where 1 + x*c is zero in float64 the bound is infinite and math/big
// decides.
func siluDerivativeBound(x float64) float64 {
	e := math.Exp(-x)
	c := e / (1 + e)
	xc := x * c
	return floatBound * (1 + math.Abs(xc)/math.Abs(1+xc))
}

// bigSiLUDerivative returns sigmoid(a)*(1 + a*sigmoid(-a)) to relative
// precision 2^-prec. The factor 1 + a*sigmoid(-a) cancels near its root
// (a transcendental number, never a float32), so it is computed with guard
// bits, and again with as many more as it lost, before the product.
func bigSiLUDerivative(a *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	factor := func(w uint) *big.Float {
		c := bigSigmoid(newFloat(w).Neg(a), w)
		c.Mul(c, a)
		return c.Add(c, newFloat(w).SetInt64(1))
	}
	f := factor(w)
	if lost := -f.MantExp(nil); lost > 0 {
		f = factor(w + uint(lost) + guardBits)
	}
	s := bigSigmoid(a, w)
	return s.Mul(s, f)
}

// Exp returns e^x correctly rounded to float32.
func Exp(x float32, st *Stats) float32 { return expFn.eval(x, st) }

// SiLUDerivative returns d/dx SiLU(x) = sigmoid(x)*(1 + x*(1 - sigmoid(x)))
// correctly rounded to float32; 1 at +Inf and -0 at -Inf (the limits).
func SiLUDerivative(x float32, st *Stats) float32 { return siluDerivativeFn.eval(x, st) }

// geluDerivative: Phi(x) + x*phi(x), phi(x) = e^(-x^2/2)/sqrt(2*pi). Phi
// takes GELU's bound (math.Erfc with its rounded argument); phi's
// exponential has the rounding of x^2/2 in its argument, x^2*2^-53
// absolute, which the same (x^2+4)*2^-49 covers for x < 0; for x > 0 the
// term x*phi(x) is at most 0.25 of d and below 2^-40 of it from x = 8 on,
// where the relative error x^2*2^-53 of phi stays below 2^-40 of d. The sum cancels near
// x = -0.7518, where the derivative crosses zero, so the bound is scaled by
// (Phi + |x*phi|)/|d|, the sum's condition.
var geluDerivativeFn = function{
	special: specials(false, 1, negZero),
	float64: func(x float64) float64 {
		if x < -16 {
			// |x|*phi(x) is below 2^-150 from -15 on; erfc and exp
			// underflow further out.
			return math.Copysign(0, -1)
		}
		return 0.5*math.Erfc(-x*invSqrt2) + x*math.Exp(-0.5*x*x)*invSqrt2Pi
	},
	bound: func(x float64) float64 {
		phi := math.Exp(-0.5*x*x) * invSqrt2Pi
		cdf := 0.5 * math.Erfc(-x*invSqrt2)
		return geluFn.bound(x) * (cdf + math.Abs(x*phi)) / math.Abs(cdf+x*phi)
	},
	big: bigGELUDerivative,
}

// invSqrt2Pi is 1/sqrt(2*pi) rounded to float64.
const invSqrt2Pi = 0x1.9884533d43651p-2

// bigGELUDerivative returns Phi(a) + a*phi(a) to relative precision
// 2^-prec, Phi from the normal tail (1 - Phi(-a) for a >= 0, a sum that
// does not cancel below 1/2), and the sum with as many more guard bits as
// it loses near its root.
func bigGELUDerivative(a *big.Float, prec uint) *big.Float {
	sum := func(w uint) *big.Float {
		cdf := NormalTailBig(newFloat(w).Abs(a), w)
		if a.Sign() > 0 {
			cdf.Sub(newFloat(w).SetInt64(1), cdf)
		}
		a2 := newFloat(w).Mul(a, a)
		phi := bigExp(a2.SetMantExp(a2, -1).Neg(a2), w)
		twoPi := newFloat(w).SetMantExp(bigPi(w), 1) // bigPi's value is shared
		phi.Quo(phi, newFloat(w).Sqrt(twoPi))
		phi.Mul(phi, a)
		return phi.Add(phi, cdf)
	}
	w := prec + guardBits
	d := sum(w)
	if lost := -d.MantExp(nil); lost > 0 {
		d = sum(w + uint(lost) + guardBits)
	}
	return d
}

// GELUDerivative returns d/dx GELU(x) = Phi(x) + x*phi(x) correctly rounded
// to float32; 1 at +Inf and -0 at -Inf (the limits).
func GELUDerivative(x float32, st *Stats) float32 { return geluDerivativeFn.eval(x, st) }

// geluTanhDerivative: sigmoid(v)*(1 + x*sigmoid(-v)*v'), v = 2u as in
// geluTanhFn, v' = 2*sqrt(2/pi)*(1 + 3*0.044715*x^2). The sigmoids take
// GELUTanh's bound for the error of v; the factor cancels near its root
// (x = -1.5), which scales m's part of the bound by |m|/|1 + m|,
// m = x*sigmoid(-v)*v'.
var geluTanhDerivativeFn = function{
	special: specials(false, 1, negZero),
	float64: func(x float64) float64 {
		if x < -20 {
			// e^-v overflows below about -23; d is below 2^-150 from
			// x = -13 on.
			return math.Copysign(0, -1)
		}
		s, m := geluTanhDerivativeParts(x)
		return s * (1 + m)
	},
	bound: func(x float64) float64 {
		// The rounding of v moves sigmoid(v) by a relative
		// (1 - sigmoid(v))*|dv| and sigmoid(-v) by sigmoid(v)*|dv|,
		// |dv| below (|v|+1)*2^-50 as in geluTanhFn; the factor's
		// condition scales the second.
		s, m := geluTanhDerivativeParts(x)
		ev := (math.Abs(geluTanhArg(x)) + 1) * 0x1p-48
		return floatBound + (1-s)*ev + math.Abs(m)/math.Abs(1+m)*(floatBound+s*ev)
	},
	big: bigGELUTanhDerivative,
}

// geluTanhDerivativeParts returns sigmoid(v) and m = x*sigmoid(-v)*v' in
// float64.
func geluTanhDerivativeParts(x float64) (s, m float64) {
	const twoSqrt2OverPi = 0x1.9884533d43651p+0
	e := math.Exp(-geluTanhArg(x))
	s = 1 / (1 + e)
	dv := twoSqrt2OverPi * (1 + 3*0.044715*x*x)
	return s, x * (e * s) * dv
}

// bigGELUTanhDerivative returns sigmoid(v)*(1 + a*sigmoid(-v)*v') to
// relative precision 2^-prec, with guard bits for the factor's
// cancellation as in bigSiLUDerivative.
func bigGELUTanhDerivative(a *big.Float, prec uint) *big.Float {
	eval := func(w uint) (*big.Float, *big.Float) {
		coef := newFloat(w).Quo(newFloat(w).SetInt64(44715), newFloat(w).SetInt64(1000000))
		a2 := newFloat(w).Mul(a, a)
		scale := newFloat(w).Quo(newFloat(w).SetInt64(8), bigPi(w))
		scale.Sqrt(scale) // 2*sqrt(2/pi)
		v := newFloat(w).Mul(a2, coef)
		v.Add(v, newFloat(w).SetInt64(1))
		v.Mul(v, a)
		v.Mul(v, scale)
		dv := newFloat(w).Mul(a2, coef)
		dv.Mul(dv, newFloat(w).SetInt64(3))
		dv.Add(dv, newFloat(w).SetInt64(1))
		dv.Mul(dv, scale)
		f := bigSigmoid(newFloat(w).Neg(v), w)
		f.Mul(f, dv)
		f.Mul(f, a)
		f.Add(f, newFloat(w).SetInt64(1))
		return bigSigmoid(v, w), f
	}
	w := prec + guardBits
	s, f := eval(w)
	if lost := -f.MantExp(nil); lost > 0 {
		s, f = eval(w + uint(lost) + guardBits)
	}
	return s.Mul(s, f)
}

// GELUTanhDerivative returns d/dx GELUTanh(x) correctly rounded to float32;
// 1 at +Inf and -0 at -Inf (the limits).
func GELUTanhDerivative(x float32, st *Stats) float32 { return geluTanhDerivativeFn.eval(x, st) }

// mishDerivative: E*((E+2)*N + 4x*(E+1))/N^2, E = e^x, N = E^2 + 2E + 2.
// Each factor is math.Exp's error and a few roundings, and the sum cancels
// near x = -1.19, where d crosses zero: twice floatBound times the sum's
// condition covers it.
var mishDerivativeFn = function{
	special: specials(false, 1, negZero),
	float64: func(x float64) float64 {
		switch {
		case x > 40:
			return 1 // d is 1 + O(x*e^-2x)
		case x < -700:
			return math.Copysign(0, -1) // e^x underflows below -745
		}
		a, b, e, n := mishDerivativeParts(x)
		return e * (a + b) / (n * n)
	},
	bound: func(x float64) float64 {
		if x > 40 || x < -700 {
			return floatBound // float64 returns the limits there
		}
		a, b, _, _ := mishDerivativeParts(x)
		return 2 * floatBound * (math.Abs(a) + math.Abs(b)) / math.Abs(a+b)
	},
	big: bigMishDerivative,
}

// mishDerivativeParts returns (E+2)*N, 4x*(E+1), E and N in float64.
func mishDerivativeParts(x float64) (a, b, e, n float64) {
	e = math.Exp(x)
	n = (e+1)*(e+1) + 1
	return (e + 2) * n, 4 * x * (e + 1), e, n
}

// bigMishDerivative returns E*((E+2)*N + 4a*(E+1))/N^2 to relative
// precision 2^-prec, with guard bits for the sum's cancellation as in
// bigSiLUDerivative.
func bigMishDerivative(a *big.Float, prec uint) *big.Float {
	eval := func(w uint) (sum, e, n *big.Float) {
		e = bigExp(a, w)
		e1 := newFloat(w).Add(e, newFloat(w).SetInt64(1))
		n = newFloat(w).Mul(e1, e1)
		n.Add(n, newFloat(w).SetInt64(1))
		sum = newFloat(w).Add(e, newFloat(w).SetInt64(2))
		sum.Mul(sum, n)
		b := newFloat(w).Mul(e1, a)
		b.SetMantExp(b, 2)
		return sum.Add(sum, b), e, n
	}
	w := prec + guardBits
	sum, e, n := eval(w)
	if lost := 2 - sum.MantExp(nil); lost > 0 {
		sum, e, n = eval(w + uint(lost) + guardBits)
	}
	sum.Mul(sum, e)
	sum.Quo(sum, n)
	return sum.Quo(sum, n)
}

// MishDerivative returns d/dx Mish(x) correctly rounded to float32; 1 at
// +Inf and -0 at -Inf (the limits).
func MishDerivative(x float32, st *Stats) float32 { return mishDerivativeFn.eval(x, st) }
