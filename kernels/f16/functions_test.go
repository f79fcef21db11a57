package f16

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/halftest"
)

func TestKernels(t *testing.T)      { halftest.Kernels(t, format, conversions, activations) }
func BenchmarkKernels(b *testing.B) { halftest.BenchKernels(b, activations) }
