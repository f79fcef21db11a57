package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/stretchr/testify/require"
)

// public is the exported API as one more row, so every test also covers
// argument checking and dispatch.
var public = impl.Impl{
	Name: "public", Available: true,
	ReLU: ReLU, LeakyReLU: LeakyReLU, ReLUGrad: ReLUGrad, LeakyReLUGrad: LeakyReLUGrad,
}

// forEachRow runs f as a named subtest for every row of the implementation
// table, skipping (with the reason) rows this CPU cannot run, and for the
// public functions.
func forEachRow(t *testing.T, f func(t *testing.T, r impl.Impl)) {
	for _, r := range append(implementations[:len(implementations):len(implementations)], public) {
		t.Run(r.Name, func(t *testing.T) {
			if !r.Available {
				t.Skipf("%s: %s", r.Name, r.Missing)
			}
			f(t, r)
		})
	}
}

// kernel describes one of the four functions uniformly: v is the value that
// passes through or is scaled (src or grad), x the value tested (src or x).
type kernel struct {
	name  string
	grad  bool // takes (grad, x) rather than src
	leaky bool
	call  func(r impl.Impl, dst, v, x []float32, alpha float32)
}

var kernelList = []kernel{
	{"ReLU", false, false, func(r impl.Impl, dst, v, _ []float32, _ float32) { r.ReLU(dst, v) }},
	{"LeakyReLU", false, true, func(r impl.Impl, dst, v, _ []float32, a float32) { r.LeakyReLU(dst, v, a) }},
	{"ReLUGrad", true, false, func(r impl.Impl, dst, v, x []float32, _ float32) { r.ReLUGrad(dst, v, x) }},
	{"LeakyReLUGrad", true, true, func(r impl.Impl, dst, v, x []float32, a float32) { r.LeakyReLUGrad(dst, v, x, a) }},
}

func forEachKernel(t *testing.T, f func(t *testing.T, k kernel)) {
	for _, k := range kernelList {
		t.Run(k.name, func(t *testing.T) { f(t, k) })
	}
}

// specials are the values the contract has something to say about.
var specials = []uint32{
	0x00000000, 0x80000000, // +0, -0
	0x7f800000, 0xff800000, // +Inf, -Inf
	0x7fc00000, 0xffc00000, // default quiet NaNs
	0x7fc12345, 0xffd00001, // quiet NaNs with payloads
	0x7f800001, 0xff800001, // signaling NaNs, smallest payload
	0x7fa5a5a5, 0xffbfffff, // signaling NaNs, other payloads
	0x00000001, 0x80000001, // smallest subnormals
	0x007fffff, 0x807fffff, // largest subnormals
	0x00800000, 0x80800000, // smallest normals
	0x7f7fffff, 0xff7fffff, // +-MaxFloat32
	0x3f7fffff, 0x3f800000, 0x3f800001, // next to 1
	0xbf7fffff, 0xbf800000, 0xbf800001, // next to -1
	0x83c00000, // 0.01 times it rounds wrongly through a float64 reciprocal (found by the 2^32 sweep)
}

var alphas = []float32{
	0, float32(math.Copysign(0, -1)), 1, -1, 0.01, 0.2, 1.5, -0.3,
	math.Float32frombits(0x00000003), // subnormal
	3e38, float32(math.Inf(1)), float32(math.Inf(-1)),
	// NaNs, quiet and signaling, both signs: against the NaN specials they
	// reach the case IEEE 754 leaves open, where every path on one machine
	// must still agree (archNaNProduct).
	math.Float32frombits(0x7fc00000), math.Float32frombits(0xffc00000), // default quiet NaNs
	math.Float32frombits(0x7fe00abc), math.Float32frombits(0xffc54321), // quiet, with payloads
	math.Float32frombits(0xff812345), math.Float32frombits(0x7f800003), // signaling
}

