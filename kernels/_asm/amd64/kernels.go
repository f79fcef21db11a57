package main

// The kernels: one description each. The shapes (body, whole vectors, the
// exact overlapping tails, the small-n paths, streaming, the entry points)
// come from shape.go for every description, at every width.

// A Kernel is one function of the package, in every instruction set: the
// emitted functions are Name+"AVX2", Name+"AVX512", the same with "Stream",
// and the entry points Name+"Asm" and Name+"StreamAsm", which fall back to
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
