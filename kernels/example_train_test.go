package kernels_test

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels"
)

// Example trains one step of a dense layer h = LeakyReLU(x·W + b) toward
// targets t, with the loss ½Σ(h-t)² and plain gradient descent: the forward
// pass with the bias fused in, the backward pass with the bias gradient
// summed in the same pass, into a zeroed db.
func Example() {
	const batch, in, out = 2, 3, 2
	const alpha, lr = 0.2, 0.25
	x := []float32{ // batch×in, row-major
		1, 2, -1,
		0, -1, 2,
	}
	w := []float32{ // in×out
		0.5, -0.5,
		0.25, 0.5,
		-0.5, 0.25,
	}
	b := []float32{0.25, -0.25}
	t := []float32{ // batch×out
		1, 0,
		0, 1,
	}

	// Forward: z = x·W, then h = LeakyReLU(z + b) in one pass, in place.
	h := make([]float32, batch*out)
	matmul(h, x, w, batch, in, out)
	kernels.BiasLeakyReLU(h, h, b, alpha)
	fmt.Println("h:", h, "loss:", loss(h, t))

	// Backward: dh = h - t; dz = LeakyReLU'·dh in place, from the output h
	// (valid for alpha > 0), and db[j] = Σ_rows dz[r,j]. db is added to, so
	// it starts at zero (clear it when it is reused).
	dz := make([]float32, len(h))
	for i := range h {
		dz[i] = h[i] - t[i]
	}
	db := make([]float32, out)
	kernels.LeakyReLUGradBias(dz, db, dz, h, alpha)
	fmt.Println("dz:", dz, "db:", db)

	// dW = xᵀ·dz, then the update. float32(a*b) rounds the product, so that
	// the compiler does not fuse it with the addition (FMA): the step gives
	// the same bits on every CPU, as the kernels do.
	dw := make([]float32, in*out)
	for r := range batch {
		for i := range in {
			for j := range out {
				dw[i*out+j] += float32(x[r*in+i] * dz[r*out+j])
			}
		}
	}
	for i := range w {
		w[i] -= float32(lr * dw[i])
	}
	for j := range b {
		b[j] -= float32(lr * db[j])
	}

	matmul(h, x, w, batch, in, out)
	kernels.BiasLeakyReLU(h, h, b, alpha)
	fmt.Println("h:", h, "loss:", loss(h, t))
	// Output:
	// h: [1.75 0 -0.2 -0.05] loss: 0.85249996
	// dz: [0.75 0 -0.040000003 -0.21] db: [0.71 -0.21]
	// h: [0.40750003 -0.031500004 -0.07550001 0.06499998] loss: 0.6159869
}

// matmul sets c (m×n) to a (m×k) times b (k×n), all row-major.
func matmul(c, a, b []float32, m, k, n int) {
	for r := range m {
		for j := range n {
			var s float32
			for i := range k {
				s += float32(a[r*k+i] * b[i*n+j])
			}
			c[r*n+j] = s
		}
	}
}

// loss returns ½Σ(h-t)².
func loss(h, t []float32) float32 {
	var s float32
	for i := range h {
		d := h[i] - t[i]
		s += float32(d * d)
	}
	return s / 2
}
