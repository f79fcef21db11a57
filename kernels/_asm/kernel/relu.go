package kernel

// m(v) in the docs is v <= 0, ordered: false for NaN, true for -0 and +0.

// ReLU: max(x, 0) as a select, so that NaN passes through with its bits and
// -0 becomes +0; the gradient passes grad where x > 0 (or x is NaN) and +0
// elsewhere.
var relu = Activation{
	Name: "ReLU", Func: "relu",
	Text: "relu", Aliases: []string{"ReLU"},
	ParseHint:  "for a negative slope use leaky_relu(alpha)",
	FromOutput: "true",
	Ref: `if x <= 0 {
	return 0
}
return x`,
	GradRef: `if x <= 0 {
	return 0
}
return g`,
	Doc:     "m({x}) ? +0 : {x}",
	GradDoc: "m({x}) ? +0 : {g}",
	API: map[Shape]string{
		Forward: `ReLU sets dst[i] to src[i] where src[i] > 0 or is NaN, and to +0
elsewhere. As a Go loop:

	for i, x := range src {
		if x <= 0 {
			dst[i] = 0 // +0, also for x = -0
		} else {
			dst[i] = x // exact bits, NaNs included
		}
	}

dst and src must have the same length; dst may be src itself.`,
		Grad: `ReLUGrad sets dst[i] to grad[i] where x[i] > 0 or is NaN, and to +0
elsewhere: the gradient of ReLU at x, given the upstream gradient grad.
As a Go loop:

	for i := range dst {
		if x[i] <= 0 {
			dst[i] = 0 // +0; the gradient at x = 0 is 0
		} else {
			dst[i] = grad[i] // exact bits, NaNs included
		}
	}

x may be the forward output ReLU(x) instead of the input: the result is
the same. All three slices must have the same length; dst may be grad or x
itself.`,
		BiasForward: `BiasReLU sets dst to ReLU(src + bias), the bias broadcast over the rows.
As a Go loop:

	cols := len(bias)
	for i, s := range src {
		z := s + bias[i%cols] // one binary32 addition
		if z <= 0 {
			dst[i] = 0 // +0
		} else {
			dst[i] = z // exact bits, NaNs included
		}
	}

dst may be src itself; bias must not overlap dst.`,
		GradBias: `ReLUGradBias sets dst to ReLUGrad(grad, y) and adds each column's sum of
dst to dbias, in blocks of BlockRows rows. As a Go loop:

	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		d := grad[i] // exact bits, NaNs included
		if y[i] <= 0 {
			d = 0 // +0
		}
		dst[i] = d
` + blockSumLoop + `
y is the forward output ReLU(z) or the pre-activation z: the result is the
same. dst may be grad or y itself; dbias must not overlap any other
argument. dbias is added to: zero it first for a plain sum.`,
	},
	Forward: func(l Lane, x Value, _ []Value) Value {
		return l.ZeroWhere(l.LE0(x), x)
	},
	Grad: func(l Lane, g, x Value, _, _ []Value) Value {
		return l.ZeroWhere(l.LE0(x), g)
	},
}
