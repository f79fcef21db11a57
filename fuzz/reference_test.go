package fuzz

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"testing"
)

// The reference: the contract, written once more from its text, on bit
// patterns, sharing nothing with package kernels (neither its code nor its
// tests). It must be fast, since the sweep runs it 2^32 times per kernel,
// configuration and path:
//
//   - m(x) is the ordered float comparison x <= 0 itself (false for NaN),
//     where the kernels use masks and vector compares;
//   - a product alpha*v is computed in float64 and rounded once to float32:
//     a binary32*binary32 product has at most 48 significant bits and an
//     exponent within float64's normal range, so the float64 product is exact
//     and the conversion is the only rounding, to nearest even, subnormals
//     included. The kernels multiply in binary32 directly. softMul below, an
//     integer-only multiplication, checks this reference (TestReference).
//
// The two NaN results the contract leaves open are handled explicitly: a
// NaN operand comes out quieted (alpha's only when v is not NaN; callers
// accept either when both are), and 0*Inf is this CPU's default NaN,
// measured at run time. On RISC-V no NaN operand comes out: every NaN
// result is the default NaN (see quieted).

const (
	signBit  = 0x80000000
	absMask  = 0x7fffffff
	infBits  = 0x7f800000
	quietBit = 0x00400000
	minusOne = 0xbf800000
)

func isNaN(b uint32) bool { return b&absMask > infBits }

//go:noinline
func mul32(a, b float32) float32 { return a * b }

// defaultNaN is what this CPU's binary32 multiplication gives for 0*Inf:
// 0xFFC00000 on x86, 0x7FC00000 on Arm. The call is not inlined, so the
// compiler cannot fold it into a constant of its own choosing.
var defaultNaN = math.Float32bits(mul32(0, float32(math.Inf(1))))

// canonicalNaNs says whether this architecture's arithmetic gives its
// default NaN for every NaN result, whatever the operands, instead of a NaN
// operand quieted: RISC-V does (unprivileged ISA, F extension, "NaN
// Generation and Propagation"); x86, Arm, Power and z propagate the
// operand. TestReference checks it on the CPU it runs on.
var canonicalNaNs = runtime.GOARCH == "riscv64"

// quieted is the result of an arithmetic operation that propagates the NaN
// operand b: b with its quiet bit set, sign and payload kept, or the
// default NaN where the architecture propagates none.
func quieted(b uint32) uint32 {
	if canonicalNaNs {
		return defaultNaN
	}
	return b | quietBit
}

// refM is m(x) = x <= 0, ordered: false for NaN.
func refM(x uint32) bool { return math.Float32frombits(x) <= 0 }

// refMul is alpha*v: one binary32 multiplication, rounded to nearest even.
// When both are NaN it returns v quieted; altMul gives the other answer.
func refMul(alpha, v uint32) uint32 {
	if isNaN(v) {
		return quieted(v)
	}
	if isNaN(alpha) {
		return quieted(alpha)
	}
	if (alpha&absMask == 0 && v&absMask == infBits) || (v&absMask == 0 && alpha&absMask == infBits) {
		return defaultNaN
	}
	return math.Float32bits(float32(float64(math.Float32frombits(alpha)) * float64(math.Float32frombits(v))))
}

// altMul is the other acceptable product: alpha quieted when alpha and v
// are both NaN, and refMul's answer otherwise.
func altMul(alpha, v uint32) uint32 {
	if isNaN(alpha) && isNaN(v) {
		return quieted(alpha)
	}
	return refMul(alpha, v)
}

func refReLU(x uint32) uint32 {
	if refM(x) {
		return 0
	}
	return x
}

func refLeakyReLU(x, alpha uint32) uint32 {
	if refM(x) {
		return refMul(alpha, x)
	}
	return x
}

func refReLUGrad(grad, x uint32) uint32 {
	if refM(x) {
		return 0
	}
	return grad
}

func refLeakyReLUGrad(grad, x, alpha uint32) uint32 {
	if refM(x) {
		return refMul(alpha, grad)
	}
	return grad
}

// refLeakyReLUGradAlt is refLeakyReLUGrad with altMul: the second acceptable
// answer (the same one unless alpha and grad are both NaN and m(x) holds).
func refLeakyReLUGradAlt(grad, x, alpha uint32) uint32 {
	if refM(x) {
		return altMul(alpha, grad)
	}
	return grad
}

