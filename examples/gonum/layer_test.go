package main

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// loss is sum(y ⊙ c) for Dense's output y: its gradient with respect to y
// is c, so Backward(c) must give the derivatives of loss.
func loss(l *Dense, x, c *mat.Dense) float64 {
	y := l.Forward(x)
	var p mat.Dense
	p.MulElem(y, c)
	return mat.Sum(&p)
}

// TestGradients checks Backward against central differences of loss in
// every weight, bias and input.
func TestGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	net := newNetwork(r, 3, 5)
	l := net.hidden
	for j := range l.B {
		l.B[j] = r.NormFloat64()
	}
	x, c := mat.NewDense(4, 3, nil), mat.NewDense(4, 5, nil)
	for i := range 4 {
		for j := range 5 {
			c.Set(i, j, r.NormFloat64())
			if j < 3 {
				x.Set(i, j, r.NormFloat64())
			}
		}
	}
	loss(l, x, c)
	dW, db := mat.NewDense(3, 5, nil), make([]float64, 5)
	dx := l.Backward(c, dW, db)
	const h = 1e-6
	central := func(p *float64) float64 {
		v := *p
		*p = v + h
		up := loss(l, x, c)
		*p = v - h
		down := loss(l, x, c)
		*p = v
		return (up - down) / (2 * h)
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-6*max(1, math.Abs(want)) {
			t.Errorf("%s: Backward gives %v, central differences %v", what, got, want)
		}
	}
	w := l.W.RawMatrix()
	for i := range 3 {
		for j := range 5 {
			near("dW", dW.At(i, j), central(&w.Data[i*w.Stride+j]))
		}
	}
	for j := range 5 {
		near("db", db[j], central(&l.B[j]))
	}
	xr := x.RawMatrix()
	for i := range 4 {
		for j := range 3 {
			near("dx", dx.At(i, j), central(&xr.Data[i*xr.Stride+j]))
		}
	}
}

// TestStridedViews runs Backward on a view into a wider matrix, which the
// f64.Matrix forms take at its stride, and on a compact copy of it: the
// same bits.
func TestStridedViews(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	net := newNetwork(r, 3, 7)
	x := mat.NewDense(9, 3, nil)
	wide := mat.NewDense(9, 12, nil)
	for i := range 9 {
		for j := range 12 {
			wide.Set(i, j, r.NormFloat64())
			if j < 3 {
				x.Set(i, j, r.NormFloat64())
			}
		}
	}
	dy := wide.Slice(0, 9, 2, 9).(*mat.Dense) // stride 12
	compact := mat.DenseCopyOf(dy)
	net.hidden.Forward(x)
	dW1, db1 := mat.NewDense(3, 7, nil), make([]float64, 7)
	dx1 := net.hidden.Backward(dy, dW1, db1)
	dW2, db2 := mat.NewDense(3, 7, nil), make([]float64, 7)
	dx2 := net.hidden.Backward(compact, dW2, db2)
	if !mat.Equal(dW1, dW2) || !mat.Equal(dx1, dx2) {
		t.Error("Backward on a strided view differs from Backward on its copy")
	}
	for j := range db1 {
		if math.Float64bits(db1[j]) != math.Float64bits(db2[j]) {
			t.Errorf("db[%d]: %v on the view, %v on the copy", j, db1[j], db2[j])
		}
	}
}

// TestTraining runs the command's training: the loss must fall a
// hundredfold.
func TestTraining(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	net := newNetwork(r, 2, 32)
	x, y := samples(r, 256)
	first := net.step(x, y, 0.05)
	var last float64
	for range 500 {
		last = net.step(x, y, 0.05)
	}
	if last > first/100 {
		t.Errorf("loss %v after 500 steps, from %v: want a hundredth of it or less", last, first)
	}
}
