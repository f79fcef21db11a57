package fpenv

import (
	"math"
	"runtime"
	"testing"
)

//go:noinline
func mul(a, b float32) float32 { return a * b }

func TestFlushSubnormals(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const subnormal = 0x00000001 // 2^-149
	before := mul(0x1p-100, -0x1p-30)
	if before == 0 {
		t.Fatalf("subnormal product flushed with Go's default environment")
	}
	restore, ok := FlushSubnormals()
	if !ok {
		t.Skip("cannot set the FP environment in this build")
	}
	flushed := mul(0x1p-100, -0x1p-30)
	in := mul(math.Float32frombits(subnormal), 0x1p100) // 2^-49, or 0 when inputs are flushed
	restore()
	after := mul(0x1p-100, -0x1p-30)
	if math.Float32bits(flushed) != 0x80000000 {
		t.Errorf("with flush-to-zero set, 2^-100 * -2^-30 = %#08x, want -0", math.Float32bits(flushed))
	}
	if in != 0 {
		t.Errorf("with flush-to-zero set, 2^-149 * 2^100 = %g, want 0 (subnormal input read as zero)", in)
	}
	if after != before {
		t.Errorf("after restore: %g, want %g", after, before)
	}
}
