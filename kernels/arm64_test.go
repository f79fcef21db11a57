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

// TestEntryPointsFollowUseNEON runs the generated entry points (relu and
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
		for k := range kerneltest.Kernels {
			call := func(r impl.Impl) func(dst []float32) {
				return func(d []float32) { kerneltest.Kernels[k].Call(r, d, grad, src, alpha) }
			}
			if !kerneltest.Kernels[k].Grad {
				call = func(r impl.Impl) func(dst []float32) {
					return func(d []float32) { kerneltest.Kernels[k].Call(r, d, src, nil, alpha) }
				}
			}
			name := kerneltest.Kernels[k].Name
			w := want(call(genericRow()))
			require.Equal(t, w, want(call(entryRow)), "%s entry point with useNEON=%v", name, neon)
			require.Equal(t, w, want(call(impl.Public())), "%s with useNEON=%v", name, neon)
		}
	}
}

// TestLayerEntryPointsFollowUseNEON runs the layer kernels' generated entry
// points (biasReLU and the others) and the public functions with useNEON
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
			want, wantAcc := run(genericRow())
			for _, r := range []impl.Impl{neonRow(true, ""), entryRow, impl.Public()} {
				got, gotAcc := run(r)
				require.Equal(t, want, got, "%s %s with useNEON=%v", k.Name, r.Name, neon)
				require.Equal(t, wantAcc, gotAcc, "%s %s accumulator with useNEON=%v", k.Name, r.Name, neon)
			}
		}
	}
}
