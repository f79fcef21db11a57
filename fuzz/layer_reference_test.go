package fuzz

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// The reference for the layer kernels, in the style of reference_test.go
// (which it builds on: refM, refMul, altMul, defaultNaN) and sharing nothing
// with package kernels or its tests.
//
//   - z = src + bias and every step of a gradient sum is one binary32
//     addition. refAdd computes it in float64 and rounds once to float32:
//     the float64 sum of two binary32 values is either exact or rounded
//     at a precision (53 bits) of at least 2*24+2, where rounding twice
//     gives the correctly rounded binary32 result (Figueroa 1995).
//     softAdd, with math/big, checks this (TestLayerReference).
//   - NaNs are handled explicitly: a NaN operand comes out quieted (see
//     quieted: on RISC-V, as the default NaN); when both are NaN either
//     may (altAdd gives the other); Inf + -Inf is this CPU's default NaN.
//   - A sum over rows that has become NaN may be any of the NaNs it met,
//     quieted, or a default NaN it produced: nanSet collects them.

// refAdd is a + b, one binary32 addition; b quieted when both are NaN.
func refAdd(a, b uint32) uint32 {
	switch {
	case isNaN(b):
		return quieted(b)
	case isNaN(a):
		return quieted(a)
	case a&absMask == infBits && b == a^signBit:
		return defaultNaN
	}
	return math.Float32bits(float32(float64(math.Float32frombits(a)) + float64(math.Float32frombits(b))))
}

// altAdd is the other acceptable sum: a quieted when both are NaN.
func altAdd(a, b uint32) uint32 {
	if isNaN(a) && isNaN(b) {
		return quieted(a)
	}
	return refAdd(a, b)
}

// softAdd is a + b for non-NaN operands with math/big: the exact sum, then
// big.Float's own rounding to the nearest float32 (subnormals included).
func softAdd(a, b uint32) uint32 {
	if a&absMask == infBits || b&absMask == infBits {
		if a&absMask == infBits && b&absMask == infBits && a != b {
			return defaultNaN
		}
		if a&absMask == infBits {
			return a
		}
		return b
	}
	x := new(big.Float).SetPrec(400).SetFloat64(float64(math.Float32frombits(a)))
	y := new(big.Float).SetPrec(400).SetFloat64(float64(math.Float32frombits(b)))
	s := new(big.Float).SetPrec(400).Add(x, y)
	if s.Sign() == 0 {
		if a == signBit && b == signBit {
			return signBit // -0 + -0
		}
		return 0 // x + (-x) and +0 + -0 round to +0
	}
	f, _ := s.Float32()
	return math.Float32bits(f)
}

// sumState is one dbias/dslope element along its rows: the exact binary32
// bits while no NaN has come up, then the set of NaNs it may be.
type sumState struct {
	bits   uint32
	nanSet map[uint32]bool
	rows   int
}

// add adds d, where d may also be dAlt (a product of two NaNs).
func (s *sumState) add(d, dAlt uint32) {
	s.rows++
	if s.nanSet != nil {
		for _, v := range []uint32{d, dAlt} {
			if isNaN(v) {
				s.nanSet[quieted(v)] = true
			}
		}
		return
	}
	r, alt := refAdd(s.bits, d), altAdd(s.bits, d)
	if !isNaN(r) {
		s.bits = r
		return
	}
	s.nanSet = map[uint32]bool{r: true, alt: true}
	if isNaN(dAlt) {
		s.nanSet[quieted(dAlt)] = true
	}
}

// merge adds the block sum b to s: one addition, s the first operand.
func (s *sumState) merge(b sumState) {
	if b.nanSet == nil {
		s.add(b.bits, b.bits)
		return
	}
	s.rows += b.rows
	if s.nanSet == nil {
		s.nanSet = map[uint32]bool{}
		if isNaN(s.bits) {
			s.nanSet[quieted(s.bits)] = true
		}
	}
	for v := range b.nanSet {
		s.nanSet[v] = true
	}
}

// accepts reports whether got is what the sum may end as.
func (s *sumState) accepts(got uint32) bool {
	if s.nanSet == nil {
		return got == s.bits
	}
	return s.nanSet[got]
}