// checkResult compares dst with the reference for inputs v and x (copies
// taken before the call) and reports the first few mismatches with bits.
func checkResult(t *testing.T, k kernel, dst, v, x []float32, alpha float32) {
	t.Helper()
	bad := 0
	for i := range dst {
		want, alt := refElement(k.leaky, math.Float32bits(v[i]), math.Float32bits(x[i]), alpha)
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
					k.name, len(dst), math.Float32bits(alpha), i, got, want, math.Float32bits(v[i]), math.Float32bits(x[i]))
			}
			bad++
		}
	}
	if bad > 0 {
		t.FailNow()
	}
}

// randomInputs returns n values mixing uniform [-2, 2), random bit patterns
// and specials, deterministically from seed.
func randomInputs(n int, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	s := make([]float32, n)
	for i := range s {
		switch r.IntN(8) {
		case 0:
			s[i] = math.Float32frombits(specials[r.IntN(len(specials))])
		case 1:
			s[i] = math.Float32frombits(r.Uint32())
		default:
			s[i] = r.Float32()*4 - 2
		}
	}
	return s
}

func TestSpecialValues(t *testing.T) {
	// Every pair (v, x) of specials, so that each appears in the vector body
	// and in the tail, against every alpha.
	var v, x []float32
	for _, a := range specials {
		for _, b := range specials {
			v = append(v, math.Float32frombits(a))
			x = append(x, math.Float32frombits(b))
		}
	}
	forEachRow(t, func(t *testing.T, r impl.Impl) {
		forEachKernel(t, func(t *testing.T, k kernel) {
			for _, alpha := range alphas {
				xs := x
				if !k.grad {
					xs = v
				}
				dst := make([]float32, len(v))
				k.call(r, dst, v, xs, alpha)
				checkResult(t, k, dst, v, xs, alpha)
			}
		})
	})
}

// maxLen covers three full unrolled AVX-512 bodies (4 vectors of 16) plus
// one, so every body/tail split of every path is reached.
const maxLen = 3*64 + 1

const canary = 0x7fa5c3e1 // a signaling NaN no kernel produces

// TestLengthsAndOffsets runs every n in 0..maxLen with dst and the inputs at
// different start offsets inside larger buffers, checks the canaries around
// dst's window and that the inputs are unchanged.
func TestLengthsAndOffsets(t *testing.T) {
	const pad = 16
	forEachRow(t, func(t *testing.T, r impl.Impl) {
		forEachKernel(t, func(t *testing.T, k kernel) {
			for n := 0; n <= maxLen; n++ {
				vBuf := randomInputs(n+2*pad, uint64(n))
				xBuf := randomInputs(n+2*pad, uint64(n)+1000)
				for off := range pad {
					dOff, vOff, xOff := off, (off*5+3)%pad, (off*3+1)%pad
					dBuf := make([]float32, n+2*pad)
					for i := range dBuf {
						dBuf[i] = math.Float32frombits(canary)
					}
					v, x := vBuf[vOff:vOff+n], xBuf[xOff:xOff+n]
					if !k.grad {
						x = v
					}
					vWas, xWas := append([]float32(nil), v...), append([]float32(nil), x...)
					dst := dBuf[dOff : dOff+n]
					k.call(r, dst, v, x, 0.2)
					checkResult(t, k, dst, vWas, xWas, 0.2)
					requireBits(t, vWas, v, "input v changed (n=%d)", n)
					requireBits(t, xWas, x, "input x changed (n=%d)", n)
					for i, c := range dBuf {
						if (i < dOff || i >= dOff+n) && math.Float32bits(c) != canary {
							t.Fatalf("n=%d dst offset %d: element %d outside dst's window was overwritten: %#08x",
								n, dOff, i-dOff, math.Float32bits(c))
						}
					}
				}
			}
		})
	})
}

// largeLengths reach the unrolled bodies' steady state, and (above
// streamingThreshold) the streaming-store paths.
func largeLengths(t *testing.T) []int {
	ns := []int{1000, 4099, 65536 + 7}
	if !testing.Short() {
		ns = append(ns, 1<<20+3, streamingThreshold/4+61)
	}
	return ns
}

