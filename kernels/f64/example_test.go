package f64_test

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels/f64"
)

func ExampleLeakyReLU() {
	x := []float64{-2, -0.5, 0, 1.5, 3}
	y := make([]float64, len(x))
	f64.LeakyReLU(y, x, 0.1)
	fmt.Println(y)
	// Output: [-0.2 -0.05 0 1.5 3]
}

func ExampleBiasReLU() {
	// Two rows of three columns, a bias per column.
	z := []float64{1, -2, 3, -4, 5, -6}
	bias := []float64{0.5, 0.5, 10}
	y := make([]float64, len(z))
	f64.BiasReLU(y, z, bias)
	fmt.Println(y)
	// Output: [1.5 0 13 0 5.5 4]
}

func ExampleParseActivation() {
	a, err := f64.ParseActivation("leaky_relu(negative_slope=0.2)")
	if err != nil {
		panic(err)
	}
	y := make([]float64, 2)
	a.Forward(y, []float64{-1, 1})
	fmt.Println(a, a.Alpha(), y)
	// Output: leaky_relu(0.2) 0.2 [-0.2 1]
}
