package kernels

import (
	"fmt"
	"math"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// checkResult compares dst with the reference for inputs v and x (copies
// taken before the call) and reports the first few mismatches with bits.
func checkResult(t *testing.T, k kerneltest.Kernel, dst, v, x []float32, alpha float32) {
	t.Helper()
	bad := 0
	for i := range dst {
		want, alt := refKernel(k.Activation, k.Ref, math.Float32bits(v[i]), math.Float32bits(x[i]), alpha)
		if want != alt {
			// Both alpha and v are NaN: the contract leaves the choice open
			// across architectures, but on one machine every path gives the
			// vector instruction's answer.
			if w, ok := archNaNProduct(math.Float32bits(alpha), math.Float32bits(v[i])); ok {
				want, alt = w, w
			}
		}
		got := math.Float32bits(dst[i])
		if got != want && got != alt {
			if bad < 5 {
				t.Errorf("%s n=%d alpha=%#08x: dst[%d]=%#08x, want %#08x (v=%#08x x=%#08x)",
					k.Name, len(dst), math.Float32bits(alpha), i, got, want, math.Float32bits(v[i]), math.Float32bits(x[i]))
			}
			bad++
		}
	}
	if bad > 0 {
		t.FailNow()
	}
}

func TestSpecialValues(t *testing.T) {
	// Every pair (v, x) of kerneltest.Specials, so that each appears in the vector body
	// and in the tail, against every alpha.
	var v, x []float32
	for _, a := range kerneltest.Specials {
		for _, b := range kerneltest.Specials {
			v = append(v, math.Float32frombits(a))
			x = append(x, math.Float32frombits(b))
		}
	}
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachKernel(t, func(t *testing.T, k kerneltest.Kernel) {
			for _, alpha := range kerneltest.Alphas {
				xs := x
				if !k.Grad {
					xs = v
				}
				dst := make([]float32, len(v))
				k.Call(r, dst, v, xs, alpha)
				checkResult(t, k, dst, v, xs, alpha)
			}
		})
	})
}

// maxLen covers three full unrolled AVX-512 bodies (4 vectors of 16) plus
// one, so every body/tail split of every path is reached.
const maxLen = 3*64 + 1

// TestLengthsAndOffsets runs every n in 0..maxLen with dst and the inputs at
// different start offsets inside larger buffers, checks the canaries around
// dst's window and that the inputs are unchanged.
func TestLengthsAndOffsets(t *testing.T) {
	const pad = 16
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachKernel(t, func(t *testing.T, k kerneltest.Kernel) {
			for n := 0; n <= maxLen; n++ {
				vBuf := kerneltest.RandomInputs(n+2*pad, uint64(n))
				xBuf := kerneltest.RandomInputs(n+2*pad, uint64(n)+1000)
				for off := range pad {
					dOff, vOff, xOff := off, (off*5+3)%pad, (off*3+1)%pad
					dBuf := make([]float32, n+2*pad)
					kerneltest.FillCanary(dBuf)
					v, x := vBuf[vOff:vOff+n], xBuf[xOff:xOff+n]
					if !k.Grad {
						x = v
					}
					vWas, xWas := append([]float32(nil), v...), append([]float32(nil), x...)
					dst := dBuf[dOff : dOff+n]
					k.Call(r, dst, v, x, 0.2)
					checkResult(t, k, dst, vWas, xWas, 0.2)
					kerneltest.EqualBits(t, vWas, v, "input v changed (n=%d)", n)
					kerneltest.EqualBits(t, xWas, x, "input x changed (n=%d)", n)
					kerneltest.CheckCanary(t, dBuf, dOff, dOff+n, fmt.Sprintf("n=%d dst offset %d", n, dOff))
				}
			}
		})
	})
}

// largeLengths reach the unrolled bodies' steady state, and (above
// streamingThreshold) the streaming-store paths.
//
// A Rounded kernel stops at roundedMaxLen: its entry is the generic loop on
// every path, which the other kernels' generic rows run at every length, and
// the chunks and streaming thresholds above it are the shared wrapper's; at
// a million elements of scalar evaluation a length would only add time.
func largeLengths(t *testing.T) []int {
	ns := []int{1000, 4099, 65536 + 7}
	if !testing.Short() {
		ns = append(ns, 1<<20+3, streamingThreshold/4+61)
	}
	return ns
}

const roundedMaxLen = 65536 + 7

