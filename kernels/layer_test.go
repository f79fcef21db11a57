package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// Tests of the six layer kernels on every row that has them and on the
// public functions, against layerRef below: the contract written once more
// on bits, on top of reference_test.go's refM and refMul, sharing nothing
// with the generic kernels (generic_kernels.go).

// layerArgs is one call's inputs as bits, taken before the call.
type layerArgs struct {
	a, b, par, acc []uint32
	alpha          float32
	cols           int
	block          int // rows per block of the sums: BlockRows, or 0 for a kernel row's one pass
}

// blockOf is the block of r's sums: the public functions sum in blocks of
// BlockRows rows; a row's kernels add every row to acc in order (the
// public functions call them one block at a time, on block sums).
func blockOf(r impl.Impl) int {
	if r.Name == impl.Public().Name {
		return BlockRows
	}
	return 0
}

// refAdd is s + d, one binary32 addition, for operands that are not NaN:
// the sum of two binary32 values rounded once to float64 and then to
// float32 is the correctly rounded binary32 sum (53 >= 2*24+2: double
// rounding is innocuous for addition), and Inf + -Inf gives the CPU's
// default NaN through the float64 NaN's conversion.
func refAdd(s, d uint32) uint32 {
	return math.Float32bits(float32(float64(math.Float32frombits(s)) + float64(math.Float32frombits(d))))
}

// sumRef is the reference for one dbias/dslope element: the binary32 sum
// in row order, or, once it has become NaN, the set of NaNs the contract
// lets it be (nanOut of each NaN operand met, and default NaNs produced).
type sumRef struct {
	bits  uint32
	nan   bool
	cands []uint32
	added bool // at least one addition happened
}

func (s *sumRef) add(want, alt uint32) {
	switch {
	case !s.added && isNaNBits(s.bits):
		s.nan, s.cands = true, []uint32{nanOut(s.bits)}
	}
	s.added = true
	switch {
	case s.nan:
	case isNaNBits(want):
		s.nan = true
	default:
		if r := refAdd(s.bits, want); isNaNBits(r) {
			s.nan, s.cands = true, append(s.cands, r)
		} else {
			s.bits = r
		}
		return
	}
	for _, v := range []uint32{want, alt} {
		if isNaNBits(v) {
			s.cands = append(s.cands, nanOut(v))
		}
	}
}

// merge adds the block sum b to s: one addition, s the first operand.
func (s *sumRef) merge(b sumRef) {
	if !b.nan {
		s.add(b.bits, b.bits)
		return
	}
	if !s.added && isNaNBits(s.bits) {
		s.nan, s.cands = true, []uint32{nanOut(s.bits)}
	}
	s.added, s.nan = true, true
	s.cands = append(s.cands, b.cands...)
}

// newBlockSums returns n block sums, each started at -0.
func newBlockSums(n int) []sumRef {
	b := make([]sumRef, n)
	for j := range b {
		b[j].bits = 0x80000000
	}
	return b
}

// blockCall calls k on row r as the public functions run it: block by
// block of BlockRows rows, each block's sums started at -0, then added to
// acc in block order.
func blockCall(k kerneltest.LayerKernel, r impl.Impl, dst, acc, a, b, par []float32, alpha float32) {
	if !k.HasAcc() {
		k.Call(r, dst, acc, a, b, par, alpha)
		return
	}
	cols := len(acc)
	s := make([]float32, cols)
	for i := 0; i < len(dst); i += BlockRows * cols {
		e := min(i+BlockRows*cols, len(dst))
		startSums(s)
		var bb []float32
		if b != nil {
			bb = b[i:e]
		}
		k.Call(r, dst[i:e], s, a[i:e], bb, par, alpha)
		addSums(acc, s)
	}
}

func (s *sumRef) ok(got uint32) bool {
	if !s.nan {
		return got == s.bits
	}
	return slices.Contains(s.cands, got)
}