// refLayerKernel computes one call of a layer kernel on bits: dst's value
// and alternative for every element and the acc states. a is src or grad,
// b is y or x, par is bias or slope, acc0 what dbias or dslope held. block
// is the rows of a block of the sums (kernels.BlockRows for the public
// functions), or 0 for a path's kernel, which adds every row to acc.
func refLayerKernel(k layerKind, a, b, par, acc0 []uint32, alpha uint32, cols, block int) (want, alt []uint32, sums []sumState) {
	want, alt = make([]uint32, len(a)), make([]uint32, len(a))
	total := make([]sumState, len(acc0))
	for j, v := range acc0 {
		total[j].bits = v
	}
	newBlock := func() []sumState {
		s := make([]sumState, len(acc0))
		for j := range s {
			s[j].bits = 0x80000000 // -0
		}
		return s
	}
	sums = total
	if block > 0 {
		sums = newBlock()
	}
	defer func() {
		if block > 0 && len(a) > 0 {
			for j := range total {
				total[j].merge(sums[j])
			}
		}
		sums = total
	}()
	for i := range a {
		j := i % cols
		if block > 0 && i > 0 && i%(block*cols) == 0 {
			for c := range total {
				total[c].merge(sums[c])
			}
			sums = newBlock()
		}
		switch k.String() {
		case "BiasReLU", "BiasLeakyReLU":
			z, zAlt := refAdd(a[i], par[j]), altAdd(a[i], par[j])
			if k == lkBiasReLU {
				want[i], alt[i] = refReLU(z), refReLU(zAlt)
			} else {
				want[i], alt[i] = refLeakyReLU(z, alpha), refLeakyReLU(zAlt, alpha)
			}
		case "PReLU":
			want[i] = refLeakyReLU(a[i], par[j])
			alt[i] = want[i]
		case "ReLUGradBias":
			want[i] = refReLUGrad(a[i], b[i])
			alt[i] = want[i]
			sums[j].add(want[i], want[i])
		case "LeakyReLUGradBias":
			want[i], alt[i] = refLeakyReLUGrad(a[i], b[i], alpha), refLeakyReLUGradAlt(a[i], b[i], alpha)
			sums[j].add(want[i], alt[i])
		case "PReLUGrad":
			want[i], alt[i] = refLeakyReLUGrad(a[i], b[i], par[j]), refLeakyReLUGradAlt(a[i], b[i], par[j])
			if refM(b[i]) {
				p := refMul(b[i], a[i]) // x*grad: x is not NaN here
				sums[j].add(p, p)
			}
		default:
			// Every other kernel, against its description's contract.
			lk := kerneltest.LayerKernels[k]
			switch {
			case lk.PerColumn:
				panic(lk.Name + ": no reference for a per-column parameter but PReLU's")
			case lk.Bias:
				want[i] = refContract(lk.Ref, refAdd(a[i], par[j]), 0, alpha)
				alt[i] = refContract(lk.Ref, altAdd(a[i], par[j]), 0, alpha)
			default:
				want[i] = refContract(lk.Ref, a[i], b[i], alpha)
				alt[i] = want[i]
				sums[j].add(want[i], alt[i])
			}
		}
	}
	return want, alt, sums
}

// TestLayerReference checks refAdd against softAdd on random operands,
// operands of close and distant exponents (cancellation, sticky bits),
// subnormals and the seed values, and the sum state by hand.
func TestLayerReference(t *testing.T) {
	n := 1 << 18
	if testing.Short() {
		n = 1 << 12
	}
	rng := rand.New(rand.NewPCG(3, 4))
	fails := 0
	check := func(a, b uint32) {
		if isNaN(a) || isNaN(b) {
			return
		}
		if got, want := refAdd(a, b), softAdd(a, b); got != want && fails < 10 {
			fails++
			t.Errorf("refAdd(%#08x, %#08x) = %#08x, softAdd = %#08x", a, b, got, want)
		}
	}
	for _, a := range seedValues {
		for _, b := range seedValues {
			check(a, b)
		}
	}
	for range n {
		a := rng.Uint32()
		check(a, rng.Uint32())
		// Close exponents, either sign: cancellation.
		e := a >> 23 & 0xff
		d := uint32(rng.IntN(3))
		if e+d < 255 {
			check(a, rng.Uint32()&(signBit|0x7fffff)|(e+d)<<23)
		}
		// Exponents 20..30 apart: the rounding and sticky bits.
		d = 20 + uint32(rng.IntN(11))
		if e > d && e < 255 {
			check(a, rng.Uint32()&(signBit|0x7fffff)|(e-d)<<23)
		}
		// Subnormals and the smallest normals.
		check(rng.Uint32()&(signBit|0xffffff), rng.Uint32()&(signBit|0xffffff))
	}
	for _, c := range []struct {
		name      string
		got, want uint32
	}{
		{"-0 + -0", refAdd(signBit, signBit), signBit},
		{"-0 + +0", refAdd(signBit, 0), 0},
		{"1 + -1", refAdd(0x3f800000, 0xbf800000), 0},
		{"Inf + -Inf", refAdd(infBits, infBits|signBit), defaultNaN},
		{"sNaN + 1", refAdd(0x7f800001, 0x3f800000), quieted(0x7fc00001)},
		{"NaN + NaN", refAdd(0xffc00001, 0x7f800002), quieted(0x7fc00002)},
		{"NaN + NaN, alt", altAdd(0xffc00001, 0x7f800002), quieted(0xffc00001)},
		{"1 + 2^-24 (tie to even 1)", refAdd(0x3f800000, 0x33800000), 0x3f800000},
		{"(1+2^-23) + 2^-24 (tie to even up)", refAdd(0x3f800001, 0x33800000), 0x3f800002},
		{"MaxFloat32 + 2^103 (overflow)", refAdd(0x7f7fffff, 0x73000000), infBits},
		{"min subnormal + -min subnormal", refAdd(1, 0x80000001), 0},
	} {
		if c.got != c.want {
			t.Errorf("%s = %#08x, want %#08x", c.name, c.got, c.want)
		}
	}
	var s sumState
	s.bits = 0x3f800000 // 1
	s.add(0x40000000, 0x40000000)
	if !s.accepts(0x40400000) || s.accepts(0x40400001) {
		t.Errorf("1 + 2: sum state %#08x", s.bits)
	}
	s.add(0x7f800001, 0x7f800001) // a signaling NaN
	s.add(0xffc00005, 0x7fc00006) // a product of two NaNs: either
	for _, v := range []uint32{0x7fc00001, 0xffc00005, 0x7fc00006} {
		if !s.accepts(quieted(v)) {
			t.Errorf("sum with NaNs does not accept %#08x", quieted(v))
		}
	}
	if s.accepts(0x7f800001) || !canonicalNaNs && s.accepts(defaultNaN) && defaultNaN != 0x7fc00001 {
		t.Errorf("sum with NaNs accepts a NaN it never met")
	}
}
