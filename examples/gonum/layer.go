package main

import (
	"gonum.org/v1/gonum/mat"

	"github.com/fastrelu/fastrelu/kernels/f64"
)

// Dense is a fully connected layer with a leaky ReLU, y = LeakyReLU(x·W +
// b), on gonum matrices: one row per sample. The matrix products are
// gonum's; the bias and the activation, and on the way back the
// activation's gradient with the bias gradient, are one f64 kernel call
// each, on the matrices' own memory through f64.Matrix views (rows at
// gonum's stride, so views into larger matrices work too): no copy to
// float32 and back.
type Dense struct {
	W     *mat.Dense // inputs × outputs
	B     []float64  // one per output
	Alpha float64    // the leaky ReLU's slope below 0, > 0

	// What Forward keeps for Backward: its input and output (the leaky
	// ReLU's gradient needs no more than the output for alpha > 0).
	x, y *mat.Dense
}

// view is m as an f64.Matrix: the same memory, rows at m's stride.
func view(m *mat.Dense) f64.Matrix {
	r := m.RawMatrix()
	return f64.Matrix{Rows: r.Rows, Cols: r.Cols, Stride: r.Stride, Data: r.Data}
}

// Forward returns LeakyReLU(x·W + b) for the rows of x.
func (l *Dense) Forward(x *mat.Dense) *mat.Dense {
	rows, _ := x.Dims()
	_, outputs := l.W.Dims()
	y := mat.NewDense(rows, outputs, nil)
	y.Mul(x, l.W)
	f64.BiasLeakyReLUMatrix(view(y), view(y), l.B, l.Alpha) // in place
	l.x, l.y = x, y
	return y
}

// Backward takes the loss gradient with respect to Forward's output and
// returns the one with respect to its input; dW is set to W's gradient and
// b's is added to db (as the kernels add their column sums: zero it first
// for the gradient alone).
func (l *Dense) Backward(dy *mat.Dense, dW *mat.Dense, db []float64) *mat.Dense {
	rows, outputs := dy.Dims()
	dz := mat.NewDense(rows, outputs, nil)
	f64.LeakyReLUGradBiasMatrix(view(dz), db, view(dy), view(l.y), l.Alpha)
	dW.Mul(l.x.T(), dz)
	inputs, _ := l.W.Dims()
	dx := mat.NewDense(rows, inputs, nil)
	dx.Mul(dz, l.W.T())
	return dx
}
