package main

// The kernels: one description each. The shapes (body, whole vectors, the
// exact overlapping tails, the small-n paths, streaming, the entry points)
// come from shape.go for every description, at every width.

// A Kernel is one function of the package, in every instruction set: the
// emitted functions are Name+"AVX2", Name+"AVX512", the same with "Stream",
// and the entry points Name and Name+"Stream", which fall back to
// Name+"Generic" (generic.go in package kernels).
type Kernel struct {
	Name string
	// Inputs are the []float32 parameters after dst, in order, each as
	// long as dst; the lane operation sees one vector of each.
	Inputs []string
	// Scalars are the float32 parameters after the slices, broadcast to
	// every lane once per call.
	Scalars []string
	// Doc says what dst[i] is, for the comments.
	Doc string
	// Op computes one vector of dst from one vector of each input.
	Op func(l *Lane) Vec
	// Forms are faster lane operations that are exact only for some values
	// of a scalar. Each call tests the scalar once at entry and runs the
	// whole kernel (every shape, with its own copy of the code) with the
	// first form whose When holds, or with Op when none does.
	Forms []Form

	// The layer kernels only (layerKernels, rows.go): dst, and the inputs
	// not in PerCol, are row-major matrices with cols = the length of the
	// first of PerCol; the inputs in PerCol (bias, slope, dbias, dslope)
	// are one row long, read again for every row.
	PerCol []string
	// Acc is the input of PerCol the lane operation updates in its
	// register (dbias, dslope): the shape stores it back after every
	// vector, so that every column takes its rows in order. "" if none.
	Acc string
}

// A Form is a lane operation selected per call.
type Form struct {
	Name string // the suffix of its labels
	When Bits   // the calls it is exact for
	Op   func(l *Lane) Vec
	// Vectors per iteration of the body; 0 for bodyFloats' worth.
	Vectors int
}

// Bits holds when the bits of scalar Scalar, as an unsigned integer, are
// in [Lo, Hi]: for positive floats, an interval of values.
type Bits struct {
	Scalar int
	Lo, Hi uint32
}

// m(v) in the docs is v <= 0, ordered: false for NaN, true for -0 and +0.
var kernels = []Kernel{
	{
		Name:   "relu",
		Inputs: []string{"src"},
		Doc:    "dst[i] = m(src[i]) ? +0 : src[i]",
		Op: func(l *Lane) Vec {
			v := l.In(0)
			return l.ZeroWhere(l.LE0(v), v)
		},
	},
	{
		Name:    "leakyReLU",
		Inputs:  []string{"src"},
		Scalars: []string{"alpha"},
		Doc:     "dst[i] = m(src[i]) ? alpha*src[i] : src[i]",
		Op: func(l *Lane) Vec {
			v := l.In(0)
			return l.MulWhere(l.LE0(v), v, l.Scalar(0))
		},
		// alpha*x is between x and 0 (max) or beyond x (min), rounded
		// towards x or onto it: see header.go. 8 ZMM per iteration measured
		// faster than 4 (Raptor Cove); 8 YMM is the AVX2 default.
		Forms: []Form{
			{Name: "max", When: Bits{0, 0x00000001, 0x3f800000}, Vectors: 8, // 0 < alpha <= 1
				Op: func(l *Lane) Vec { return l.Max(l.Mul(l.In(0), l.Scalar(0)), l.In(0)) }},
			{Name: "min", When: Bits{0, 0x3f800000, 0x7f7fffff}, Vectors: 8, // 1 <= alpha < +Inf
				Op: func(l *Lane) Vec { return l.Min(l.Mul(l.In(0), l.Scalar(0)), l.In(0)) }},
		},
	},
	{
		Name:   "reluGrad",
		Inputs: []string{"grad", "x"},
		Doc:    "dst[i] = m(x[i]) ? +0 : grad[i]",
		Op: func(l *Lane) Vec {
			return l.ZeroWhere(l.LE0(l.In(1)), l.In(0))
		},
	},
	{
		Name:    "leakyReLUGrad",
		Inputs:  []string{"grad", "x"},
		Scalars: []string{"alpha"},
		Doc:     "dst[i] = m(x[i]) ? alpha*grad[i] : grad[i]",
		Op: func(l *Lane) Vec {
			return l.MulWhere(l.LE0(l.In(1)), l.In(0), l.Scalar(0))
		},
	},
}

