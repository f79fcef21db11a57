package bf16

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/halftest"
)

// TestKernels runs the Tabled kernels' computation (useTables off), on
// every input; TestTables checks their tables against it.
func TestKernels(t *testing.T) {
	saved := useTables
	defer func() { useTables = saved }()
	useTables = false
	halftest.Kernels(t, format, conversions, activations)
}

func TestTables(t *testing.T) { halftest.Tables(t, activations, tabledNames, &useTables) }

// TestFused runs the kernels with fused forms on every path of
// kernelPaths, and on the generic one.
func TestFused(t *testing.T) {
	halftest.Fused(t, format, conversions, activations, fusedNames, flagPaths(kernelPaths))
}

func BenchmarkKernels(b *testing.B) { halftest.BenchKernels(b, activations) }
