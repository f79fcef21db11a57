package kernels

import (
	"math"
	"testing"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// TestStreamingAtRealThreshold runs the public functions once at the
// streaming threshold this CPU really has (not a lowered one), with dst
// misaligned by 1, 2 and 3 bytes in a byte buffer whose bytes around dst are
// canaries: the whole call streams where the path has streaming stores, so
// the chunk loop, the stream decision and the *Stream kernels' alignment
// handling meet at full size. The generic row, called directly, is the
// reference.
func TestStreamingAtRealThreshold(t *testing.T) {
	if testing.Short() {
		t.Skip("large: -short")
	}
	if streamingThreshold <= 0 {
		t.Skip("no streaming threshold on this CPU")
	}
	n := streamingThreshold/12 + 37 // both kernels below stream: 8n and 12n bytes reach it
	if n > 64<<20 {
		t.Skipf("threshold %d bytes: too large to test here", streamingThreshold)
	}
	generic := implementations[len(implementations)-1]
	src, x := kerneltest.RandomInputs(n, 31), kerneltest.RandomInputs(n, 32)
	want := make([]float32, n)
	const canary = 0xa5
	buf := make([]byte, 4*n+64)
	for _, off := range []int{1, 2, 3} {
		for _, k := range []string{"ReLU", "LeakyReLUGrad"} {
			for i := range buf {
				buf[i] = canary
			}
			dst := unsafe.Slice((*float32)(unsafe.Pointer(&buf[32+off])), n)
			if k == "ReLU" {
				generic.ReLU(want, src)
				ReLU(dst, src)
			} else {
				generic.LeakyReLUGrad(want, src, x, 0.01)
				LeakyReLUGrad(dst, src, x, 0.01)
			}
			for i := range want {
				if math.Float32bits(dst[i]) != math.Float32bits(want[i]) {
					t.Fatalf("%s, dst misaligned by %d bytes, n=%d: dst[%d] = %#08x, want %#08x", k, off, n, i,
						math.Float32bits(dst[i]), math.Float32bits(want[i]))
				}
			}
			for i, b := range buf {
				if (i < 32+off || i >= 32+off+4*n) && b != canary {
					t.Fatalf("%s, dst misaligned by %d bytes, n=%d: byte %d outside dst overwritten", k, off, n, i-(32+off))
				}
			}
		}
	}
}
