package kernel

// LeakyReLU: x where x > 0 (or x is NaN, its bits kept), alpha·x elsewhere;
// the gradient alpha·grad where m(x), grad elsewhere. The product has the
// argument first (with two NaNs, x's or grad's on amd64; each backend keeps
// its own order, as the generic code compiles it). PReLU is the same with
// one alpha per column, the slope, whose gradient sums x·grad over the rows
// where m(x).
var leakyReLU = Activation{
	Name: "LeakyReLU", Func: "leakyReLU",
	Scalars: []string{"alpha"},
	Text:    "leaky_relu", Aliases: []string{"LeakyReLU"},
	Keys:       [][]string{{"alpha", "negative_slope"}},
	Defaults:   []string{"DefaultLeakyReLUAlpha"},
	FromOutput: "alpha > 0 && alpha <= math.MaxFloat32",
	Ref: `if x <= 0 {
	return float32(alpha * x)
}
return x`,
	GradRef: `if x <= 0 {
	return float32(alpha * g)
}
return g`,
	Doc:          "m({x}) ? {a}*{x} : {x}",
	GradDoc:      "m({x}) ? {a}*{g} : {g}",
	ParamGradDoc: "{d} += {x}*{g} where m({x})",
	PerColumn:    "prelu", PerColumnName: "PReLU", Param: "slope",
	API: map[Shape]string{
		Forward: `LeakyReLU sets dst[i] to src[i] where src[i] > 0 or is NaN, and to
alpha*src[i] elsewhere. As a Go loop:

	for i, x := range src {
		if x <= 0 {
			dst[i] = alpha * x // one binary32 multiplication
		} else {
			dst[i] = x // exact bits, NaNs included
		}
	}

dst and src must have the same length; dst may be src itself.`,
		Grad: `LeakyReLUGrad sets dst[i] to grad[i] where x[i] > 0 or is NaN, and to
alpha*grad[i] elsewhere: the gradient of LeakyReLU at x, given the
upstream gradient grad. As a Go loop:

	for i := range dst {
		if x[i] <= 0 {
			dst[i] = alpha * grad[i] // one binary32 multiplication
		} else {
			dst[i] = grad[i] // exact bits, NaNs included
		}
	}

With a finite alpha > 0, x may be the forward output LeakyReLU(x, alpha)
instead of the input: the result is the same. All three slices must have
the same length; dst may be grad or x itself.`,
		BiasForward: `BiasLeakyReLU sets dst to LeakyReLU(src + bias, alpha), the bias
broadcast over the rows. As a Go loop:

	cols := len(bias)
	for i, s := range src {
		z := s + bias[i%cols] // one binary32 addition
		if z <= 0 {
			dst[i] = alpha * z // one binary32 multiplication
		} else {
			dst[i] = z // exact bits, NaNs included
		}
	}

dst may be src itself; bias must not overlap dst.`,
		GradBias: `LeakyReLUGradBias sets dst to LeakyReLUGrad(grad, y, alpha) and adds each
column's sum of dst to dbias, in blocks of BlockRows rows. As a Go loop:

	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		d := grad[i] // exact bits, NaNs included
		if y[i] <= 0 {
			d = alpha * grad[i] // one binary32 multiplication
		}
		dst[i] = d
` + blockSumLoop + `
With a finite alpha > 0, y may be the forward output LeakyReLU(z, alpha)
instead of the pre-activation z: the result is the same; with any other
alpha, pass z. dst may be grad or y itself; dbias must not overlap any
other argument. dbias is added to: zero it first for a plain sum.`,
		PerColumn: `PReLU is LeakyReLU with one learned slope per column (He et al. 2015, as
in PyTorch's PReLU with num_parameters = channels, Keras' PReLU with
shared_axes over the rows, and ONNX's PRelu with the slope broadcast along
the last axis). As a Go loop:

	cols := len(slope)
	for i, x := range src {
		if x <= 0 {
			dst[i] = slope[i%cols] * x // one binary32 multiplication
		} else {
			dst[i] = x // exact bits, NaNs included
		}
	}

dst may be src itself; slope must not overlap dst.`,
		PerColumnGrad: `PReLUGrad sets dst to the gradient of PReLU with respect to its input x,
and adds to dslope the gradient with respect to the slopes, in blocks of
BlockRows rows. As a Go loop:

	cols := len(slope)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		j := i % cols
		if i/cols%BlockRows == 0 {
			s[j] = float32(math.Copysign(0, -1)) // a block starts from -0
		}
		if x[i] <= 0 {
			p := x[i] * grad[i] // computed before dst[i] is written
			dst[i] = slope[j] * grad[i]
			s[j] += p // rows in order; other rows add nothing
		} else {
			dst[i] = grad[i] // exact bits, NaNs included
		}
		if i/cols%BlockRows == BlockRows-1 || i+cols >= len(dst) {
			dslope[j] += s[j] // one binary32 addition, blocks in order
		}
	}

x is PReLU's input (the forward output would not do: the slope gradient is
x*grad). dst may be grad or x itself; slope must not overlap dst, and
dslope no other argument. dslope is added to: zero it first for a plain
sum.`,
	},
	Forward: func(l Lane, x Value, p []Value) Value {
		return l.MulWhere(l.LE0(x), x, p[0])
	},
	Grad: func(l Lane, g, x Value, p, dp []Value) Value {
		m := l.LE0(x)
		if dp != nil {
			// x is not NaN where it is added (m(x) holds), and not needed
			// after the product.
			l.AddWhere(m, dp[0], l.MulInPlace(x, g))
		}
		return l.MulWhere(m, g, p[0])
	},
	// alpha·x lies between x and 0 (max) or beyond x (min), rounded
	// towards x or onto it: see amd64/header.go. Eight vectors per
	// iteration of the body.
	Forms: []ActivationForm{
		{Name: "max", When: Bits{0, 0x00000001, 0x3f800000}, Vectors: 8, // 0 < alpha <= 1
			Forward: func(l Lane, x Value, p []Value) Value { return l.Max(l.Mul(x, p[0]), x) }},
		{Name: "min", When: Bits{0, 0x3f800000, 0x7f7fffff}, Vectors: 8, // 1 <= alpha < +Inf
			Forward: func(l Lane, x Value, p []Value) Value { return l.Min(l.Mul(x, p[0]), x) }},
	},
}
