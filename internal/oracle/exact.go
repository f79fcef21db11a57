package oracle

import "math/big"

// Exact evaluations in math/big, to relative precision 2^-prec, for tests
// elsewhere that measure the error of intermediate double-double results
// (package rounded's exponential and log1p cores) rather than final float32
// values. The argument ranges are those of the unexported evaluations: e^a
// for |a| < 2^20, log1p(y) for 0 <= y <= 1.

// ExpBig returns e^a.
func ExpBig(a *big.Float, prec uint) *big.Float { return bigExp(a, prec) }

// Expm1Big returns e^a - 1 (no cancellation for tiny a).
func Expm1Big(a *big.Float, prec uint) *big.Float { return bigExpm1(a, prec) }

// Log1pBig returns log(1+y) for 0 <= y <= 1.
func Log1pBig(y *big.Float, prec uint) *big.Float { return bigLog1p(y, prec) }

// SigmoidBig returns 1/(1+e^-a).
func SigmoidBig(a *big.Float, prec uint) *big.Float { return bigSigmoid(a, prec) }
