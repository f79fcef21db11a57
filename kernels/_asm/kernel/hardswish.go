package kernel

// HardSwish: PyTorch's Hardswish, x*relu6(x+3)/6, as its CPU kernel
// computes it in binary32 (Howard et al. 2019, MobileNetV3): one addition,
// a clamp that passes NaN through, one multiplication by x, one division.
// One input differs from PyTorch: -Inf, where x*0 is NaN, gives -0, the
// value of every other x <= -3. PyTorch's product also overflows above
// MaxFloat32/6, and its two roundings make x*6/6 differ from x for many
// x >= 3: both are kept, so that the bits are PyTorch's.
//
// The gradient is PyTorch's hardswish_backward: +0 below -3, grad*(x/3 +
// 1/2) on [-3, 3] (its values at the kinks, -grad/2 and 3*grad/2), grad
// above 3 and for a NaN x (both of PyTorch's comparisons fail).
var hardSwish = Activation{
	Name: "HardSwish", Func: "hardSwish",
	Text: "hardswish", Aliases: []string{"Hardswish", "hard_silu"},
	FromOutput: "false",
	Doc:        "{x} <= -3 ? -0 : {x}*relu6({x}+3)/6",
	GradDoc:    "{x} < -3 ? +0 : {x} <= 3 ? {g}*({x}/3+0.5) : {g}",
	Ref: plus3Clamped("x", "") + `
if x <= -3 {
	return float32(math.Copysign(0, -1))
}
return float32(x*t) / 6`,
	GradRef: `if x < -3 {
	return 0
}
if x <= 3 {
	return float32(g * float32(x/3+0.5))
}
return g`,
	API: map[Shape]string{
		Forward: `HardSwish sets dst[i] to src[i]*relu6(src[i]+3)/6, as PyTorch's
Hardswish computes it in binary32, and to -0 for src[i] <= -3, -Inf
included (where PyTorch's -Inf*0 gives NaN). As a Go loop:

	for i, x := range src {
` + plus3Clamped("x", "\t\t") + `
		if x <= -3 {
			dst[i] = float32(math.Copysign(0, -1)) // -0
		} else {
			dst[i] = x * t / 6 // one binary32 multiplication, then one division
		}
	}

Every other output is PyTorch's bits, so HardSwish(x) is x*6/6 rounded
twice for x >= 3 (not always x), and +Inf above MaxFloat32/6. dst and src
must have the same length; dst may be src itself.`,
		Grad: `HardSwishGrad sets dst[i] to the gradient of HardSwish at x[i] times
grad[i], as PyTorch's hardswish_backward: +0 below -3, grad*(x/3 + 0.5) on
[-3, 3], grad above 3 or where x[i] is NaN. As a Go loop:

	for i := range dst {
		switch x := x[i]; {
		case x < -3:
			dst[i] = 0 // +0
		case x <= 3:
			dst[i] = grad[i] * (x/3 + 0.5) // binary32 division, addition, multiplication
		default:
			dst[i] = grad[i] // exact bits, NaNs included
		}
	}

x is the forward input: the output would not do. All three slices must
have the same length; dst may be grad or x itself.`,
		BiasForward: `BiasHardSwish sets dst to HardSwish(src + bias), the bias broadcast over
the rows. As a Go loop:

	cols := len(bias)
	for i, s := range src {
		z := s + bias[i%cols] // one binary32 addition
` + plus3Clamped("z", "\t\t") + `
		if z <= -3 {
			dst[i] = float32(math.Copysign(0, -1)) // -0
		} else {
			dst[i] = z * t / 6 // one binary32 multiplication, then one division
		}
	}

dst may be src itself; bias must not overlap dst.`,
		GradBias: `HardSwishGradBias sets dst to HardSwishGrad(grad, y) and adds each
column's sum of dst to dbias, in blocks of BlockRows rows. As a Go loop:

	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		d := grad[i] // exact bits, NaNs included
		if y[i] < -3 {
			d = 0 // +0
		} else if y[i] <= 3 {
			d = grad[i] * (y[i]/3 + 0.5) // binary32 division, addition, multiplication
		}
		dst[i] = d
` + blockSumLoop + fromInputTail,
	},
	// (0*0 + x) + 3 is x+3 in a register of its own, x kept for the
	// product, without a constant 1 (the amd64 bias kernel has registers
	// for three constants only): 0*0 is +0, +0 + x is x but for x = -0,
	// whose sum with 3 is 3 all the same, and a NaN x gives its own quiet
	// NaN either way. x+3 <= 0 holds exactly where x <= -3 (-3 is a
	// float32, and x+3 rounds to 0 only when it is 0), where the select of
	// -0 replaces the product, so the clamp needs no lower bound. t*x is x*t: they differ at most in which
	// of two NaNs wins, and a NaN t is x's own NaN.
	Forward: func(l Lane, x Value, _ []Value) Value {
		six := l.Const(sixBits)
		t := l.Add(l.Add(l.Mul(l.Const(0), l.Const(0)), x), l.Const(threeBits))
		high, low := l.Compare(GE, t, six), l.LE0(t)
		q := l.Div(l.MulInPlace(l.Select(high, six, t), x), six)
		return l.Select(low, l.Const(minusZero), q)
	},
	// s is a number wherever the select takes the product (x <= 3), so
	// the product meets at most one NaN there.
	Grad: func(l Lane, g, x Value, _, _ []Value) Value {
		below, inside := l.Compare(LT, x, l.Const(minusThree)), l.Compare(LE, x, l.Const(threeBits))
		s := l.Add(l.Div(x, l.Const(threeBits)), l.Const(halfBits))
		return l.ZeroWhere(below, l.Select(inside, l.MulInPlace(s, g), g))
	},
}
