package f16

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/halftest"
)

func TestKernels(t *testing.T) { halftest.Kernels(t, format, conversions, activations) }

// TestFused runs the kernels with fused forms on every path of
// kernelPaths, and on the generic one.
func TestFused(t *testing.T) {
	halftest.Fused(t, format, conversions, activations, fusedNames, flagPaths(kernelPaths))
}

func BenchmarkKernels(b *testing.B) { halftest.BenchKernels(b, activations) }
