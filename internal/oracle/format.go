package oracle

import (
	"math"
	"math/big"
)

// This file gives the same functions correctly rounded to a binary format
// narrower than float32 (bfloat16, float16): the exact value rounded once to
// that format, which rounding the float32 result again would not always
// give (the float32 result can be exactly a midpoint of the narrower format
// while the exact value is not). The decisions are the float32 ones with
// the format's rounding in place of float32's: an interval of reals rounds
// to one value of the format when its two ends do.

// Format is a binary floating-point format of IEEE 754 style (subnormals,
// infinities) with ExpBits of biased exponent and FracBits of fraction, at
// most float32's: bfloat16 is {8, 7}, float16 {5, 10}, float32 {8, 23}.
type Format struct{ ExpBits, FracBits int }

// minExp is the exponent of f's smallest normal value; the subnormals
// share its spacing.
func (f Format) minExp() int { return 2 - 1<<(f.ExpBits-1) }

// max is f's largest finite value.
func (f Format) max() float64 {
	return math.Ldexp(2-math.Ldexp(1, -f.FracBits), 1<<(f.ExpBits-1)-1)
}

// round returns v rounded to f, to nearest, ties to even: v divided by the
// spacing of f's values around it (a power of two, so the quotient is
// exact) is rounded to an even integer and multiplied back. At the top,
// that lands on the power of two past the largest finite value, which is
// an overflow to the infinity, as IEEE 754 rounds with an unbounded
// exponent and then overflows. Zeros, infinities and NaNs are v itself.
func (f Format) round(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || v != v {
		return v
	}
	_, e := math.Frexp(v) // 2^(e-1) <= |v| < 2^e
	q := max(e-1, f.minExp()) - f.FracBits
	r := math.Ldexp(math.RoundToEven(math.Ldexp(v, -q)), q)
	if math.Abs(r) > f.max() {
		return math.Copysign(math.Inf(1), v)
	}
	return r
}

// roundBig is round for a big.Float: the scaled value is rounded to an
// integer in math/big, ties to even, and that integer (at most FracBits+2
// bits) times the spacing is exact in float64.
func (f Format) roundBig(y *big.Float) float64 {
	if y.Sign() == 0 {
		if y.Signbit() {
			return math.Copysign(0, -1)
		}
		return 0
	}
	if y.IsInf() {
		return math.Inf(y.Sign())
	}
	e := y.MantExp(nil) // 2^(e-1) <= |y| < 2^e
	q := max(e-1, f.minExp()) - f.FracBits
	s := new(big.Float).SetPrec(y.Prec()).SetMantExp(y, -q)
	i, _ := s.Int(nil) // toward zero
	frac := new(big.Float).SetPrec(s.Prec()).Sub(s, new(big.Float).SetInt(i))
	if c := frac.Abs(frac).Cmp(big.NewFloat(0.5)); c > 0 || c == 0 && i.Bit(0) == 1 {
		i.Add(i, big.NewInt(int64(s.Sign()))) // away from zero
	}
	v, _ := new(big.Float).SetInt(i).Float64()
	r := math.Ldexp(v, q)
	if math.Abs(r) > f.max() {
		return math.Copysign(math.Inf(1), float64(y.Sign()))
	}
	if r == 0 && y.Sign() < 0 {
		return math.Copysign(0, -1)
	}
	return r
}

// same reports whether a and b are the same value, the zeros told apart.
func same(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// evalIn is eval for the format f: the value as a float64 (every value of
// f is one). A NaN input gives that NaN, quieted, as eval does.
func (fn *function) evalIn(x float32, f Format, st *Stats) float64 {
	if x != x {
		return float64(quiet(x))
	}
	if r, ok := fn.special(x); ok {
		return f.round(float64(r))
	}
	xf := float64(x)
	if fn.interval != nil {
		// halfPlusTiny's argument holds for any format narrower than
		// float64: no midpoint of it lies between two adjacent float64.
		if lo, hi, ok := fn.interval(xf); ok && same(f.round(lo), f.round(hi)) {
			if st != nil {
				st.ByFloat64++
			}
			return f.round(lo)
		}
	}
	// decideFloat's argument, with f's rounding of the interval's ends.
	v := fn.float64(xf)
	if math.IsInf(v, 0) || v == 0 {
		if st != nil {
			st.ByFloat64++
		}
		return f.round(v)
	}
	d := math.Abs(v) * (fn.relBound(xf) + 0x1p-50)
	if d == d {
		if lo, hi := f.round(v-d), f.round(v+d); same(lo, hi) {
			if st != nil {
				st.ByFloat64++
			}
			return lo
		}
	}
	if st != nil {
		st.ByBig++
	}
	return f.decideBig(x, fn.big)
}

// decideBig is the package's decideBig for the format f.
func (f Format) decideBig(x float32, fn func(a *big.Float, prec uint) *big.Float) float64 {
	if math.Abs(float64(x)) > 4096 {
		panic("oracle: math/big evaluation requested for a huge argument")
	}
	a := new(big.Float).SetFloat64(float64(x))
	for prec := uint(160); prec <= 5120; prec *= 2 {
		y := fn(a, prec)
		w := y.Prec() + 8
		eps := new(big.Float).SetPrec(w).SetMantExp(big.NewFloat(1), -int(prec)+1)
		one := new(big.Float).SetPrec(w).SetInt64(1)
		lo := f.roundBig(new(big.Float).SetPrec(w).Mul(y, new(big.Float).SetPrec(w).Sub(one, eps)))
		hi := f.roundBig(new(big.Float).SetPrec(w).Mul(y, new(big.Float).SetPrec(w).Add(one, eps)))
		if same(lo, hi) {
			return lo
		}
	}
	panic("oracle: no precision up to 5120 bits separates the value from a rounding boundary")
}

// functions are the package's functions by name, as package kernels names
// its kernels: the forward values and the derivatives.
var functions = map[string]*function{
	"Sigmoid": &sigmoidFn, "Tanh": &tanhFn, "SiLU": &siluFn, "GELU": &geluFn,
	"GELUTanh": &geluTanhFn, "Softplus": &softplusFn, "Mish": &mishFn,
	"Exp": &expFn, "Expm1": &expm1Fn,
	"SiLUDerivative": &siluDerivativeFn, "GELUDerivative": &geluDerivativeFn,
	"GELUTanhDerivative": &geluTanhDerivativeFn, "MishDerivative": &mishDerivativeFn,
}

// RoundIn returns the function named name (Sigmoid, Tanh, SiLU, GELU,
// GELUTanh, Softplus, Mish, Exp, Expm1, or one of the Derivatives) at x,
// its exact value correctly rounded to f, as a float64; a NaN x gives that
// NaN, quieted. It panics on any other name.
func RoundIn(name string, f Format, x float32, st *Stats) float64 {
	fn := functions[name]
	if fn == nil {
		panic("oracle: no function " + name)
	}
	return fn.evalIn(x, f, st)
}