// layerRef returns, for every dst element, the value the contract gives and
// the other one it accepts; and for every acc element its sumRef.
func layerRef(k kerneltest.LayerKernel, in layerArgs) (want, alt []uint32, sums []sumRef) {
	n := len(in.a)
	want, alt = make([]uint32, n), make([]uint32, n)
	var block []sumRef // the sums of the current block of in.block rows
	if k.HasAcc() {
		sums = make([]sumRef, len(in.acc))
		for j, v := range in.acc {
			sums[j].bits = v
		}
		block = sums
		if in.block > 0 {
			block = newBlockSums(len(in.acc))
		}
	}
	for i := range n {
		j := i % in.cols
		if k.HasAcc() && in.block > 0 && i > 0 && i%(in.block*in.cols) == 0 {
			for c := range sums {
				sums[c].merge(block[c])
			}
			block = newBlockSums(len(in.acc))
		}
		switch {
		case k.Bias: // z = src + bias
			zs := []uint32{}
			s, b := in.a[i], in.par[j]
			switch {
			case isNaNBits(s) || isNaNBits(b):
				for _, v := range []uint32{s, b} {
					if isNaNBits(v) {
						zs = append(zs, nanOut(v))
					}
				}
			default:
				zs = append(zs, refAdd(s, b))
			}
			w0, _ := refKernel(k.Activation, k.Ref, zs[0], zs[0], in.alpha)
			w1, _ := refKernel(k.Activation, k.Ref, zs[len(zs)-1], zs[len(zs)-1], in.alpha)
			want[i], alt[i] = w0, w1
		case !k.Grad: // PReLU
			want[i], alt[i] = refKernel(k.Activation, k.Ref, in.a[i], in.a[i], math.Float32frombits(in.par[j]))
		case k.PerColumn: // PReLUGrad
			g, x := in.a[i], in.b[i]
			want[i], alt[i] = refKernel(k.Activation, k.Ref, g, x, math.Float32frombits(in.par[j]))
			if refM(x) {
				p, _ := refMul(math.Float32frombits(x), g)
				block[j].add(p, p)
			}
		default:
			want[i], alt[i] = refKernel(k.Activation, k.Ref, in.a[i], in.b[i], in.alpha)
			block[j].add(want[i], alt[i])
		}
	}
	if k.HasAcc() && in.block > 0 && n > 0 {
		for c := range sums {
			sums[c].merge(block[c])
		}
	}
	return want, alt, sums
}

// checkLayer compares dst and acc after a call with the reference for the
// inputs in (taken before it).
func checkLayer(t *testing.T, k kerneltest.LayerKernel, in layerArgs, dst, acc []float32, format string, args ...any) {
	t.Helper()
	want, alt, sums := layerRef(k, in)
	bad := 0
	where := fmt.Sprintf(format, args...)
	for i := range dst {
		got := math.Float32bits(dst[i])
		if got != want[i] && got != alt[i] {
			if bad++; bad <= 5 {
				var b uint32
				if in.b != nil {
					b = in.b[i]
				}
				var p uint32
				if in.par != nil {
					p = in.par[i%in.cols]
				}
				t.Errorf("%s %s: dst[%d] = %#08x, want %#08x (a %#08x, b %#08x, par %#08x, alpha %#08x)",
					k.Name, where, i, got, want[i], in.a[i], b, p, math.Float32bits(in.alpha))
			}
		}
	}
	if k.HasAcc() {
		for j := range acc {
			got := math.Float32bits(acc[j])
			if len(dst) == 0 {
				if got != in.acc[j] {
					t.Errorf("%s %s: no rows, but acc[%d] changed from %#08x to %#08x", k.Name, where, j, in.acc[j], got)
				}
				continue
			}
			if !sums[j].ok(got) {
				if bad++; bad <= 5 {
					if sums[j].nan {
						t.Errorf("%s %s: acc[%d] = %#08x, want one of the NaNs %#08x", k.Name, where, j, got, sums[j].cands)
					} else {
						t.Errorf("%s %s: acc[%d] = %#08x, want %#08x", k.Name, where, j, got, sums[j].bits)
					}
				}
			}
		}
	}
	if bad > 0 {
		t.FailNow()
	}
}

var layerCols = []int{1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 64, 255, 4096}
var layerRowCounts = []int{0, 1, 2, 5, 64, BlockRows + 1, 2*BlockRows + 3}

