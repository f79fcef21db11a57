//go:build !(386 || amd64)

package f64

import "github.com/fastrelu/fastrelu/internal/lanemath"

// mulNaNRule returns a*g, one binary64 multiplication (a is alpha or the
// slope, g the value it scales), with a first in the NaN rule, as the
// float32 kernels of arm64 multiply (FMUL with alpha as op1).
func mulNaNRule(a, g float64) float64 { return lanemath.Mul64(a, g) }
