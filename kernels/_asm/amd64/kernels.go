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
