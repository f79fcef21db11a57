package kernels

import "math"

// The generic path: pure Go, the fallback on every platform without
// assembly and under the purego build tag. Go does not vectorise, so speed
// comes from avoiding branches: a data-dependent "if x <= 0" mispredicts
// about half the time on the random-sign pre-activations of a real network
// (5x slower than the masks below on amd64). Each loop reslices its inputs
// to len(dst) first, so the compiler drops the bounds checks.

// keepMask returns all ones when m(x) is false (x > 0 or x is NaN), so that
// x passes through, and zero when m(x) is true (x <= 0). b is x's bits.
func keepMask(b uint32) uint32 {
	nan := uint32(int32(0x7f800000-(b&0x7fffffff)) >> 31) // |x| above +Inf: NaN
	positive := uint32((0 - int64(int32(b))) >> 63)       // sign clear and not +0
	return nan | positive
}

func reluGeneric(dst, src []float32) {
	src = src[:len(dst)]
	i := 0
	for ; i+4 <= len(dst); i += 4 {
		s := src[i : i+4 : i+4]
		d := dst[i : i+4 : i+4]
		b0, b1, b2, b3 := math.Float32bits(s[0]), math.Float32bits(s[1]), math.Float32bits(s[2]), math.Float32bits(s[3])
		d[0] = math.Float32frombits(b0 & keepMask(b0))
		d[1] = math.Float32frombits(b1 & keepMask(b1))
		d[2] = math.Float32frombits(b2 & keepMask(b2))
		d[3] = math.Float32frombits(b3 & keepMask(b3))
	}
	for ; i < len(dst); i++ {
		b := math.Float32bits(src[i])
		dst[i] = math.Float32frombits(b & keepMask(b))
	}
}

// leakyReLUGeneric reads each src[i] once before it writes dst[i], so it
// works in place.
func leakyReLUGeneric(dst, src []float32, alpha float32) {
	if alpha != alpha {
		leakyNaNAlpha(dst, src, src, alpha)
		return
	}
	src = src[:len(dst)]
	for i := range dst {
		dst[i] = leaky(src[i], src[i], alpha)
	}
}

func reluGradGeneric(dst, grad, x []float32) {
	grad = grad[:len(dst)]
	x = x[:len(dst)]
	i := 0
	for ; i+4 <= len(dst); i += 4 {
		g := grad[i : i+4 : i+4]
		xs := x[i : i+4 : i+4]
		d := dst[i : i+4 : i+4]
		k0, k1, k2, k3 := keepMask(math.Float32bits(xs[0])), keepMask(math.Float32bits(xs[1])), keepMask(math.Float32bits(xs[2])), keepMask(math.Float32bits(xs[3]))
		d[0] = math.Float32frombits(math.Float32bits(g[0]) & k0)
		d[1] = math.Float32frombits(math.Float32bits(g[1]) & k1)
		d[2] = math.Float32frombits(math.Float32bits(g[2]) & k2)
		d[3] = math.Float32frombits(math.Float32bits(g[3]) & k3)
	}
	for ; i < len(dst); i++ {
		dst[i] = math.Float32frombits(math.Float32bits(grad[i]) & keepMask(math.Float32bits(x[i])))
	}
}

func leakyReLUGradGeneric(dst, grad, x []float32, alpha float32) {
	if alpha != alpha {
		leakyNaNAlpha(dst, grad, x, alpha)
		return
	}
	grad = grad[:len(dst)]
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = leaky(grad[i], x[i], alpha)
	}
}

// leaky returns v where m(x) is false and alpha*v where it is true. The
// product is always computed, and the select is on integers, which the
// compiler turns into a conditional move rather than a branch.
func leaky(v, x, alpha float32) float32 {
	b := math.Float32bits(v)
	p := math.Float32bits(alpha * v)
	if keepMask(math.Float32bits(x)) == 0 {
		b = p
	}
	return math.Float32frombits(b)
}

// Bits of binary32 values, for the NaN rules (nanrule_*.go).
const (
	bitsAbs   = 0x7fffffff // all but the sign
	bitsInf   = 0x7f800000 // |x| above this: NaN
	bitsQuiet = 0x00400000 // set in a quiet NaN, clear in a signaling one
)

// leakyNaNAlpha is LeakyReLU (x = v) and LeakyReLUGrad with a NaN alpha.
// Every product is then a NaN, and which one (alpha's or v's, when v is a NaN
// too) is the CPU's operand rule, which Go's own multiplication need not
// follow the way the assembly does: nanAlphaProduct spells out the rule of
// this architecture's vector kernels, so that every path on one machine
// gives the same bits. alpha is one value per call, so the ordinary loops
// above pay one compare per call for this.
func leakyNaNAlpha(dst, v, x []float32, alpha float32) {
	v, x = v[:len(dst)], x[:len(dst)]
	a := math.Float32bits(alpha)
	for i := range dst {
		b := math.Float32bits(v[i])
		if keepMask(math.Float32bits(x[i])) == 0 {
			b = nanAlphaProduct(a, b)
		}
		dst[i] = math.Float32frombits(b)
	}
}
