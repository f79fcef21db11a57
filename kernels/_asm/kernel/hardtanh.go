package kernel

// HardTanh: PyTorch's Hardtanh(min_val, max_val), its clamp as the CPU
// kernel computes it, max with lo first, then min with hi, each a select
// that keeps a NaN x (std::max and std::min with x first, and ATen's
// vectorized clamp, propagate it): lo > hi gives hi everywhere but NaN, as
// clamp does, and x = -0 with lo = +0 stays -0. The gradient is PyTorch's
// hardtanh_backward: grad strictly inside (lo, hi), +0 at and beyond the
// bounds, grad for a NaN x.
var hardTanh = Activation{
	Name: "HardTanh", Func: "hardTanh",
	Scalars: []string{"lo", "hi"},
	Text:    "hardtanh", Aliases: []string{"Hardtanh"},
	Keys:       [][]string{{"min_val", "lo"}, {"max_val", "hi"}},
	Defaults:   []string{"-1", "1"},
	FromOutput: "lo < hi",
	Doc:        "min(max({x}, lo), hi)",
	GradDoc:    "{x} <= lo or {x} >= hi ? +0 : {g}",
	Ref: `if x < lo {
	x = lo
}
if x > hi {
	x = hi
}
return x`,
	GradRef: `if x <= lo || x >= hi {
	return 0
}
return g`,
	API: map[Shape]string{
		Forward: `HardTanh sets dst[i] to src[i] clamped to [lo, hi], as PyTorch's
Hardtanh(min_val=lo, max_val=hi) (-1 and 1 by default there; ReLU6 is
HardTanh(0, 6) but for -0, which ReLU6 makes +0). As a Go loop:

	for i, x := range src {
		if x < lo {
			x = lo
		}
		if x > hi {
			x = hi
		}
		dst[i] = x // exact bits, NaNs included
	}

Any lo and hi are allowed: lo > hi gives hi (but for NaN), as PyTorch's
clamp does; a NaN bound is never taken. dst and src must have the same
length; dst may be src itself.`,
		Grad: `HardTanhGrad sets dst[i] to grad[i] where lo < x[i] < hi or x[i] is NaN,
and to +0 elsewhere: the gradient of HardTanh at x, given the upstream
gradient grad, as PyTorch's hardtanh_backward. As a Go loop:

	for i := range dst {
		if x[i] <= lo || x[i] >= hi {
			dst[i] = 0 // +0; the gradient at the bounds is 0
		} else {
			dst[i] = grad[i] // exact bits, NaNs included
		}
	}

With lo < hi, x may be the forward output HardTanh(x, lo, hi) instead of
the input: the result is the same. All three slices must have the same
length; dst may be grad or x itself.`,
		BiasForward: `BiasHardTanh sets dst to HardTanh(src + bias, lo, hi), the bias broadcast
over the rows. As a Go loop:

	cols := len(bias)
	for i, s := range src {
		z := s + bias[i%cols] // one binary32 addition
		if z < lo {
			z = lo
		}
		if z > hi {
			z = hi
		}
		dst[i] = z // exact bits, NaNs included
	}

dst may be src itself; bias must not overlap dst.`,
		GradBias: `HardTanhGradBias sets dst to HardTanhGrad(grad, y, lo, hi) and adds each
column's sum of dst to dbias, in blocks of BlockRows rows. As a Go loop:

	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		d := grad[i] // exact bits, NaNs included
		if y[i] <= lo || y[i] >= hi {
			d = 0 // +0
		}
		dst[i] = d
` + blockSumLoop + `
With lo < hi, y may be the forward output HardTanh(z, lo, hi) or the
pre-activation z: the result is the same. dst may be grad or y itself;
dbias must not overlap any other argument. dbias is added to: zero it
first for a plain sum.`,
	},
	// Both masks of the forward on x itself would differ from the clamp
	// where lo > hi: the second compare reads the first select's result.
	Forward: func(l Lane, x Value, p []Value) Value {
		t := l.Select(l.Compare(LT, x, p[0]), p[0], x)
		return l.Select(l.Compare(GT, t, p[1]), p[1], t)
	},
	Grad: func(l Lane, g, x Value, p, _ []Value) Value {
		low, high := l.Compare(LE, x, p[0]), l.Compare(GE, x, p[1])
		return l.ZeroWhere(low, l.ZeroWhere(high, g))
	},
}
