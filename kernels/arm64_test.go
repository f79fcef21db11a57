//go:build arm64 && linux && !purego && !noasm

package kernels

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// neonSpecial are the special inputs of the bit-for-bit tests.
var neonSpecial = []uint32{
	0x00000000, 0x80000000, 0x7f800000, 0xff800000, // ±0, ±Inf
	0x7fc00000, 0xffc00000, 0x7fc12345, 0xffd54321, // quiet NaNs
	0x7f800001, 0xff800001, 0x7fa00000, 0xffb54321, // signaling NaNs
	0x00000001, 0x807fffff, 0x00800000, 0xff7fffff, // subnormals, normal, max
	0x3f800000, 0xbf800000, 0x3f7fffff, 0xbf800001, // ±1 and neighbours
}

// On arm64 the NEON kernels and the generic path run the same FMUL with the
// same operand order (alpha first), so they agree bit for bit even where the
// contract leaves the result open (alpha and grad both NaN, 0*Inf). This
// test holds them to that, in every block and tail size, out of place and in
// place; kernels_test.go checks both against the contract.
func TestNEONMatchesGenericBitForBit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 64))
	special := neonSpecial
	value := func() float32 {
		if rng.IntN(3) == 0 {
			return math.Float32frombits(special[rng.IntN(len(special))])
		}
		return math.Float32frombits(rng.Uint32())
	}
	alphas := []float32{0.01, 0, float32(math.Copysign(0, -1)), -1.5, float32(math.Inf(1)), float32(math.Inf(-1)),
		math.Float32frombits(0x7fc00001), math.Float32frombits(0xff800003), math.Float32frombits(1), 3e38}

	const maxN, maxOff = 200, 3
	fill := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = value()
		}
		return s
	}
	same := func(got, want []float32, what string, n, off int, alpha float32) {
		t.Helper()
		kerneltest.EqualBits(t, want, got, "%s n=%d off=%d alpha=%#08x: neon against generic", what, n, off, math.Float32bits(alpha))
	}
	for n := 0; n <= maxN; n++ {
		for off := 0; off <= maxOff; off++ {
			alpha := alphas[(n+off)%len(alphas)]
			src := fill(n + off)[off:]
			grad := fill(n + off)[off:]
			want, got := make([]float32, n+off)[off:], make([]float32, n+off)[off:]

			reluGeneric(want, src)
			reluNEON(got, src)
			same(got, want, "ReLU", n, off, 0)
			inPlace := append([]float32(nil), src...)
			reluNEON(inPlace, inPlace)
			same(inPlace, want, "ReLU in place", n, off, 0)

			leakyReLUGeneric(want, src, alpha)
			leakyReLUNEON(got, src, alpha)
			same(got, want, "LeakyReLU", n, off, alpha)
			inPlace = append(inPlace[:0], src...)
			leakyReLUNEON(inPlace, inPlace, alpha)
			same(inPlace, want, "LeakyReLU in place", n, off, alpha)

			reluGradGeneric(want, grad, src)
			reluGradNEON(got, grad, src)
			same(got, want, "ReLUGrad", n, off, 0)
			inPlace = append(inPlace[:0], grad...)
			reluGradNEON(inPlace, inPlace, src)
			same(inPlace, want, "ReLUGrad dst==grad", n, off, 0)

			leakyReLUGradGeneric(want, grad, src, alpha)
			leakyReLUGradNEON(got, grad, src, alpha)
			same(got, want, "LeakyReLUGrad", n, off, alpha)
			inPlace = append(inPlace[:0], grad...)
			leakyReLUGradNEON(inPlace, inPlace, src, alpha)
			same(inPlace, want, "LeakyReLUGrad dst==grad", n, off, alpha)
			x := append([]float32(nil), src...)
			leakyReLUGradNEON(x, grad, x, alpha)
			same(x, want, "LeakyReLUGrad dst==x", n, off, alpha)
		}
	}
}

// guardedFloats returns n float32s that end at the last byte before an
// inaccessible page (atEnd) or start at the first byte after one (!atEnd),
// so that a kernel reading or writing one element outside the slice faults.
func guardedFloats(t *testing.T, n int, atEnd bool) []float32 {
	f := kerneltest.Guarded(t, n, atEnd)
	for i := range f {
		f[i] = float32(i%5) - 2
	}
	return f
}