// The layer kernels: dst and the row inputs are row-major matrices, cols
// = len(bias), len(dbias) or len(slope); the shapes are in rows.go. The sums
// take their rows in order: each vector adds one row's values to the
// columns' accumulators, loaded and stored back around it (in L1 for cols up
// to several thousand).
//
// NaN operands, where IEEE 754 leaves the result open: every addition has
// the running sum (or src) as its first source operand, every product that
// may see two NaNs (alpha*grad, slope*grad) grad, as LeakyReLUGrad's does.
var layerKernels = []Kernel{
	{
		Name:   "biasReLU",
		Inputs: []string{"src", "bias"},
		PerCol: []string{"bias"},
		Doc:    "z = src[i] + bias[j]; dst[i] = m(z) ? +0 : z (j = i % len(bias))",
		Op: func(l *Lane) Vec {
			z := l.Add(l.In(0), l.In(1))
			return l.ZeroWhere(l.LE0(z), z)
		},
	},
	{
		Name:    "biasLeakyReLU",
		Inputs:  []string{"src", "bias"},
		Scalars: []string{"alpha"},
		PerCol:  []string{"bias"},
		Doc:     "z = src[i] + bias[j]; dst[i] = m(z) ? alpha*z : z (j = i % len(bias))",
		Op: func(l *Lane) Vec {
			z := l.Add(l.In(0), l.In(1))
			return l.MulWhere(l.LE0(z), z, l.Scalar(0))
		},
	},
	{
		Name:   "reluGradBias",
		Inputs: []string{"dbias", "grad", "y"},
		PerCol: []string{"dbias"},
		Acc:    "dbias",
		Doc:    "dst[i] = m(y[i]) ? +0 : grad[i]; dbias[j] += dst[i], rows in order (j = i % len(dbias))",
		Op: func(l *Lane) Vec {
			d := l.ZeroWhere(l.LE0(l.In(2)), l.In(1))
			l.Add(l.In(0), d)
			return d
		},
	},
	{
		Name:    "leakyReLUGradBias",
		Inputs:  []string{"dbias", "grad", "y"},
		Scalars: []string{"alpha"},
		PerCol:  []string{"dbias"},
		Acc:     "dbias",
		Doc:     "dst[i] = m(y[i]) ? alpha*grad[i] : grad[i]; dbias[j] += dst[i], rows in order (j = i % len(dbias))",
		Op: func(l *Lane) Vec {
			d := l.MulWhere(l.LE0(l.In(2)), l.In(1), l.Scalar(0))
			l.Add(l.In(0), d)
			return d
		},
	},
	{
		Name:   "prelu",
		Inputs: []string{"src", "slope"},
		PerCol: []string{"slope"},
		Doc:    "dst[i] = m(src[i]) ? slope[j]*src[i] : src[i] (j = i % len(slope))",
		Op: func(l *Lane) Vec {
			v := l.In(0)
			return l.MulWhere(l.LE0(v), v, l.In(1))
		},
	},
	{
		Name:   "preluGrad",
		Inputs: []string{"dslope", "grad", "x", "slope"},
		PerCol: []string{"dslope", "slope"},
		Acc:    "dslope",
		Doc: "dst[i] = m(x[i]) ? slope[j]*grad[i] : grad[i]; " +
			"dslope[j] += x[i]*grad[i] where m(x[i]), rows in order (j = i % len(slope))",
		Op: func(l *Lane) Vec {
			acc, g, x := l.In(0), l.In(1), l.In(2)
			m := l.LE0(x)
			l.AddWhere(m, acc, l.MulInPlace(x, g)) // x is not NaN where it is added
			return l.MulWhere(m, g, l.In(3))
		},
	},
}