// softMul is alpha*v in integer arithmetic only: the exact product of the
// significands, then one rounding to nearest even at the binary32 grid,
// subnormal grid included. It is slow, and exists to check refMul.
func softMul(a, b uint32) uint32 {
	switch {
	case isNaN(b):
		return quieted(b)
	case isNaN(a):
		return quieted(a)
	}
	sign := (a ^ b) & signBit
	aInf, bInf := a&absMask == infBits, b&absMask == infBits
	aZero, bZero := a&absMask == 0, b&absMask == 0
	switch {
	case aInf && bZero, aZero && bInf:
		return defaultNaN
	case aInf || bInf:
		return sign | infBits
	case aZero || bZero:
		return sign
	}
	ma, ea := unpack(a)
	mb, eb := unpack(b)
	p := uint64(ma) * uint64(mb) // the value is p * 2^e, exactly
	e := ea + eb
	q := bits.Len64(p) - 1 + e - 23 // the exponent of the result's last place
	if q < -149 {
		q = -149 // subnormal: the last place is fixed at 2^-149
	}
	var m uint64
	switch shift := q - e; {
	case shift <= 0:
		m = p << uint(-shift)
	case shift >= 64:
		m = 0 // p < 2^48 is below half a last place
	default:
		m = p >> uint(shift)
		rem, half := p&(1<<uint(shift)-1), uint64(1)<<uint(shift-1)
		if rem > half || rem == half && m&1 == 1 {
			m++
		}
	}
	// m * 2^q with m < 2^24 (2^24 after a carry), q >= -149: its encoding is
	// (q+149)<<23 + m, which also covers subnormals, the carry into the next
	// binade and into the normals, and overflow (anything at or past Inf).
	r := int64(q+149)<<23 + int64(m)
	if r >= infBits {
		return sign | infBits
	}
	return sign | uint32(r)
}

// unpack returns the significand and exponent of a finite nonzero binary32,
// whose value is m * 2^e.
func unpack(b uint32) (m uint32, e int) {
	exp := int(b >> 23 & 0xff)
	if exp == 0 {
		return b & 0x7fffff, -149
	}
	return b&0x7fffff | 1<<23, exp - 150
}

