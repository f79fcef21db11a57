package kernels_test

import (
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/kernels"
)

func ExampleBiasLeakyReLU() {
	// A layer's forward pass for a batch of 2 rows and 3 units: z = x·W has
	// been computed; add the bias and apply the activation in one pass, in
	// place.
	z := []float32{
		-1, 0.5, 2,
		3, -4, 0,
	}
	bias := []float32{0.5, -1, 0}
	kernels.BiasLeakyReLU(z, z, bias, 0.1)
	fmt.Println(z)

	// Backward: dz = LeakyReLU'(y)·dy, taken from the output y, and
	// db = Σ_rows dz, accumulated into a zeroed db.
	dy := []float32{1, 1, 1, 1, 1, 1}
	db := make([]float32, 3)
	kernels.LeakyReLUGradBias(dy, db, dy, z, 0.1)
	fmt.Println(dy, db)
	// Output:
	// [-0.05 -0.05 2 3.5 -0.5 0]
	// [0.1 0.1 1 1 0.1 0.1] [1.1 0.2 1.1]
}

func ExamplePReLU() {
	x := []float32{-2, 3, -2, -4}
	slope := []float32{0.25, 0.5} // one learned slope per column
	y := make([]float32, len(x))
	kernels.PReLU(y, x, slope)
	dy := []float32{1, 1, 1, 1}
	dx, dslope := make([]float32, len(x)), make([]float32, len(slope))
	kernels.PReLUGrad(dx, dslope, dy, x, slope)
	fmt.Println(y, dx, dslope)
	// Output: [-0.5 3 -0.5 -2] [0.25 1 0.25 0.5] [-4 -4]
}

func ExampleBiasReLU() {
	// Two rows of three units, z = x·W computed elsewhere: the bias is added
	// to every row, then ReLU, in one pass. -0 + -0 is -0, and ReLU(-0) is +0.
	negZero := float32(math.Copysign(0, -1))
	z := []float32{
		-1, 0.5, negZero,
		3, -4, 1,
	}
	bias := []float32{0.5, 1, negZero}
	h := make([]float32, len(z))
	kernels.BiasReLU(h, z, bias)
	fmt.Println(h, math.Signbit(float64(h[2])))
	// Output: [0 1.5 0 3.5 0 1] false
}

func ExampleReLUGradBias() {
	// The backward pass of h = ReLU(z + b) for 4 rows of 2 units, from the
	// output h. dbias is added to, not overwritten: zeroed once, it sums a
	// batch given in two halves, as a loop over a large batch would.
	h := []float32{
		0, 2,
		1, 0,
		3, 0,
		0, 4,
	}
	dh := []float32{
		1, 2,
		3, 4,
		5, 6,
		7, 8,
	}
	dz := make([]float32, len(dh))
	db := make([]float32, 2)
	kernels.ReLUGradBias(dz[:4], db, dh[:4], h[:4])
	kernels.ReLUGradBias(dz[4:], db, dh[4:], h[4:])
	fmt.Println(dz, db)

	// One call over the whole batch adds the same rows in the same order.
	whole := make([]float32, 2)
	kernels.ReLUGradBias(dz, whole, dh, h)
	fmt.Println(whole)
	// Output:
	// [0 2 3 0 5 0 0 8] [8 10]
	// [8 10]
}

func ExampleLeakyReLUGradBias() {
	// h is LeakyReLU's output for 2 rows of 2 units; where h <= 0, -0
	// included, the gradient is alpha·dh.
	const alpha = 0.2
	negZero := float32(math.Copysign(0, -1))
	h := []float32{
		-0.4, 1,
		negZero, 2,
	}
	db := make([]float32, 2)
	for step := range 2 {
		// db is added to, not overwritten: clear it every step, or step 1
		// would get the sum of both steps.
		clear(db)
		dh := []float32{1, 1, 1, 1}
		kernels.LeakyReLUGradBias(dh, db, dh, h, alpha) // in place
		fmt.Println(step, dh, db)
	}
	// Output:
	// 0 [0.2 1 0.2 1] [0.4 2]
	// 1 [0.2 1 0.2 1] [0.4 2]
}

func ExamplePReLUGrad() {
	// PReLU with the slopes 0.25 and 0.5 over 3 rows of 2 columns. dx is
	// slope·grad where x <= 0 and grad elsewhere; dslope[j] adds x·grad over
	// the rows where x <= 0. x is PReLU's input, not its output.
	x := []float32{
		-2, 1,
		4, -1,
		-1, -3,
	}
	slope := []float32{0.25, 0.5}
	grad := []float32{
		1, 1,
		2, 2,
		-1, 0.5,
	}
	dx := make([]float32, len(x))
	dslope := make([]float32, len(slope)) // added to: zero for a plain sum
	kernels.PReLUGrad(dx, dslope, grad, x, slope)
	fmt.Println(dx, dslope)

	// A gradient-descent step on the slopes.
	for j := range slope {
		slope[j] -= float32(0.1 * dslope[j])
	}
	fmt.Println(slope)
	// Output:
	// [0.25 1 2 1 -0.25 0.25] [-1 -3.5]
	// [0.35 0.85]
}
