//go:build 386 || amd64

package f64

import "github.com/fastrelu/fastrelu/internal/lanemath"

// mulNaNRule returns a*g, one binary64 multiplication (a is alpha or the
// slope, g the value it scales), with g first in the NaN rule, as the
// float32 kernels of amd64 multiply (VMULPS with g as the first source).
func mulNaNRule(a, g float64) float64 { return lanemath.Mul64(g, a) }
