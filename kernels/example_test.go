package kernels_test

import (
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/kernels"
)

func ExampleReLU() {
	x := []float32{-2, float32(math.Copysign(0, -1)), 0, 0.5, float32(math.NaN())}
	y := make([]float32, len(x))
	kernels.ReLU(y, x)
	fmt.Println(y, math.Signbit(float64(y[1])))
	// Output: [0 0 0 0.5 NaN] false
}

func ExampleLeakyReLU() {
	x := []float32{-2, -1, 0, 3}
	kernels.LeakyReLU(x, x, 0.1) // in place
	fmt.Println(x)
	// Output: [-0.2 -0.1 0 3]
}

func ExampleReLUGrad() {
	x := []float32{-1, 0, 2}
	grad := []float32{5, 5, 5}
	dx := make([]float32, len(x))
	kernels.ReLUGrad(dx, grad, x)
	fmt.Println(dx)
	// Output: [0 0 5]
}

func ExampleLeakyReLUGrad() {
	// A training step in place: the pre-activations are overwritten by the
	// activations, and the gradient is taken from the activations, which the
	// contract allows for a finite alpha > 0.
	h := []float32{-3, 0, 4}
	kernels.LeakyReLU(h, h, 0.2)
	grad := []float32{1, 1, 1}
	kernels.LeakyReLUGrad(grad, grad, h, 0.2)
	fmt.Println(h, grad)
	// Output: [-0.6 0 4] [0.2 0.2 1]
}

func ExampleImplementation() {
	name := kernels.Implementation()
	fmt.Println(name == "avx512" || name == "avx2" || name == "neon" || name == "rvv" || name == "generic")
	// Output: true
}
