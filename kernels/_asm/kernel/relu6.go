package kernel

// ReLU6: ReLU capped at 6 (PyTorch's ReLU6, Keras' relu with max_value=6,
// ONNX's Clip(0, 6) after a Relu), the activation of MobileNet. Selects
// only, so every output is an input's bits or a constant: NaN passes
// through, -0 becomes +0 as for ReLU, and the gradient passes grad only
// strictly inside (0, 6), as PyTorch's hardtanh_backward does.
var relu6 = Activation{
	Name: "ReLU6", Func: "relu6",
	Text: "relu6", Aliases: []string{"ReLU6"},
	Doc:     "m({x}) ? +0 : {x} >= 6 ? 6 : {x}",
	GradDoc: "m({x}) or {x} >= 6 ? +0 : {g}",
	Ref: `if x <= 0 {
	return 0
}
if x >= 6 {
	return 6
}
return x`,
	GradRef: `if x <= 0 || x >= 6 {
	return 0
}
return g`,
	FromOutput: "true",
	API: map[Shape]string{
		Forward: `ReLU6 sets dst[i] to src[i] clamped to [0, 6], NaN passed through: the
activation of MobileNet, as PyTorch's ReLU6. As a Go loop:

	for i, x := range src {
		switch {
		case x <= 0:
			dst[i] = 0 // +0, also for x = -0
		case x >= 6:
			dst[i] = 6
		default:
			dst[i] = x // exact bits, NaNs included
		}
	}

dst and src must have the same length; dst may be src itself.`,
		Grad: `ReLU6Grad sets dst[i] to grad[i] where 0 < x[i] < 6 or x[i] is NaN, and
to +0 elsewhere: the gradient of ReLU6 at x, given the upstream gradient
grad. As a Go loop:

	for i := range dst {
		if x[i] <= 0 || x[i] >= 6 {
			dst[i] = 0 // +0; the gradient at x = 0 and x = 6 is 0
		} else {
			dst[i] = grad[i] // exact bits, NaNs included
		}
	}

x may be the forward output ReLU6(x) instead of the input: the result is
the same. All three slices must have the same length; dst may be grad or x
itself.`,
		BiasForward: `BiasReLU6 sets dst to ReLU6(src + bias), the bias broadcast over the rows.
As a Go loop:

	cols := len(bias)
	for i, s := range src {
		z := s + bias[i%cols] // one binary32 addition
		switch {
		case z <= 0:
			dst[i] = 0 // +0
		case z >= 6:
			dst[i] = 6
		default:
			dst[i] = z // exact bits, NaNs included
		}
	}

dst may be src itself; bias must not overlap dst.`,
		GradBias: `ReLU6GradBias sets dst to ReLU6Grad(grad, y) and adds each column's sum of
dst to dbias, in blocks of BlockRows rows. As a Go loop:

	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		d := grad[i] // exact bits, NaNs included
		if y[i] <= 0 || y[i] >= 6 {
			d = 0 // +0
		}
		dst[i] = d
` + blockSumLoop + `
y is the forward output ReLU6(z) or the pre-activation z: the result is
the same. dst may be grad or y itself; dbias must not overlap any other
argument. dbias is added to: zero it first for a plain sum.`,
	},
	// Both masks first: the select writes x's register.
	Forward: func(l Lane, x Value, _ []Value) Value {
		six := l.Const(sixBits)
		low, high := l.LE0(x), l.Compare(GE, x, six)
		return l.ZeroWhere(low, l.Select(high, six, x))
	},
	Grad: func(l Lane, g, x Value, _, _ []Value) Value {
		six := l.Const(sixBits)
		low, high := l.LE0(x), l.Compare(GE, x, six)
		return l.ZeroWhere(low, l.ZeroWhere(high, g))
	},
}

const sixBits = 0x40c00000 // 6.0's bits
