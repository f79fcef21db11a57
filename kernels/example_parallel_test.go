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
