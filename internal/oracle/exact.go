package oracle

import "math/big"

// Exact evaluations in math/big, to relative precision 2^-prec, for tests
// elsewhere that measure the error of intermediate double-double results
// (package rounded's exponential, log1p and normal-tail cores) rather than
// final float32 values. The argument ranges are those of the unexported
// evaluations: e^a for |a| < 2^20, log1p(y) for 0 <= y <= 1, Phi(-a) and
// a*Phi(a) for |a| below a few thousand.

// ExpBig returns e^a.
func ExpBig(a *big.Float, prec uint) *big.Float { return bigExp(a, prec) }

// Expm1Big returns e^a - 1 (no cancellation for tiny a).
func Expm1Big(a *big.Float, prec uint) *big.Float { return bigExpm1(a, prec) }

// Log1pBig returns log(1+y) for 0 <= y <= 1.
func Log1pBig(y *big.Float, prec uint) *big.Float { return bigLog1p(y, prec) }

// SigmoidBig returns 1/(1+e^-a).
func SigmoidBig(a *big.Float, prec uint) *big.Float { return bigSigmoid(a, prec) }

// NormalTailBig returns Phi(-a) = erfc(a/sqrt2)/2 for a >= 0.
func NormalTailBig(a *big.Float, prec uint) *big.Float {
	w := prec + guardBits
	z := newFloat(w).Quo(a, newFloat(w).Sqrt(newFloat(w).SetInt64(2)))
	v := bigErfc(z, w)
	return v.SetMantExp(v, -1)
}

// GELUBig returns a*Phi(a).
func GELUBig(a *big.Float, prec uint) *big.Float { return bigGelu(a, prec) }

// Big returns the function named name (as RoundIn names them) at a, to
// relative precision 2^-prec: the reference that package rounded's binary64
// functions are measured against. The argument ranges are those above:
// |a| below a few thousand (GELUTanh's below about 200).
func Big(name string, a *big.Float, prec uint) *big.Float {
	fn := functions[name]
	if fn == nil {
		panic("oracle: no function " + name)
	}
	return fn.big(a, prec)
}
