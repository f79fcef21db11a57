//go:build purego || noasm || !(amd64 || arm64)

package kernels

import "github.com/fastrelu/fastrelu/internal/impl"

// This build has no assembly: every call runs the generic path.

func archImplementations() []impl.Impl { return nil }

// usePath: this build has the generic path only (for tests, registered with
// internal/impl).
func usePath(string) (restore func()) { return func() {} }

func relu(dst, src []float32)                             { reluGeneric(dst, src) }
func leakyReLU(dst, src []float32, alpha float32)         { leakyReLUGeneric(dst, src, alpha) }
func reluGrad(dst, grad, x []float32)                     { reluGradGeneric(dst, grad, x) }
func leakyReLUGrad(dst, grad, x []float32, alpha float32) { leakyReLUGradGeneric(dst, grad, x, alpha) }

// No streaming stores in Go: a call that streams runs the plain loops.
func reluStream(dst, src []float32)                     { relu(dst, src) }
func leakyReLUStream(dst, src []float32, alpha float32) { leakyReLU(dst, src, alpha) }
func reluGradStream(dst, grad, x []float32)             { reluGrad(dst, grad, x) }
func leakyReLUGradStream(dst, grad, x []float32, alpha float32) {
	leakyReLUGrad(dst, grad, x, alpha)
}