// layerCase builds one call's slices inside kerneltest.Canary-filled buffers at the
// given element offsets, calls k on row r and checks everything: dst, acc,
// inputs unchanged, canaries.
func layerCase(t *testing.T, r impl.Impl, k kerneltest.LayerKernel, rows, cols int, offs [5]int, seed uint64, alpha float32) {
	t.Helper()
	n := rows * cols
	const pad = 8
	mk := func(size, off int, fill []float32) ([]float32, []float32) {
		buf := make([]float32, off+size+pad)
		for i := range buf {
			buf[i] = math.Float32frombits(kerneltest.Canary)
		}
		w := buf[off : off+size]
		copy(w, fill)
		return buf, w
	}
	dBuf, dst := mk(n, offs[0], nil)
	aBuf, a := mk(n, offs[1], kerneltest.RandomInputs(n, seed))
	bBuf, b := mk(n, offs[2], kerneltest.RandomInputs(n, seed+1))
	pBuf, par := mk(cols, offs[3], kerneltest.RandomInputs(cols, seed+2))
	cBuf, acc := mk(cols, offs[4], kerneltest.RandomInputs(cols, seed+3))
	if !k.Grad {
		b, acc = nil, nil
	}
	if !k.HasPar() {
		par = nil
	}
	in := layerArgs{a: kerneltest.Bits(a), b: kerneltest.Bits(b), par: kerneltest.Bits(par), acc: kerneltest.Bits(acc), alpha: alpha, cols: cols, block: blockOf(r)}
	was := [][]uint32{kerneltest.Bits(aBuf), kerneltest.Bits(bBuf), kerneltest.Bits(pBuf)}
	k.Call(r, dst, acc, a, b, par, alpha)
	checkLayer(t, k, in, dst, acc, "rows=%d cols=%d offsets=%v", rows, cols, offs)
	for i, buf := range [][]float32{aBuf, bBuf, pBuf} {
		require.Equal(t, was[i], kerneltest.Bits(buf), "%s rows=%d cols=%d: input %d changed", k.Name, rows, cols, i)
	}
	for name, w := range map[string]struct {
		buf []float32
		off int
		n   int
	}{"dst": {dBuf, offs[0], n}, "acc": {cBuf, offs[4], cols}} {
		for i, v := range w.buf {
			if (i < w.off || i >= w.off+w.n) && math.Float32bits(v) != kerneltest.Canary {
				t.Fatalf("%s rows=%d cols=%d: %s's kerneltest.Canary %d overwritten", k.Name, rows, cols, name, i-w.off)
			}
		}
	}
}

// TestLayerShapes: every cols × rows of the issue, slices at element
// offsets 0..15 apart from each other, random inputs mixed with kerneltest.Specials,
// acc starting from non-zero values.
func TestLayerShapes(t *testing.T) {
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachLayerKernel(t, func(t *testing.T, k kerneltest.LayerKernel) {
			rng := rand.New(rand.NewPCG(7, 7))
			for _, cols := range layerCols {
				for _, rows := range layerRowCounts {
					if testing.Short() && rows*cols > 64*255 || rows > 64 && cols > 33 {
						continue // 4096 columns: up to 2 rows under -short (the emulators run it); the blocks: 33 columns at most
					}
					offs := [5]int{}
					for i := range offs {
						offs[i] = rng.IntN(16)
					}
					alpha := kerneltest.Alphas[rng.IntN(len(kerneltest.Alphas))]
					layerCase(t, r, k, rows, cols, offs, uint64(rows*10000+cols), alpha)
				}
			}
			// Large: one row of a million columns, many rows of one.
			bigCols, manyRows := 1<<20, 3000
			if testing.Short() {
				bigCols, manyRows = 4099, 300
			}
			if k.Rounded {
				bigCols = min(bigCols, roundedMaxLen) // as in largeLengths
			}
			layerCase(t, r, k, 1, bigCols, [5]int{1, 2, 3, 4, 5}, 3, 0.2)
			layerCase(t, r, k, manyRows, 1, [5]int{3, 2, 1, 0, 5}, 4, -0.3)
		})
	})
}