func TestLargeLengths(t *testing.T) {
	forEachRow(t, func(t *testing.T, r impl.Impl) {
		forEachKernel(t, func(t *testing.T, k kernel) {
			for _, n := range largeLengths(t) {
				v, x := randomInputs(n, 1), randomInputs(n, 2)
				if !k.grad {
					x = v
				}
				// Offset dst by one element, so that it is misaligned.
				dst := make([]float32, n+1)[1:]
				k.call(r, dst, v, x, -0.3)
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
	forEachRow(t, func(t *testing.T, r impl.Impl) {
		forEachKernel(t, func(t *testing.T, k kernel) {
			for _, n := range append(ns, largeLengths(t)...) {
				for _, alpha := range []float32{0.2, 1.5, -1.5} { // LeakyReLU's max, min and general forms
					v, x := randomInputs(n, uint64(n)+7), randomInputs(n, uint64(n)+8)
					if !k.grad {
						x = v
					}
					out := make([]float32, n)
					k.call(r, out, v, x, alpha)
					checkResult(t, k, out, v, x, alpha)

					aliases := map[string]func(buf []float32) (v, x []float32){
						"dst==src": func(b []float32) ([]float32, []float32) { return b, b },
					}
					if k.grad {
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
						k.call(r, buf, vv, xx, alpha)
						requireBits(t, out, buf, "%s n=%d alpha=%v: in place differs from out of place", name, n, alpha)
					}
					if k.grad {
						// dst, grad and x all the same slice: the value tests itself.
						buf := append([]float32(nil), v...)
						want := make([]float32, n)
						k.call(r, want, v, v, alpha)
						k.call(r, buf, buf, buf, alpha)
						requireBits(t, want, buf, "dst==grad==x n=%d: in place differs from out of place", n)
					}
				}
			}
		})
	})
}

// TestOverlappingInputs: grad and x are only read, so they may overlap each
// other in any way.
func TestOverlappingInputs(t *testing.T) {
	forEachRow(t, func(t *testing.T, r impl.Impl) {
		forEachKernel(t, func(t *testing.T, k kernel) {
			if !k.grad {
				t.Skip("one input")
			}
			buf := randomInputs(200, 3)
			for _, shift := range []int{0, 1, 7, 33} {
				n := 150
				v, x := buf[shift:shift+n], buf[:n]
				dst := make([]float32, n)
				k.call(r, dst, v, x, 0.2)
				checkResult(t, k, dst, v, x, 0.2)
			}
		})
	})
}

func requireBits(t *testing.T, want, got []float32, format string, args ...any) {
	t.Helper()
	require.Equalf(t, len(want), len(got), format, args...)
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
			require.Failf(t, fmt.Sprintf(format, args...), "element %d: got %#08x, want %#08x",
				i, math.Float32bits(got[i]), math.Float32bits(want[i]))
		}
	}
}

// TestGradientFromOutput checks the doc's promise: for ReLU, and for
// LeakyReLU with a finite alpha > 0, the gradient taken at the forward output
// equals the gradient taken at the input.
func TestGradientFromOutput(t *testing.T) {
	x := randomInputs(4096, 9)
	for _, s := range specials {
		x = append(x, math.Float32frombits(s))
	}
	grad := randomInputs(len(x), 10)
	atX, atY, y := make([]float32, len(x)), make([]float32, len(x)), make([]float32, len(x))
	forEachRow(t, func(t *testing.T, r impl.Impl) {
		r.ReLU(y, x)
		r.ReLUGrad(atX, grad, x)
		r.ReLUGrad(atY, grad, y)
		requireBits(t, atX, atY, "ReLUGrad at ReLU(x) differs from ReLUGrad at x")
		for _, alpha := range []float32{math.Float32frombits(1), 1e-30, 0.01, 0.2, 1, 1.5, 3e38} {
			r.LeakyReLU(y, x, alpha)
			r.LeakyReLUGrad(atX, grad, x, alpha)
			r.LeakyReLUGrad(atY, grad, y, alpha)
			requireBits(t, atX, atY, "alpha=%g: LeakyReLUGrad at LeakyReLU(x) differs from LeakyReLUGrad at x", alpha)
		}
	})
}
