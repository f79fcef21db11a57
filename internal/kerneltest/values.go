package kerneltest

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Specials are the values the contract has something to say about, and
// those where other implementations part ways, as bits.
var Specials = append(baseSpecials, ConstantNeighbours()...)

var baseSpecials = []uint32{
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
	0x83c00000,             // 0.01 times it rounds wrongly through a float64 reciprocal (found by the 2^32 sweep)
	0x7fc00001, 0xffc12345, // quiet NaNs, payloads in the low bits
	0xff812345, // signaling NaN, negative, with a payload
}

// ConstantNeighbours returns each of Constants with the floats next to it,
// and their negations: where a compare with a constant decides, the tests
// meet both sides of it and the constant itself.
func ConstantNeighbours() []uint32 {
	var s []uint32
	for _, c := range Constants {
		for _, b := range []uint32{c - 1, c, c + 1} {
			for _, v := range []uint32{b, b ^ 0x80000000} {
				if !slices.Contains(baseSpecials, v) && !slices.Contains(s, v) {
					s = append(s, v)
				}
			}
		}
	}
	return s
}

// SpecialFloats returns Specials as float32s.
func SpecialFloats() []float32 { return Floats(Specials) }

// Alphas are the slopes (alpha) every row is tested with. Alphas[0] is 0.
var Alphas = []float32{
	0, float32(math.Copysign(0, -1)), 1, -1, 0.01, 0.2, 1.5, -0.3,
	math.Float32frombits(0x00000003), // subnormal
	3e38, float32(math.Inf(1)), float32(math.Inf(-1)),
	// NaNs, quiet and signaling, both signs: against the NaN specials they
	// reach the case IEEE 754 leaves open, where every path on one machine
	// must still agree.
	math.Float32frombits(0x7fc00000), math.Float32frombits(0xffc00000), // default quiet NaNs
	math.Float32frombits(0x7fe00abc), math.Float32frombits(0xffc54321), // quiet, with payloads
	math.Float32frombits(0xff812345), math.Float32frombits(0x7f800003), // signaling
}

// RandomInputs returns n values mixing uniform [-2, 2), random bit patterns
// and Specials, deterministically from seed.
func RandomInputs(n int, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	s := make([]float32, n)
	for i := range s {
		switch r.IntN(8) {
		case 0:
			s[i] = math.Float32frombits(Specials[r.IntN(len(Specials))])
		case 1:
			s[i] = math.Float32frombits(r.Uint32())
		default:
			s[i] = r.Float32()*4 - 2
		}
	}
	return s
}

// Bits returns the bit patterns of f (nil for nil).
func Bits(f []float32) []uint32 {
	if f == nil {
		return nil
	}
	u := make([]uint32, len(f))
	for i, v := range f {
		u[i] = math.Float32bits(v)
	}
	return u
}

// Floats returns the float32s with bit patterns u.
func Floats(u []uint32) []float32 {
	f := make([]float32, len(u))
	for i, b := range u {
		f[i] = math.Float32frombits(b)
	}
	return f
}