// TestLayerSpecials: every pair of special values meets in each role:
// src with bias (and slope), grad with y (and x), with every alpha, and acc
// starting from kerneltest.Specials.
func TestLayerSpecials(t *testing.T) {
	n := len(kerneltest.Specials)
	rowVals := func() []float32 { // element (r, j) = kerneltest.Specials[r]
		v := make([]float32, n*n)
		for i := range v {
			v[i] = math.Float32frombits(kerneltest.Specials[i/n])
		}
		return v
	}
	colVals := func(shift int) []float32 { // element (r, j) = kerneltest.Specials[(j+shift)%n]
		v := make([]float32, n*n)
		for i := range v {
			v[i] = math.Float32frombits(kerneltest.Specials[(i%n+shift)%n])
		}
		return v
	}
	vec := func(shift int) []float32 {
		v := make([]float32, n)
		for j := range v {
			v[j] = math.Float32frombits(kerneltest.Specials[(j+shift)%n])
		}
		return v
	}
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachLayerKernel(t, func(t *testing.T, k kerneltest.LayerKernel) {
			als := kerneltest.Alphas
			if !k.Leaky || k.PerColumn {
				als = kerneltest.Alphas[:1]
			}
			for _, alpha := range als {
				for shift := range n {
					if shift > 0 && k.Leaky && !k.PerColumn && alpha != kerneltest.Alphas[0] {
						break // the shifts only move which acc and slope meet which column
					}
					a, b := rowVals(), colVals(shift)
					if k.Grad && shift%2 == 1 {
						a, b = colVals(shift), rowVals()
					}
					par, acc := vec(shift), vec(shift+3)
					if !k.Grad {
						b, acc = nil, nil
					}
					if !k.HasPar() {
						par = nil
					}
					in := layerArgs{a: kerneltest.Bits(a), b: kerneltest.Bits(b), par: kerneltest.Bits(par), acc: kerneltest.Bits(acc), alpha: alpha, cols: n, block: blockOf(r)}
					dst := make([]float32, n*n)
					k.Call(r, dst, acc, a, b, par, alpha)
					checkLayer(t, k, in, dst, acc, "kerneltest.Specials shift=%d", shift)
				}
			}
		})
	})
}

// TestLayerInPlace: dst identical to each input it may be, and to all of
// them, gives the bits of the out-of-place call.
func TestLayerInPlace(t *testing.T) {
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachLayerKernel(t, func(t *testing.T, k kerneltest.LayerKernel) {
			for _, cols := range []int{1, 3, 16, 17, 255} {
				for _, rows := range []int{1, 5, 64} {
					n := rows * cols
					seed := uint64(n)
					a, b := kerneltest.RandomInputs(n, seed), kerneltest.RandomInputs(n, seed+1)
					par, acc0 := kerneltest.RandomInputs(cols, seed+2), kerneltest.RandomInputs(cols, seed+3)
					if !k.HasPar() {
						par = nil
					}
					if !k.Grad {
						b, acc0 = nil, nil
					}
					want := make([]float32, n)
					wantAcc := slices.Clone(acc0)
					k.Call(r, want, wantAcc, a, b, par, 0.2)
					in := layerArgs{a: kerneltest.Bits(a), b: kerneltest.Bits(b), par: kerneltest.Bits(par), acc: kerneltest.Bits(acc0), alpha: 0.2, cols: cols, block: blockOf(r)}
					checkLayer(t, k, in, want, wantAcc, "out of place rows=%d cols=%d", rows, cols)
					aliases := []string{"dst=src"}
					if k.Grad {
						aliases = []string{"dst=grad", "dst=" + map[bool]string{true: "x", false: "y"}[k.PerColumn], "dst=grad=" + map[bool]string{true: "x", false: "y"}[k.PerColumn]}
					}
					for ai, alias := range aliases {
						acc := slices.Clone(acc0)
						var buf []float32
						switch ai {
						case 0:
							buf = slices.Clone(a)
							k.Call(r, buf, acc, buf, b, par, 0.2)
						case 1:
							buf = slices.Clone(b)
							k.Call(r, buf, acc, a, buf, par, 0.2)
						case 2:
							// The value is its own test value: compare with out of place on (a, a).
							w, wacc := make([]float32, n), slices.Clone(acc0)
							k.Call(r, w, wacc, a, a, par, 0.2)
							buf = slices.Clone(a)
							k.Call(r, buf, acc, buf, buf, par, 0.2)
							kerneltest.EqualBits(t, w, buf, "%s %s rows=%d cols=%d", k.Name, alias, rows, cols)
							kerneltest.EqualBits(t, wacc, acc, "%s %s acc rows=%d cols=%d", k.Name, alias, rows, cols)
							continue
						}
						kerneltest.EqualBits(t, want, buf, "%s %s rows=%d cols=%d", k.Name, alias, rows, cols)
						if k.Grad {
							kerneltest.EqualBits(t, wantAcc, acc, "%s %s acc rows=%d cols=%d", k.Name, alias, rows, cols)
						}
					}
				}
			}
		})
	})
}