// TestNEONStaysInsideSlices places every slice against an inaccessible
// page, after its end and before its start, for each length that exercises
// the 16-float loop and every combination of the 8-, 4-, 2- and 1-float
// tails: an over-read or over-write faults and crashes the test.
func TestNEONStaysInsideSlices(t *testing.T) {
	for _, atEnd := range []bool{true, false} {
		for n := 0; n <= 48; n++ {
			dst, src, x := guardedFloats(t, n, atEnd), guardedFloats(t, n, atEnd), guardedFloats(t, n, atEnd)
			want := make([]float32, n)
			reluNEON(dst, src)
			reluGeneric(want, src)
			kerneltest.EqualBits(t, want, dst, "n=%d atEnd=%v", n, atEnd)
			leakyReLUNEON(dst, src, 0.5)
			leakyReLUGeneric(want, src, 0.5)
			kerneltest.EqualBits(t, want, dst, "n=%d atEnd=%v", n, atEnd)
			reluGradNEON(dst, src, x)
			reluGradGeneric(want, src, x)
			kerneltest.EqualBits(t, want, dst, "n=%d atEnd=%v", n, atEnd)
			leakyReLUGradNEON(dst, src, x, 0.5)
			leakyReLUGradGeneric(want, src, x, 0.5)
			kerneltest.EqualBits(t, want, dst, "n=%d atEnd=%v", n, atEnd)
			leakyReLUNEON(src, src, 0.5) // in place
			leakyReLUGradNEON(x, x, x, 0.5)
		}
	}
}

// TestEntryPointsFollowUseNEON runs the generated entry points (reluAsm and
// the others), and the public functions that inline them, with useNEON set
// and cleared: the second jumps from assembly into the generic Go functions
// (through their ABI0 wrappers), a path only FASTRELU_ISA=generic takes
// otherwise. Both must give the generic results, bit for bit.
func TestEntryPointsFollowUseNEON(t *testing.T) {
	saved := useNEON
	t.Cleanup(func() { useNEON = saved })
	rng := rand.New(rand.NewPCG(5, 11))
	const n = 16 + 8 + 4 + 2 + 1
	src, grad := make([]float32, n), make([]float32, n)
	for i := range src {
		src[i], grad[i] = math.Float32frombits(rng.Uint32()), math.Float32frombits(rng.Uint32())
	}
	src[0], src[1], grad[1] = 0, float32(math.Copysign(0, -1)), math.Float32frombits(0x7f800001)
	alpha := float32(-0.25)
	want := func(f func(dst []float32)) []uint32 {
		dst := make([]float32, n)
		f(dst)
		bits := make([]uint32, n)
		for i, v := range dst {
			bits[i] = math.Float32bits(v)
		}
		return bits
	}
	for _, neon := range []bool{true, false} {
		useNEON = neon
		for _, c := range []struct {
			name          string
			entry, public func(dst []float32)
			generic       func(dst []float32)
		}{
			{"ReLU", func(d []float32) { reluAsm(d, src) }, func(d []float32) { ReLU(d, src) }, func(d []float32) { reluGeneric(d, src) }},
			{"LeakyReLU", func(d []float32) { leakyReLUAsm(d, src, alpha) }, func(d []float32) { LeakyReLU(d, src, alpha) },
				func(d []float32) { leakyReLUGeneric(d, src, alpha) }},
			{"ReLUGrad", func(d []float32) { reluGradAsm(d, grad, src) }, func(d []float32) { ReLUGrad(d, grad, src) },
				func(d []float32) { reluGradGeneric(d, grad, src) }},
			{"LeakyReLUGrad", func(d []float32) { leakyReLUGradAsm(d, grad, src, alpha) },
				func(d []float32) { LeakyReLUGrad(d, grad, src, alpha) }, func(d []float32) { leakyReLUGradGeneric(d, grad, src, alpha) }},
		} {
			w := want(c.generic)
			require.Equal(t, w, want(c.entry), "%sAsm with useNEON=%v", c.name, neon)
			require.Equal(t, w, want(c.public), "%s with useNEON=%v", c.name, neon)
		}
	}
}

