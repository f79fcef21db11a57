package f16

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/halftest"
)

func TestKernels(t *testing.T) { halftest.Kernels(t, format, conversions, activations) }

// TestFused runs the kernels with fused forms on every path of
// kernelPaths, and on the generic one.
func TestFused(t *testing.T) {
	if len(kernelPaths) == 0 {
		t.Skip("no fused kernels in this build")
	}
	var ks []halftest.Kernel[Bits]
	for _, k := range activations {
		if fusedNames[k.Name] {
			ks = append(ks, k)
		}
	}
	var fs []halftest.FlagPath
	for _, p := range kernelPaths {
		fs = append(fs, halftest.FlagPath{Name: p.name, Flag: p.flag, Available: p.available})
	}
	halftest.Fused(t, format, conversions, ks, halftest.FlagPaths(fs))
}

func BenchmarkKernels(b *testing.B) { halftest.BenchKernels(b, activations) }
