package kernels_test

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels"
)

// The first three columns of a 2×5 matrix: a view with a row stride of 5.
func view3of5(data []float32) kernels.Matrix {
	return kernels.Matrix{Rows: 2, Cols: 3, Stride: 5, Data: data}
}

func ExampleMatrix() {
	// gonum's blas32.General has the same fields in the same order, so
	// kernels.Matrix(g) converts one; this is its literal.
	z := []float32{
		-1, 2, -3, 100, 100,
		4, -5, 6, 100, 100,
	}
	kernels.BiasReLUMatrix(view3of5(z), view3of5(z), []float32{0.5, 0.5, 0.5})
	fmt.Println(z) // columns 3 and 4 are not part of the view: untouched
	// Output: [0 2.5 0 100 100 4.5 0 6.5 100 100]
}

func ExampleBiasReLUMatrix() {
	z := []float32{-1, 2, -3, 9, 9, 4, -5, 6, 9, 9}
	y := make([]float32, 3*2) // a contiguous 2×3 result
	kernels.BiasReLUMatrix(kernels.Matrix{Rows: 2, Cols: 3, Stride: 3, Data: y}, view3of5(z), []float32{1, 1, 1})
	fmt.Println(y)
	// Output: [0 3 0 5 0 7]
}

func ExampleBiasLeakyReLUMatrix() {
	z := []float32{-1, 2, -3, 9, 9, 4, -5, 6, 9, 9}
	kernels.BiasLeakyReLUMatrix(view3of5(z), view3of5(z), []float32{0, 0, 1}, 0.1)
	fmt.Println(z)
	// Output: [-0.1 2 -0.2 9 9 4 -0.5 7 9 9]
}

func ExampleBiasReLU6Matrix() {
	z := []float32{-1, 2, 8, 9, 9, 4, -5, 6, 9, 9}
	kernels.BiasReLU6Matrix(view3of5(z), view3of5(z), []float32{0, 0, 1})
	fmt.Println(z)
	// Output: [0 2 6 9 9 4 0 6 9 9]
}

func ExamplePReLUMatrix() {
	x := []float32{-1, 2, -3, 9, 9, 4, -5, 6, 9, 9}
	kernels.PReLUMatrix(view3of5(x), view3of5(x), []float32{0.1, 0.2, 0.3})
	fmt.Println(x)
	// Output: [-0.1 2 -0.90000004 9 9 4 -1 6 9 9]
}

func ExampleReLUGradBiasMatrix() {
	y := []float32{0, 2, 0, 9, 9, 4, 0, 6, 9, 9}  // the forward output, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 1, 1, 1, 7, 7} // the gradient, likewise
	dbias := make([]float32, 3)                   // zero: a plain sum
	kernels.ReLUGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(y))
	fmt.Println(dy, dbias)
	// Output: [0 1 0 7 7 1 0 1 7 7] [1 1 1]
}

func ExampleLeakyReLUGradBiasMatrix() {
	y := []float32{-0.1, 2, -0.3, 9, 9, 4, -0.5, 6, 9, 9}
	dy := []float32{1, 1, 1, 7, 7, 1, 1, 1, 7, 7}
	dbias := make([]float32, 3)
	kernels.LeakyReLUGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(y), 0.1)
	fmt.Println(dy, dbias)
	// Output: [0.1 1 0.1 7 7 1 0.1 1 7 7] [1.1 1.1 1.1]
}

func ExampleReLU6GradBiasMatrix() {
	y := []float32{0, 2, 6, 9, 9, 4, 0, 5, 9, 9}
	dy := []float32{1, 1, 1, 7, 7, 1, 1, 1, 7, 7}
	dbias := make([]float32, 3)
	kernels.ReLU6GradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(y))
	fmt.Println(dy, dbias)
	// Output: [0 1 0 7 7 1 0 1 7 7] [1 1 1]
}

func ExamplePReLUGradMatrix() {
	x := []float32{-1, 2, -3, 9, 9, 4, -5, 6, 9, 9}
	dy := []float32{1, 1, 1, 7, 7, 1, 1, 1, 7, 7}
	slope := []float32{0.1, 0.2, 0.3}
	dslope := make([]float32, 3) // adds x·dy where x <= 0
	kernels.PReLUGradMatrix(view3of5(dy), dslope, view3of5(dy), view3of5(x), slope)
	fmt.Println(dy, dslope)
	// Output: [0.1 1 0.3 7 7 1 0.2 1 7 7] [-1 -5 -3]
}

func ExampleParallel_matrix() {
	p := kernels.NewParallel(2)
	defer p.Close()
	// Each Matrix form is a method too, with the package function's bits.
	z := []float32{-1, 2, -3, 9, 9, 4, -5, 6, 9, 9}
	h := make([]float32, len(z))
	b := []float32{0.5, 0.5, 0.5}
	p.BiasReLUMatrix(view3of5(h), view3of5(z), b)
	p.BiasLeakyReLUMatrix(view3of5(h), view3of5(z), b, 0.1)
	p.BiasReLU6Matrix(view3of5(h), view3of5(z), b)
	p.PReLUMatrix(view3of5(h), view3of5(z), b)
	fmt.Println(h)

	dy := []float32{1, 1, 1, 7, 7, 1, 1, 1, 7, 7}
	d := make([]float32, len(dy))
	db := make([]float32, 3)
	p.ReLUGradBiasMatrix(view3of5(d), db, view3of5(dy), view3of5(z))
	p.LeakyReLUGradBiasMatrix(view3of5(d), db, view3of5(dy), view3of5(z), 0.1)
	p.ReLU6GradBiasMatrix(view3of5(d), db, view3of5(dy), view3of5(z))
	ds := make([]float32, 3)
	p.PReLUGradMatrix(view3of5(d), ds, view3of5(dy), view3of5(z), b)
	fmt.Println(d, db, ds)
	// Output:
	// [-0.5 2 -1.5 0 0 4 -2.5 6 0 0]
	// [0.5 1 0.5 0 0 1 0.5 1 0 0] [3.1 3.1 2.1] [-1 -5 -3]
}
