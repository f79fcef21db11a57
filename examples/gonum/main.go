// Command gonum trains a small network on gonum matrices with the f64
// kernels: a hidden Dense layer (leaky ReLU) and an output one whose slope
// is 1 (linear), fitted to y = |x0| - x1 by gradient descent on the mean
// squared error. It prints the loss as it falls.
//
//	cd examples/gonum && go run .
package main

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

func main() {
	r := rand.New(rand.NewPCG(1, 2))
	net := newNetwork(r, 2, 32)
	x, y := samples(r, 256)
	for step := 0; step <= 2000; step++ {
		loss := net.step(x, y, 0.05)
		if step%250 == 0 {
			fmt.Printf("step %4d: loss %.5f\n", step, loss)
		}
	}
}

// network is a hidden Dense layer and an output one, whose slope alpha is
// 1: a leaky ReLU of slope 1 is the identity, so the output is linear.
type network struct{ hidden, out *Dense }

func newNetwork(r *rand.Rand, inputs, hidden int) *network {
	random := func(rows, cols int, scale float64) *mat.Dense {
		m := mat.NewDense(rows, cols, nil)
		for i := range rows {
			for j := range cols {
				m.Set(i, j, r.NormFloat64()*scale)
			}
		}
		return m
	}
	return &network{
		hidden: &Dense{W: random(inputs, hidden, 1), B: make([]float64, hidden), Alpha: 0.1},
		out:    &Dense{W: random(hidden, 1, 0.1), B: make([]float64, 1), Alpha: 1},
	}
}

// samples returns n inputs in [-1, 1)² and their targets |x0| - x1.
func samples(r *rand.Rand, n int) (x, y *mat.Dense) {
	x, y = mat.NewDense(n, 2, nil), mat.NewDense(n, 1, nil)
	for i := range n {
		a, b := 2*r.Float64()-1, 2*r.Float64()-1
		x.Set(i, 0, a)
		x.Set(i, 1, b)
		y.Set(i, 0, max(a, -a)-b)
	}
	return x, y
}

// step runs one step of gradient descent on the batch (x, y) with learning
// rate lr and returns the loss before it.
func (n *network) step(x, y *mat.Dense, lr float64) float64 {
	pred := n.out.Forward(n.hidden.Forward(x))
	rows, _ := y.Dims()
	var diff mat.Dense
	diff.Sub(pred, y)
	loss := mat.Dot(diff.ColView(0), diff.ColView(0)) / float64(rows)
	diff.Scale(2/float64(rows), &diff) // d loss / d pred
	for _, l := range []*Dense{n.out, n.hidden} {
		rowsW, colsW := l.W.Dims()
		dW, db := mat.NewDense(rowsW, colsW, nil), make([]float64, colsW)
		dx := l.Backward(&diff, dW, db)
		l.W.Sub(l.W, scaled(dW, lr))
		for j := range l.B {
			l.B[j] -= lr * db[j]
		}
		diff = *dx
	}
	return loss
}

func scaled(m *mat.Dense, s float64) *mat.Dense {
	var r mat.Dense
	r.Scale(s, m)
	return &r
}
