package kernel

import "strings"

// HardSigmoid: PyTorch's Hardsigmoid, relu6(x+3)/6, as its CPU kernel
// computes it in binary32: one addition, a clamp that passes NaN through
// (ATen's maximum and minimum propagate NaN), one division. Keras' and
// ONNX's hard_sigmoid differ (their slope is 0.2, not 1/6): ParseActivation
// names this one hardsigmoid and sends the others to the error message.
// The gradient is PyTorch's hardsigmoid_backward: grad*(1/6), the constant
// rounded to float32, strictly inside (-3, 3), +0 elsewhere, a NaN x
// included (both of PyTorch's comparisons fail).
var hardSigmoid = Activation{
	Name: "HardSigmoid", Func: "hardSigmoid",
	Text: "hardsigmoid", Aliases: []string{"Hardsigmoid"},
	ParseHint:  "it is PyTorch's relu6(x+3)/6; ONNX's HardSigmoid(alpha, beta), clip(alpha*x+beta, 0, 1) with alpha = 0.2 by default, and Keras 2's hard_sigmoid are other functions, not provided",
	FromOutput: "false",
	Doc:        "relu6({x}+3)/6",
	GradDoc:    "-3 < {x} < 3 ? {g}*(1/6) : +0",
	Ref: plus3Clamped("x", "") + `
return t / 6`,
	GradRef: `const sixth float32 = 1.0 / 6 // 0x3e2aaaab
if x > -3 && x < 3 {
	return float32(g * sixth)
}
return 0`,
	API: map[Shape]string{
		Forward: `HardSigmoid sets dst[i] to relu6(src[i]+3)/6, as PyTorch's Hardsigmoid
computes it (not Keras' or ONNX's hard_sigmoid, whose slope is 0.2). As a
Go loop:

	for i, x := range src {
` + plus3Clamped("x", "\t\t") + `
		dst[i] = t / 6 // one binary32 division
	}

dst and src must have the same length; dst may be src itself.`,
		Grad: `HardSigmoidGrad sets dst[i] to grad[i]*(1/6) where -3 < x[i] < 3 and to +0
elsewhere, a NaN x[i] included: the gradient of HardSigmoid at x, given the
upstream gradient grad, as PyTorch's hardsigmoid_backward. As a Go loop:

	const sixth float32 = 1.0 / 6 // rounded to float32, 0x3e2aaaab
	for i := range dst {
		if x[i] > -3 && x[i] < 3 {
			dst[i] = grad[i] * sixth // one binary32 multiplication
		} else {
			dst[i] = 0 // +0
		}
	}

x is the forward input: the output would not do. All three slices must
have the same length; dst may be grad or x itself.`,
		BiasForward: `BiasHardSigmoid sets dst to HardSigmoid(src + bias), the bias broadcast
over the rows. As a Go loop:

	cols := len(bias)
	for i, s := range src {
		z := s + bias[i%cols] // one binary32 addition
` + plus3Clamped("z", "\t\t") + `
		dst[i] = t / 6 // one binary32 division
	}

dst may be src itself; bias must not overlap dst.`,
		GradBias: `HardSigmoidGradBias sets dst to HardSigmoidGrad(grad, y) and adds each
column's sum of dst to dbias, in blocks of BlockRows rows. As a Go loop:

	const sixth float32 = 1.0 / 6 // rounded to float32, 0x3e2aaaab
	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		d := float32(0) // +0
		if y[i] > -3 && y[i] < 3 {
			d = grad[i] * sixth // one binary32 multiplication
		}
		dst[i] = d
` + blockSumLoop + fromInputTail,
	},
	Forward: func(l Lane, x Value, _ []Value) Value {
		six := l.Const(sixBits)
		t := l.Add(x, l.Const(threeBits))
		low, high := l.LE0(t), l.Compare(GE, t, six)
		return l.Div(l.ZeroWhere(low, l.Select(high, six, t)), six)
	},
	// |x| < 3 is -3 < x < 3, false for NaN, which a select of +0 where it
	// fails turns into +0 as PyTorch's comparisons do. The lane
	// operations have no unordered comparison, so that +0 is made (0*0)
	// rather than zeroed in.
	Grad: func(l Lane, g, x Value, _, _ []Value) Value {
		inside := l.Compare(LT, l.Abs(x), l.Const(threeBits))
		d := l.MulInPlace(g, l.Const(sixthBits))
		return l.Select(inside, d, l.Mul(l.Const(0), l.Const(0)))
	},
}

// fromInputTail ends the GradBias doc of an activation whose gradient needs
// the forward input (HardSigmoid, HardSwish).
const fromInputTail = `
y is the pre-activation z, not the forward output. dst may be grad or y
itself; dbias must not overlap any other argument. dbias is added to: zero
it first for a plain sum.`

// plus3Clamped is the start of HardSigmoid's and HardSwish's loops, as Go
// lines with the given indent: t = relu6(x+3), NaN passed through.
func plus3Clamped(x, indent string) string {
	return strings.NewReplacer("{x}", x, "\n", "\n"+indent).Replace(indent + `t := {x} + 3 // one binary32 addition
if t <= 0 {
	t = 0
} else if t >= 6 {
	t = 6
} // a NaN passes through`)
}

const (
	threeBits  = 0x40400000 // 3.0's bits
	minusThree = 0xc0400000 // -3.0's bits
	sixthBits  = 0x3e2aaaab // float32(1.0/6)'s bits
	halfBits   = 0x3f000000 // 0.5's bits
	minusZero  = 0x80000000 // -0's bits
)
