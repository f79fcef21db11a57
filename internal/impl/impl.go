// Package impl holds the table of kernel implementations that package kernels
// compiles in, so that the tests, fuzz targets and benchmarks of every package
// in this module can walk each path by name. It is internal: users call the
// public functions of package kernels, which pick one path once, at start-up.
package impl

// Impl is one row of the table: a named code path and its four kernels.
//
// The kernels take valid arguments only: slices of equal length, dst either
// identical to an input or disjoint from it. The public functions of package
// kernels check that before they dispatch; callers of a row must do the same.
type Impl struct {
	Name      string // the FASTRELU_ISA value that selects it: "avx512", "avx2", "neon", "generic"
	Available bool   // whether this CPU and OS can run it
	Missing   string // when !Available: what the CPU or OS lacks

	ReLU          func(dst, src []float32)
	LeakyReLU     func(dst, src []float32, alpha float32)
	ReLUGrad      func(dst, grad, x []float32)
	LeakyReLUGrad func(dst, grad, x []float32, alpha float32)

	// The layer kernels (row-major matrices, cols = len(bias), len(dbias),
	// len(slope)). They take valid arguments only, as checked by the public
	// functions: len(src) a multiple of cols, cols >= 1 when rows >= 1,
	// dst identical to or disjoint from each input, and bias, slope, dbias
	// and dslope disjoint from dst (dbias and dslope from every argument).
	// A row without vector versions of them yet leaves them nil; callers
	// skip such a row for these six.
	BiasReLU          func(dst, src, bias []float32)
	BiasLeakyReLU     func(dst, src, bias []float32, alpha float32)
	ReLUGradBias      func(dst, dbias, grad, y []float32)
	LeakyReLUGradBias func(dst, dbias, grad, y []float32, alpha float32)
	PReLU             func(dst, src, slope []float32)
	PReLUGrad         func(dst, dslope, grad, x, slope []float32)
}

var table []Impl

// Set records the table; package kernels calls it once, from its init.
func Set(t []Impl) { table = t }

// All returns every row compiled into this build, best first, the generic
// row last; rows this CPU cannot run have Available false. Import package
// kernels (which fills the table) before calling it.
func All() []Impl { return table }