// TestReference checks the reference itself: answers worked out by hand
// (ties to even at the subnormal grid, just below a midpoint, overflow,
// NaN payloads), then refMul against the integer-only softMul on random
// operands, operands whose product lands in the subnormal range or near
// overflow, and significands with many trailing zeros, where ties live.
func TestReference(t *testing.T) {
	const (
		half     = 0x3f000000 // 0.5
		quarter3 = 0x3f400000 // 0.75
		one      = 0x3f800000
		two      = 0x40000000
		maxF     = 0x7f7fffff
		oneUp    = 0x3f800001 // 1 + 2^-23
		oneDown  = 0x3f7fffff // 1 - 2^-24
	)
	alpha001 := math.Float32bits(0.01)
	alphaM03 := math.Float32bits(-0.3)
	for _, c := range []struct {
		name      string
		got, want uint32
	}{
		{"ReLU(-0)", refReLU(signBit), 0},
		{"ReLU(+0)", refReLU(0), 0},
		{"ReLU(-min subnormal)", refReLU(0x80000001), 0},
		{"ReLU(min subnormal)", refReLU(1), 1},
		{"ReLU(-Inf)", refReLU(0xff800000), 0},
		{"ReLU(-sNaN)", refReLU(0xff800001), 0xff800001},
		{"ReLU(sNaN)", refReLU(0x7fa00000), 0x7fa00000},
		{"LeakyReLU(-0, 0.01)", refLeakyReLU(signBit, alpha001), signBit},
		{"LeakyReLU(-0, -0.3)", refLeakyReLU(signBit, alphaM03), 0},
		{"LeakyReLU(+0, -0.3)", refLeakyReLU(0, alphaM03), signBit},
		{"LeakyReLU(-Inf, 0)", refLeakyReLU(0xff800000, 0), defaultNaN},
		{"LeakyReLU(-Inf, -0.3)", refLeakyReLU(0xff800000, alphaM03), infBits},
		{"LeakyReLU(-qNaN, 0.01)", refLeakyReLU(0xffc00001, alpha001), 0xffc00001},
		{"LeakyReLU(-1, NaN)", refLeakyReLU(minusOne, 0x7f800005), quieted(0x7fc00005)},
		{"ReLUGrad(sNaN, x=1)", refReLUGrad(0xff800001, one), 0xff800001},
		{"ReLUGrad(1, x=NaN)", refReLUGrad(one, 0xffc00000), one},
		{"ReLUGrad(1, x=-0)", refReLUGrad(one, signBit), 0},
		{"LeakyReLUGrad(sNaN, x=-1, 0.01)", refLeakyReLUGrad(0x7f800001, minusOne, alpha001), quieted(0x7fc00001)},
		{"LeakyReLUGrad(1, x=+0, -0.3)", refLeakyReLUGrad(one, 0, alphaM03), alphaM03},
		{"0.5*min subnormal (tie to even 0)", refMul(half, 1), 0},
		{"0.5*3*2^-149 (tie to even 2)", refMul(half, 3), 2},
		{"0.5*-5*2^-149 (tie to even -2)", refMul(half, 0x80000005), 0x80000002},
		{"0.75*min subnormal (up)", refMul(quarter3, 1), 1},
		{"2*MaxFloat32", refMul(two, maxF), infBits},
		{"-2*MaxFloat32", refMul(0xc0000000, maxF), 0xff800000},
		{"MaxFloat32*(1+2^-23)", refMul(maxF, oneUp), infBits},
		{"(1+2^-23)^2", refMul(oneUp, oneUp), 0x3f800002},
		{"(1+2^-23)(1-2^-24): just below a midpoint", refMul(oneUp, oneDown), one},
		{"2^127*min subnormal", refMul(0x7f000000, 1), 0x34800000},
		{"min normal*0.5", refMul(half, 0x00800000), 0x00400000},
		{"max subnormal*(1+2^-23): carry into the normals", refMul(oneUp, 0x007fffff), 0x00800000},
		{"0*Inf", refMul(0, infBits), defaultNaN},
		{"-Inf*-0", refMul(0xff800000, signBit), defaultNaN},
		{"1*sNaN", refMul(one, 0x7f800001), quieted(0x7fc00001)},
		{"sNaN*1", refMul(0x7fa00000, one), quieted(0x7fe00000)},
		{"NaN*NaN", refMul(0xffc00123, 0x7f800001), quieted(0x7fc00001)},
		{"NaN*NaN, alt", altMul(0xffc00123, 0x7f800001), quieted(0xffc00123)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %#08x, want %#08x", c.name, c.got, c.want)
		}
	}
	switch runtime.GOARCH {
	case "amd64", "386":
		if defaultNaN != 0xffc00000 {
			t.Errorf("default NaN on x86 = %#08x, want 0xffc00000", defaultNaN)
		}
	case "arm64", "arm", "riscv64", "ppc64", "ppc64le", "s390x":
		if defaultNaN != 0x7fc00000 {
			t.Errorf("default NaN on %s = %#08x, want 0x7fc00000", runtime.GOARCH, defaultNaN)
		}
	}
	// The CPU's own answer for one NaN operand, against canonicalNaNs.
	for _, nan := range []uint32{0x7f800001, 0xffc0dead} {
		for _, other := range []uint32{0x3f800000, 0} {
			if got, want := math.Float32bits(mul32(math.Float32frombits(nan), math.Float32frombits(other))), quieted(nan); got != want {
				t.Errorf("%#08x * %#08x = %#08x on this CPU, the reference says %#08x", nan, other, got, want)
			}
			if got, want := math.Float32bits(mul32(math.Float32frombits(other), math.Float32frombits(nan))), quieted(nan); got != want {
				t.Errorf("%#08x * %#08x = %#08x on this CPU, the reference says %#08x", other, nan, got, want)
			}
		}
	}

	n := 1 << 20
	if testing.Short() {
		n = 1 << 14
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphas := append(append([]uint32(nil), seedAlphas...), seedValues...)
	fails := 0
	check := func(a, v uint32) {
		if got, want := refMul(a, v), softMul(a, v); got != want && fails < 10 {
			fails++
			t.Errorf("refMul(%#08x, %#08x) = %#08x, softMul = %#08x", a, v, got, want)
		}
	}
	// withExp returns a random significand and sign with biased exponent e,
	// its low bits cleared at random so that exact ties come up often.
	withExp := func(e uint32) uint32 {
		r := rng.Uint32()
		mant := r & 0x7fffff &^ (1<<(rng.Uint32N(24)) - 1)
		return r&signBit | e<<23 | mant
	}
	for range n {
		check(rng.Uint32(), rng.Uint32())
		check(alphas[rng.IntN(len(alphas))], rng.Uint32())
		// Products near the subnormal range: exponent sum in [-170, -110].
		ea := rng.Uint32N(255)
		eb := int(rng.Uint32N(61)) - 170 + 254 - int(ea)
		if eb >= 0 && eb < 255 {
			check(withExp(ea), withExp(uint32(eb)))
		}
		// Products near overflow: exponent sum in [120, 130].
		eb = int(rng.Uint32N(11)) + 120 + 254 - int(ea)
		if eb >= 0 && eb < 255 {
			check(withExp(ea), withExp(uint32(eb)))
		}
	}
}