func TestLargeLengths(t *testing.T) {
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachKernel(t, func(t *testing.T, k kerneltest.Kernel) {
			for _, n := range largeLengths(t) {
				if k.Rounded && n > roundedMaxLen {
					continue
				}
				v, x := kerneltest.RandomInputs(n, 1), kerneltest.RandomInputs(n, 2)
				if !k.Grad {
					x = v
				}
				// Offset dst by one element, so that it is misaligned.
				dst := make([]float32, n+1)[1:]
				k.Call(r, dst, v, x, -0.3)
				checkResult(t, k, dst, v, x, -0.3)
			}
		})
	})
}

// TestInPlace checks dst identical to each input, and to all of them, gives
// the same bits as out of place.
func TestInPlace(t *testing.T) {
	ns := make([]int, 0, maxLen+8)
	for n := 0; n <= maxLen; n++ {
		ns = append(ns, n)
	}
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachKernel(t, func(t *testing.T, k kerneltest.Kernel) {
			for _, n := range append(ns, largeLengths(t)...) {
				if n > 1<<21 {
					continue // in place never streams: 1<<20+3 already spans several chunks
				}
				if k.Rounded && n > roundedMaxLen {
					continue
				}
				alphas := []float32{0.2, 1.5, -1.5} // LeakyReLU's max, min and general forms
				if !k.Leaky {
					alphas = alphas[:1] // the kernel has no alpha
				}
				for _, alpha := range alphas {
					v, x := kerneltest.RandomInputs(n, uint64(n)+7), kerneltest.RandomInputs(n, uint64(n)+8)
					if !k.Grad {
						x = v
					}
					out := make([]float32, n)
					k.Call(r, out, v, x, alpha)
					checkResult(t, k, out, v, x, alpha)

					aliases := map[string]func(buf []float32) (v, x []float32){
						"dst==src": func(b []float32) ([]float32, []float32) { return b, b },
					}
					if k.Grad {
						aliases = map[string]func(buf []float32) (v, x []float32){
							"dst==grad": func(b []float32) ([]float32, []float32) { return b, x },
							"dst==x":    func(b []float32) ([]float32, []float32) { return v, b },
						}
					}
					for name, alias := range aliases {
						buf := append([]float32(nil), v...)
						if name == "dst==x" {
							buf = append([]float32(nil), x...)
						}
						vv, xx := alias(buf)
						k.Call(r, buf, vv, xx, alpha)
						kerneltest.EqualBits(t, out, buf, "%s n=%d alpha=%v: in place differs from out of place", name, n, alpha)
					}
					if k.Grad {
						// dst, grad and x all the same slice: the value tests itself.
						buf := append([]float32(nil), v...)
						want := make([]float32, n)
						k.Call(r, want, v, v, alpha)
						k.Call(r, buf, buf, buf, alpha)
						kerneltest.EqualBits(t, want, buf, "dst==grad==x n=%d: in place differs from out of place", n)
					}
				}
			}
		})
	})
}

// TestOverlappingInputs: grad and x are only read, so they may overlap each
// other in any way.
func TestOverlappingInputs(t *testing.T) {
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachKernel(t, func(t *testing.T, k kerneltest.Kernel) {
			if !k.Grad {
				t.Skip("one input")
			}
			buf := kerneltest.RandomInputs(200, 3)
			for _, shift := range []int{0, 1, 7, 33} {
				n := 150
				v, x := buf[shift:shift+n], buf[:n]
				dst := make([]float32, n)
				k.Call(r, dst, v, x, 0.2)
				checkResult(t, k, dst, v, x, 0.2)
			}
		})
	})
}

// TestGradientFromOutput checks the doc's promise: for ReLU, and for
// LeakyReLU with a finite alpha > 0, the gradient taken at the forward output
// equals the gradient taken at the input.
func TestGradientFromOutput(t *testing.T) {
	x := kerneltest.RandomInputs(4096, 9)
	for _, s := range kerneltest.Specials {
		x = append(x, math.Float32frombits(s))
	}
	grad := kerneltest.RandomInputs(len(x), 10)
	atX, atY, y := make([]float32, len(x)), make([]float32, len(x)), make([]float32, len(x))
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		r.ReLU(y, x)
		r.ReLUGrad(atX, grad, x)
		r.ReLUGrad(atY, grad, y)
		kerneltest.EqualBits(t, atX, atY, "ReLUGrad at ReLU(x) differs from ReLUGrad at x")
		for _, alpha := range []float32{math.Float32frombits(1), 1e-30, 0.01, 0.2, 1, 1.5, 3e38} {
			r.LeakyReLU(y, x, alpha)
			r.LeakyReLUGrad(atX, grad, x, alpha)
			r.LeakyReLUGrad(atY, grad, y, alpha)
			kerneltest.EqualBits(t, atX, atY, "alpha=%g: LeakyReLUGrad at LeakyReLU(x) differs from LeakyReLUGrad at x", alpha)
		}
	})
}