// The layer kernels' NEON row and generic row, called directly, and the
// generated entry points (biasReLUAsm and the others) as a row.
var (
	neonLayerRow = impl.Impl{Name: "neon",
		BiasReLU: biasReLUNEON, BiasLeakyReLU: biasLeakyReLUNEON, ReLUGradBias: reluGradBiasNEON,
		LeakyReLUGradBias: leakyReLUGradBiasNEON, PReLU: preluNEON, PReLUGrad: preluGradNEON}
	genericLayerRow = impl.Impl{Name: "generic",
		BiasReLU: biasReLUGeneric, BiasLeakyReLU: biasLeakyReLUGeneric, ReLUGradBias: reluGradBiasGeneric,
		LeakyReLUGradBias: leakyReLUGradBiasGeneric, PReLU: preluGeneric, PReLUGrad: preluGradGeneric}
	asmLayerRow = impl.Impl{Name: "asm",
		BiasReLU: biasReLUAsm, BiasLeakyReLU: biasLeakyReLUAsm, ReLUGradBias: reluGradBiasAsm,
		LeakyReLUGradBias: leakyReLUGradBiasAsm, PReLU: preluAsm, PReLUGrad: preluGradAsm}
)

// armNaN is what an Arm FADD or FMUL Vd, Vn, Vm returns when an operand
// is NaN (FPCR.DN = 0): the first signaling NaN, else the first NaN, of
// (n, m), quieted.
func armNaN(n, m uint32) uint32 {
	isNaN := func(b uint32) bool { return b&0x7fffffff > 0x7f800000 }
	snan := func(b uint32) bool { return isNaN(b) && b&0x00400000 == 0 }
	switch {
	case snan(n):
		return n | 0x00400000
	case snan(m):
		return m | 0x00400000
	case isNaN(n):
		return n
	default:
		return m | 0x00400000
	}
}

// genericBiasReLUInSourceOrder reports whether biasReLUGeneric, as the Go
// compiler built it, adds src + bias with src as the first operand in every
// column (when src and bias are both NaN, src's NaN comes out): the order
// the NEON kernel uses. The compiler's CSE may swap the operands of a
// commutative operation in a function with several of them, so an unrolled
// loop can add some lanes as bias + src.
func genericBiasReLUInSourceOrder() bool {
	const cols = 7
	src, bias, dst := make([]float32, 2*cols), make([]float32, cols), make([]float32, 2*cols)
	for i := range src {
		src[i] = math.Float32frombits(0x7fc0000a)
	}
	for i := range bias {
		bias[i] = math.Float32frombits(0x7fc0000b)
	}
	biasReLUGeneric(dst, src, bias)
	for _, v := range dst {
		if math.Float32bits(v) != 0x7fc0000a {
			return false
		}
	}
	return true
}

