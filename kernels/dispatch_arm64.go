//go:build !purego && !noasm

package kernels

import "github.com/fastrelu/fastrelu/internal/impl"

// Placeholder until the assembly lands: no assembly rows, every call runs
// the generic path.

func archImplementations() []impl.Impl { return nil }

func relu(dst, src []float32)                             { reluGeneric(dst, src) }
func leakyReLU(dst, src []float32, alpha float32)         { leakyReLUGeneric(dst, src, alpha) }
func reluGrad(dst, grad, x []float32)                     { reluGradGeneric(dst, grad, x) }
func leakyReLUGrad(dst, grad, x []float32, alpha float32) { leakyReLUGradGeneric(dst, grad, x, alpha) }