// TestLayerByteMisaligned runs every kernel with every slice starting at
// byte offsets 1, 2 and 3 (and 0) from a 64-byte boundary.
func TestLayerByteMisaligned(t *testing.T) {
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachLayerKernel(t, func(t *testing.T, k kerneltest.LayerKernel) {
			for _, cols := range []int{3, 16, 33} {
				rows := 5
				n := rows * cols
				for off := range 4 {
					dst, a, b := kerneltest.Misaligned(n, off), kerneltest.Misaligned(n, (off+1)%4), kerneltest.Misaligned(n, (off+2)%4)
					par, acc := kerneltest.Misaligned(cols, (off+3)%4), kerneltest.Misaligned(cols, off)
					copy(a, kerneltest.RandomInputs(n, 1))
					copy(b, kerneltest.RandomInputs(n, 2))
					copy(par, kerneltest.RandomInputs(cols, 3))
					copy(acc, kerneltest.RandomInputs(cols, 4))
					if !k.Grad {
						b, acc = nil, nil
					}
					if !k.HasPar() {
						par = nil
					}
					in := layerArgs{a: kerneltest.Bits(a), b: kerneltest.Bits(b), par: kerneltest.Bits(par), acc: kerneltest.Bits(acc), alpha: -0.3, cols: cols, block: blockOf(r)}
					k.Call(r, dst, acc, a, b, par, -0.3)
					checkLayer(t, k, in, dst, acc, "byte offset %d cols=%d", off, cols)
				}
			}
		})
	})
}

// TestLayerBlocks: the gradients' block sums on every path, across block
// boundaries, on finite inputs, so that every sum stays a number for the
// reference to hold to its bits (TestLayerShapes' inputs mix in so many
// specials that a long column mostly ends as a NaN).
func TestLayerBlocks(t *testing.T) {
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachLayerKernel(t, func(t *testing.T, k kerneltest.LayerKernel) {
			if !k.Grad {
				t.Skip("no sum")
			}
			rng := rand.New(rand.NewPCG(21, 9))
			finite := func(n int, scale float32) []float32 {
				v := make([]float32, n)
				for i := range v {
					v[i] = (rng.Float32()*2 - 1) * scale
				}
				return v
			}
			rowCounts, colCounts := []int{BlockRows - 1, BlockRows, BlockRows + 1, 3*BlockRows + 7}, []int{1, 17, 64}
			if testing.Short() { // the emulators
				rowCounts, colCounts = []int{BlockRows + 1, 2*BlockRows + 7}, []int{17}
			}
			for _, rows := range rowCounts {
				for _, cols := range colCounts {
					n := rows * cols
					a, b, par, acc := finite(n, 1), finite(n, 1), finite(cols, 0.5), finite(cols, 100)
					in := layerArgs{a: kerneltest.Bits(a), b: kerneltest.Bits(b), par: kerneltest.Bits(par), acc: kerneltest.Bits(acc), alpha: 0.01, cols: cols, block: blockOf(r)}
					dst := make([]float32, n)
					k.Call(r, dst, acc, a, b, par, 0.01)
					checkLayer(t, k, in, dst, acc, "finite rows=%d cols=%d", rows, cols)
				}
			}
		})
	})
}