// TestNEONLayerMatchesGenericBitForBit holds the NEON layer kernels to the
// generic path compiled for arm64, bit for bit, where the contract leaves
// the result open too: both operands of src + bias, acc + d, alpha*grad or
// slope*grad NaN. Every FADD and FMUL of the NEON kernels has its operands
// in the order of the generic Go code, which the compiler keeps (checked
// here). cols from 1 to 33 and a few larger cover the 16-float loop and
// every tail, rows 0 to 5 the row loop (the per-column pointers reset each
// row, the accumulators add rows in order); out of place and in place,
// dst at an odd float offset.
//
// One exception, while it lasts: today's biasReLUGeneric (an unrolled
// loop) adds some lanes as bias + src (genericBiasReLUInSourceOrder), which
// no single vector instruction order matches. Where src and bias are both
// NaN the test then holds BiasReLU's NEON result to the Arm rule in source
// order (armNaN(src, bias)) instead of to the generic path, and logs how
// many lanes that was. Once the generic loop keeps the order, the test is
// strict there too, by itself.
func TestNEONLayerMatchesGenericBitForBit(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 6))
	value := func() float32 {
		if rng.IntN(2) == 0 {
			return math.Float32frombits(neonSpecial[rng.IntN(len(neonSpecial))])
		}
		return math.Float32frombits(rng.Uint32())
	}
	fill := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = value()
		}
		return s
	}
	alphas := []float32{0.01, 0, float32(math.Copysign(0, -1)), -1.5, float32(math.Inf(1)),
		math.Float32frombits(0x7fc00001), math.Float32frombits(0xff800003), math.Float32frombits(1), 3e38}
	strictBias := genericBiasReLUInSourceOrder()
	if !strictBias {
		t.Log("biasReLUGeneric adds some lanes as bias + src: BiasReLU lanes with both NaN are checked against the Arm rule")
	}
	openLanes := 0
	colsList := []int{47, 64, 255}
	for c := 1; c <= 33; c++ {
		colsList = append(colsList, c)
	}
	for _, cols := range colsList {
		for _, rows := range []int{0, 1, 2, 3, 5} {
			n := rows * cols
			for off := 0; off <= 1; off++ {
				a, b, par, acc := fill(n + off)[off:], fill(n + off)[off:], fill(cols), fill(cols)
				alpha := alphas[(cols+rows+off)%len(alphas)]
				for _, k := range kerneltest.LayerKernels {
					for _, mode := range []string{"out of place", "dst==a", "dst==b"} {
						if mode == "dst==b" && !k.Grad {
							continue
						}
						run := func(r impl.Impl) (dst, accOut []float32) {
							aa, bb := slices.Clone(a), slices.Clone(b)
							dst = make([]float32, n+off)[off:]
							switch mode {
							case "dst==a":
								dst = aa
							case "dst==b":
								dst = bb
							}
							accOut = slices.Clone(acc)
							k.Call(r, dst, accOut, aa, bb, par, alpha)
							return dst, accOut
						}
						want, wantAcc := run(genericLayerRow)
						got, gotAcc := run(neonLayerRow)
						for i := range got {
							g, w := math.Float32bits(got[i]), math.Float32bits(want[i])
							if g == w {
								continue
							}
							s, p := math.Float32bits(a[i]), math.Float32bits(par[i%cols])
							if k.Name == "BiasReLU" && !strictBias && math.IsNaN(float64(a[i])) &&
								math.IsNaN(float64(par[i%cols])) && g == armNaN(s, p) {
								openLanes++
								continue
							}
							t.Fatalf("%s %s cols=%d rows=%d off=%d alpha=%#08x: dst[%d] neon %#08x, generic %#08x (a %#08x, b %#08x, par %#08x)",
								k.Name, mode, cols, rows, off, math.Float32bits(alpha), i, g, w, s, math.Float32bits(b[i]), p)
						}
						if k.HasAcc() {
							for j := range gotAcc {
								if g, w := math.Float32bits(gotAcc[j]), math.Float32bits(wantAcc[j]); g != w {
									t.Fatalf("%s %s cols=%d rows=%d off=%d alpha=%#08x: acc[%d] neon %#08x, generic %#08x (acc before %#08x)",
										k.Name, mode, cols, rows, off, math.Float32bits(alpha), j, g, w, math.Float32bits(acc[j]))
								}
							}
						}
					}
				}
			}
		}
	}
	if openLanes > 0 {
		t.Logf("BiasReLU: %d lanes with src and bias both NaN where the generic path took bias's NaN", openLanes)
	}
}

// TestLayerEntryPointsFollowUseNEON runs the layer kernels' generated entry
// points (biasReLUAsm and the others) and the public functions with useNEON
// set and cleared, as TestEntryPointsFollowUseNEON does for the four: both
// must give the generic results, bit for bit, accumulators included.
func TestLayerEntryPointsFollowUseNEON(t *testing.T) {
	saved := useNEON
	t.Cleanup(func() { useNEON = saved })
	rng := rand.New(rand.NewPCG(7, 12))
	const cols, rows = 16 + 8 + 4 + 2 + 1, 3
	const n = rows * cols
	random := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = math.Float32frombits(rng.Uint32())
		}
		return s
	}
	a, b, par, acc := random(n), random(n), random(cols), random(cols)
	a[0], a[1], b[2], b[3] = 0, float32(math.Copysign(0, -1)), 0, -1
	acc[2] = float32(math.Copysign(0, -1))
	bits := func(f []float32) []uint32 {
		u := make([]uint32, len(f))
		for i, v := range f {
			u[i] = math.Float32bits(v)
		}
		return u
	}
	for _, neon := range []bool{true, false} {
		useNEON = neon
		for _, k := range kerneltest.LayerKernels {
			run := func(r impl.Impl) ([]uint32, []uint32) {
				dst, accOut := make([]float32, n), slices.Clone(acc)
				k.Call(r, dst, accOut, a, b, par, -0.25)
				return bits(dst), bits(accOut)
			}
			want, wantAcc := run(genericLayerRow)
			for _, r := range []impl.Impl{asmLayerRow, impl.Public()} {
				got, gotAcc := run(r)
				require.Equal(t, want, got, "%s %s with useNEON=%v", k.Name, r.Name, neon)
				require.Equal(t, wantAcc, gotAcc, "%s %s accumulator with useNEON=%v", k.Name, r.Name, neon)
			}
		}
	}
}
