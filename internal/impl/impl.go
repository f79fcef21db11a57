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
}

var table []Impl

// Set records the table; package kernels calls it once, from its init.
func Set(t []Impl) { table = t }

// All returns every row compiled into this build, best first, the generic
// row last; rows this CPU cannot run have Available false. Import package
// kernels (which fills the table) before calling it.
func All() []Impl { return table }