// TestLayerAccumulates: two calls on the two halves of a batch, cut at a
// block of BlockRows rows, give the bits of one call on the whole batch
// (the sum continues in block order).
func TestLayerAccumulates(t *testing.T) {
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		kerneltest.EachLayerKernel(t, func(t *testing.T, k kerneltest.LayerKernel) {
			if !k.Grad {
				t.Skip("no sum")
			}
			const rows, cols = 2 * BlockRows, 19
			a := kerneltest.RandomInputs(rows*cols, 5)
			b := kerneltest.RandomInputs(rows*cols, 6)
			par := kerneltest.RandomInputs(cols, 7)
			whole, halves := make([]float32, cols), make([]float32, cols)
			d1, d2 := make([]float32, rows*cols), make([]float32, rows*cols)
			k.Call(r, d1, whole, a, b, par, 0.25)
			h := rows / 2 * cols
			k.Call(r, d2[:h], halves, a[:h], b[:h], par, 0.25)
			k.Call(r, d2[h:], halves, a[h:], b[h:], par, 0.25)
			kerneltest.EqualBits(t, d1, d2, "dst")
			kerneltest.EqualBits(t, whole, halves, "acc")
		})
	})
}

// TestLayerPanics checks each rule and the message: the function's name,
// every length, and what is wrong; and that nothing is written first.
func TestLayerPanics(t *testing.T) {
	f := func(n int) []float32 { return make([]float32, n) }
	buf := f(64)
	cases := []struct {
		want string
		call func()
	}{
		{"kernels.BiasReLU: len(dst)=6, len(src)=5, len(bias)=1: dst and src must have the same length",
			func() { BiasReLU(f(6), f(5), f(1)) }},
		{"kernels.BiasReLU: len(dst)=6, len(src)=6, len(bias)=4: len(src) must be a multiple of len(bias), the number of columns",
			func() { BiasReLU(f(6), f(6), f(4)) }},
		{"kernels.BiasReLU: len(dst)=6, len(src)=6, len(bias)=0: bias must not be empty when src is not",
			func() { BiasReLU(f(6), f(6), nil) }},
		{"kernels.BiasReLU: dst overlaps src partially (len=6, dst starts 2 elements after src): pass the same slice to work in place, or disjoint slices",
			func() { BiasReLU(buf[2:8], buf[0:6], f(3)) }},
		{"kernels.BiasReLU: bias shares memory with dst (len(dst)=6, len(src)=6, len(bias)=3): pass bias in memory of its own",
			func() { BiasReLU(buf[0:6], f(6), buf[5:8]) }},
		{"kernels.BiasLeakyReLU: len(dst)=4, len(src)=4, len(bias)=3: len(src) must be a multiple of len(bias), the number of columns",
			func() { BiasLeakyReLU(f(4), f(4), f(3), 0.1) }},
		{"kernels.BiasLeakyReLU: bias shares memory with dst (len(dst)=4, len(src)=4, len(bias)=2): pass bias in memory of its own",
			func() { BiasLeakyReLU(buf[0:4], buf[0:4], buf[0:2], 0.1) }},
		{"kernels.PReLU: len(dst)=4, len(src)=4, len(slope)=0: slope must not be empty when src is not",
			func() { PReLU(f(4), f(4), nil) }},
		{"kernels.PReLU: slope shares memory with dst (len(dst)=4, len(src)=4, len(slope)=1): pass slope in memory of its own",
			func() { PReLU(buf[0:4], f(4), buf[3:4]) }},
		{"kernels.ReLUGradBias: len(dst)=4, len(dbias)=2, len(grad)=4, len(y)=5: dst, grad and y must have the same length",
			func() { ReLUGradBias(f(4), f(2), f(4), f(5)) }},
		{"kernels.ReLUGradBias: len(dst)=4, len(dbias)=3, len(grad)=4, len(y)=4: len(dst) must be a multiple of len(dbias), the number of columns",
			func() { ReLUGradBias(f(4), f(3), f(4), f(4)) }},
		{"kernels.ReLUGradBias: len(dst)=4, len(dbias)=0, len(grad)=4, len(y)=4: dbias must not be empty when dst is not",
			func() { ReLUGradBias(f(4), nil, f(4), f(4)) }},
		{"kernels.ReLUGradBias: dst overlaps y partially (len=4, dst starts 1 elements before y): pass the same slice to work in place, or disjoint slices",
			func() { ReLUGradBias(buf[0:4], f(2), f(4), buf[1:5]) }},
		{"kernels.ReLUGradBias: dbias shares memory with dst (len(dst)=4, len(dbias)=2, len(grad)=4, len(y)=4): pass dbias in memory of its own",
			func() { ReLUGradBias(buf[0:4], buf[3:5], f(4), f(4)) }},
		{"kernels.LeakyReLUGradBias: dbias shares memory with grad (len(dst)=4, len(dbias)=2, len(grad)=4, len(y)=4): pass dbias in memory of its own",
			func() { LeakyReLUGradBias(f(4), buf[10:12], buf[8:12], f(4), 0.1) }},
		{"kernels.LeakyReLUGradBias: dbias shares memory with y (len(dst)=4, len(dbias)=2, len(grad)=4, len(y)=4): pass dbias in memory of its own",
			func() { LeakyReLUGradBias(f(4), buf[10:12], f(4), buf[11:15], 0.1) }},
		{"kernels.LeakyReLUGradBias: dst overlaps grad partially (len=4, dst starts 3 elements after grad): pass the same slice to work in place, or disjoint slices",
			func() { LeakyReLUGradBias(buf[3:7], f(1), buf[0:4], f(4), 0.1) }},
		{"kernels.PReLUGrad: len(dst)=4, len(dslope)=2, len(grad)=3, len(x)=4, len(slope)=2: dst, grad and x must have the same length",
			func() { PReLUGrad(f(4), f(2), f(3), f(4), f(2)) }},
		{"kernels.PReLUGrad: len(dst)=4, len(dslope)=1, len(grad)=4, len(x)=4, len(slope)=2: dslope and slope must have the same length",
			func() { PReLUGrad(f(4), f(1), f(4), f(4), f(2)) }},
		{"kernels.PReLUGrad: len(dst)=0, len(dslope)=1, len(grad)=0, len(x)=0, len(slope)=2: dslope and slope must have the same length",
			func() { PReLUGrad(nil, f(1), nil, nil, f(2)) }},
		{"kernels.PReLUGrad: len(dst)=4, len(dslope)=3, len(grad)=4, len(x)=4, len(slope)=3: len(dst) must be a multiple of len(slope), the number of columns",
			func() { PReLUGrad(f(4), f(3), f(4), f(4), f(3)) }},
		{"kernels.PReLUGrad: dst overlaps x partially (len=4, dst starts 1 elements after x): pass the same slice to work in place, or disjoint slices",
			func() { PReLUGrad(buf[1:5], f(2), f(4), buf[0:4], f(2)) }},
		{"kernels.PReLUGrad: slope shares memory with dst (len(dst)=4, len(dslope)=2, len(grad)=4, len(x)=4, len(slope)=2): pass slope in memory of its own",
			func() { PReLUGrad(buf[0:4], f(2), f(4), f(4), buf[2:4]) }},
		{"kernels.PReLUGrad: dslope shares memory with dst (len(dst)=4, len(dslope)=2, len(grad)=4, len(x)=4, len(slope)=2): pass dslope in memory of its own",
			func() { PReLUGrad(buf[0:4], buf[3:5], f(4), f(4), f(2)) }},
		{"kernels.PReLUGrad: dslope shares memory with x (len(dst)=4, len(dslope)=2, len(grad)=4, len(x)=4, len(slope)=2): pass dslope in memory of its own",
			func() { PReLUGrad(f(4), buf[20:22], f(4), buf[18:22], f(2)) }},
		{"kernels.PReLUGrad: dslope shares memory with slope (len(dst)=4, len(dslope)=2, len(grad)=4, len(x)=4, len(slope)=2): pass dslope in memory of its own",
			func() { PReLUGrad(f(4), buf[20:22], f(4), f(4), buf[21:23]) }},
	}
	for _, c := range cases {
		for i := range buf {
			buf[i] = 7
		}
		require.PanicsWithValue(t, c.want, c.call)
		for i, v := range buf {
			require.Equal(t, uint32(0x40e00000), math.Float32bits(v), "buf[%d] written before the panic: %s", i, c.want)
		}
	}
}

