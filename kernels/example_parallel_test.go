package kernels_test

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels"
)

func ExampleParallel() {
	// One runner for the whole program: its goroutines wait for work
	// between calls. 0 workers means GOMAXPROCS.
	p := kernels.NewParallel(0)
	defer p.Close()

	// A large activation tensor: split across the workers, with the same
	// bits as kernels.LeakyReLU. A short one would run on this goroutine.
	x := make([]float32, 1<<20)
	for i := range x {
		x[i] = float32(i%5) - 2 // -2, -1, 0, 1, 2, ...
	}
	y := make([]float32, len(x))
	p.LeakyReLU(y, x, 0.1)

	grad := make([]float32, len(x))
	for i := range grad {
		grad[i] = 1
	}
	p.LeakyReLUGrad(grad, grad, y, 0.1) // in place, from the output
	fmt.Println(y[:5], grad[:5])
	// Output: [-0.2 -0.1 0 1 2] [0.1 0.1 0.1 1 1]
}

func ExampleParallel_layer() {
	p := kernels.NewParallel(0)
	defer p.Close()

	// A dense layer's activation, forward and backward, on a batch of 512
	// rows of 2048 features: split by rows forward, by column ranges for
	// the bias gradient, with the same bits as the package functions.
	const rows, cols = 512, 2048
	z := make([]float32, rows*cols) // x·W
	for i := range z {
		z[i] = float32(i%cols%5) - 2 // -2, -1, 0, 1, 2, ... in every row
	}
	bias := make([]float32, cols)
	for j := range bias {
		bias[j] = 0.5
	}
	y := make([]float32, len(z))
	p.BiasLeakyReLU(y, z, bias, 0.1)

	dy := make([]float32, len(y))
	for i := range dy {
		dy[i] = 1
	}
	dbias := make([]float32, cols)             // zero: a plain sum over the rows, in row order
	p.LeakyReLUGradBias(dy, dbias, dy, y, 0.1) // in place, from the output
	fmt.Println(y[:5], dy[:5], dbias[:5])
	// Output: [-0.15 -0.05 0.5 1.5 2.5] [0.1 0.1 1 1 1] [51.19979 51.19979 512 512 512]
}
