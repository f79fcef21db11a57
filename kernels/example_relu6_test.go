package kernels_test

import (
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/kernels"
)

func ExampleReLU6() {
	x := []float32{-2, float32(math.Copysign(0, -1)), 3.5, 6, 1e9, float32(math.NaN())}
	kernels.ReLU6(x, x)
	fmt.Println(x, math.Signbit(float64(x[1])))
	// Output: [0 0 3.5 6 6 NaN] false
}

func ExampleReLU6Grad() {
	// The gradient is taken from the forward output: the contract allows it.
	y := []float32{-1, 0, 3, 6, 9}
	kernels.ReLU6(y, y)
	grad := []float32{1, 1, 1, 1, 1}
	kernels.ReLU6Grad(grad, grad, y)
	fmt.Println(y, grad)
	// Output: [0 0 3 6 6] [0 0 1 0 0]
}

func ExampleBiasReLU6() {
	src := []float32{ // 2 rows, 3 columns
		-1, 2, 5,
		1, 4, 7,
	}
	bias := []float32{0.5, 0.5, 0.5}
	dst := make([]float32, len(src))
	kernels.BiasReLU6(dst, src, bias)
	fmt.Println(dst)
	// Output: [0 2.5 5.5 1.5 4.5 6]
}

func ExampleReLU6GradBias() {
	grad := []float32{1, 2, 3, 4}
	y := []float32{0, 3, 6, 5} // 2 rows, 2 columns: the forward output
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.ReLU6GradBias(dst, dbias, grad, y)
	fmt.Println(dst, dbias)
	// Output: [0 2 0 4] [0 6]
}

func ExampleReLU6Activation() {
	a, err := kernels.ParseActivation("ReLU6")
	fmt.Println(a, err, a == kernels.ReLU6Activation(), a.GradientFromOutput())
	// Output: relu6 <nil> true true
}

func ExampleParallel_ReLU6() {
	p := kernels.NewParallel(2)
	defer p.Close()
	x := []float32{-1, 2, 7, 5}
	dst := make([]float32, len(x))
	p.ReLU6(dst, x)
	grad := []float32{1, 1, 1, 1}
	p.ReLU6Grad(grad, grad, x)
	bias := []float32{1, 1}
	p.BiasReLU6(dst, x, bias) // 2 rows, 2 columns
	dbias := make([]float32, 2)
	p.ReLU6GradBias(grad, dbias, grad, dst)
	fmt.Println(dst, grad, dbias)
	// Output: [0 3 6 6] [0 1 0 0] [0 1]
}