// TestLayerNoPanic: what the rules allow.
func TestLayerNoPanic(t *testing.T) {
	buf := make([]float32, 64)
	require.NotPanics(t, func() {
		BiasReLU(nil, nil, nil)                          // no rows, no columns
		BiasReLU(nil, nil, buf[0:3])                     // no rows: bias may be anything
		BiasLeakyReLU(buf[0:6], buf[0:6], buf[6:9], 0.1) // in place, bias adjacent
		PReLU(buf[0:6], buf[0:6], buf[6:8])
		ReLUGradBias(nil, nil, nil, nil)
		ReLUGradBias(buf[0:6], buf[6:9], buf[0:6], buf[0:6])              // dst = grad = y
		ReLUGradBias(buf[0:6], buf[20:22], buf[10:16], buf[12:18])        // grad and y overlap each other
		LeakyReLUGradBias(buf[0:4], buf[4:6], buf[6:10], buf[6:10], 1)    // grad = y
		PReLUGrad(nil, buf[0:2], nil, nil, buf[2:4])                      // no rows
		PReLUGrad(buf[0:4], buf[4:6], buf[0:4], buf[0:4], buf[6:8])       // dst = grad = x
		PReLUGrad(buf[0:4], buf[4:6], buf[10:14], buf[12:16], buf[13:15]) // inputs overlap each other
	})
}

// TestLayerNoAllocations: the public functions on the caller's stack arrays
// (an escaping slice would move them to the heap) and every row.
func TestLayerNoAllocations(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		var a, b, c [68]float32
		var p, q [17]float32
		BiasReLU(a[:], b[:], p[:4])
		BiasLeakyReLU(a[:], a[:], p[:17], 0.1)
		ReLUGradBias(a[:], q[:4], b[:], c[:])
		LeakyReLUGradBias(c[:], q[:2], b[:], c[:], 0.1)
		PReLU(b[:], b[:], p[:])
		PReLUGrad(a[:], q[:], b[:], c[:], p[:])
	})
	require.Zero(t, allocs, "allocations per call")
	a, b, c := make([]float32, 68), make([]float32, 68), make([]float32, 68)
	p, q := make([]float32, 17), make([]float32, 17)
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		allocs := testing.AllocsPerRun(20, func() {
			r.BiasReLU(a, b, p[:4])
			r.BiasLeakyReLU(a, a, p, 0.1)
			r.ReLUGradBias(a, q[:4], b, c)
			r.LeakyReLUGradBias(c, q[:2], b, c, 0.1)
			r.PReLU(b, b, p)
			r.PReLUGrad(a, q, b, c, p)
		})
		require.Zero(t, allocs, "allocations per call")
	})
}

// TestLayerGradientFromOutput: for ReLU and LeakyReLU with a finite
// alpha > 0, the fused gradient at the fused forward output equals the
// fused gradient at the pre-activation z = src + bias.
func TestLayerGradientFromOutput(t *testing.T) {
	const rows, cols = 40, 37
	src, bias, grad := kerneltest.RandomInputs(rows*cols, 11), kerneltest.RandomInputs(cols, 12), kerneltest.RandomInputs(rows*cols, 13)
	z, y := make([]float32, rows*cols), make([]float32, rows*cols)
	kerneltest.Rows(t, func(t *testing.T, r impl.Impl) {
		for _, alpha := range []float32{0, 1e-30, 0.01, 0.2, 1, 3e38} {
			leaky := alpha != 0
			r.BiasLeakyReLU(z, src, bias, 1) // z = src + bias exactly: alpha 1 leaves every value as it is
			dx, dy := make([]float32, rows*cols), make([]float32, rows*cols)
			ax, ay := make([]float32, cols), make([]float32, cols)
			if leaky {
				r.BiasLeakyReLU(y, src, bias, alpha)
				r.LeakyReLUGradBias(dx, ax, grad, z, alpha)
				r.LeakyReLUGradBias(dy, ay, grad, y, alpha)
			} else {
				r.BiasReLU(y, src, bias)
				r.ReLUGradBias(dx, ax, grad, z)
				r.ReLUGradBias(dy, ay, grad, y)
			}
			kerneltest.EqualBits(t, dx, dy, "alpha %g: dst from y differs from dst from z", alpha)
			kerneltest.EqualBits(t, ax, ay, "alpha %g: dbias from y differs from dbias from z", alpha)
		}
	})
}
