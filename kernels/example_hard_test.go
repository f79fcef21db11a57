package kernels_test

import (
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/kernels"
)

func ExampleHardSigmoid() {
	x := []float32{float32(math.Inf(-1)), -3, -1.5, 0, 1.5, 3, 100, float32(math.NaN())}
	kernels.HardSigmoid(x, x)
	fmt.Println(x)
	// Output: [0 0 0.25 0.5 0.75 1 1 NaN]
}

func ExampleHardSigmoidGrad() {
	// The gradient takes the forward input x: it is 1/6 strictly inside
	// (-3, 3), 0 at the kinks and outside, and 0 for a NaN x, as PyTorch's.
	x := []float32{-4, -3, 0, 2.9, 3, float32(math.NaN())}
	grad := []float32{6, 6, 6, 6, 6, 6}
	kernels.HardSigmoidGrad(grad, grad, x)
	fmt.Println(grad)
	// Output: [0 0 1 1 0 0]
}

func ExampleBiasHardSigmoid() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 1, 1}
	dst := make([]float32, len(src))
	kernels.BiasHardSigmoid(dst, src, bias)
	fmt.Println(dst)
	// Output: [0 0.6666667 1 0.33333334 0.8333333 1]
}

func ExampleHardSigmoidGradBias() {
	grad := []float32{6, 12, 6, 12}
	z := []float32{-4, 0, 1, 3} // 2 rows, 2 columns: the pre-activation
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.HardSigmoidGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [0 2 1 0] [1 2]
}

func ExampleHardSigmoidActivation() {
	a, err := kernels.ParseActivation("Hardsigmoid")
	fmt.Println(a, err, a == kernels.HardSigmoidActivation(), a.GradientFromOutput())
	b, err := kernels.ParseActivation("Hardsigmoid(inplace=True)") // PyTorch's repr
	fmt.Println(b == a, err)
	// Output:
	// hardsigmoid <nil> true false
	// true <nil>
}

func ExampleHardSwish() {
	x := []float32{float32(math.Inf(-1)), -4, -3, -1, 0, 1, 3, 4, float32(math.NaN())}
	kernels.HardSwish(x, x)
	fmt.Println(x, math.Signbit(float64(x[0])))
	// Output: [-0 -0 -0 -0.33333334 0 0.6666667 3 4 NaN] true
}

func ExampleHardSwishGrad() {
	// PyTorch's values: 0 below -3, x/3 + 1/2 on [-3, 3] (its kinks
	// included), 1 above 3 and for a NaN x.
	x := []float32{-4, -3, 0, 3, 4, float32(math.NaN())}
	grad := []float32{2, 2, 2, 2, 2, 2}
	kernels.HardSwishGrad(grad, grad, x)
	fmt.Println(grad)
	// Output: [0 -1 1 3 2 2]
}

func ExampleBiasHardSwish() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 1, 1}
	dst := make([]float32, len(src))
	kernels.BiasHardSwish(dst, src, bias)
	fmt.Println(dst)
	// Output: [-0 0.6666667 3 -0.33333334 1.6666666 6]
}

func ExampleHardSwishGradBias() {
	grad := []float32{3, 3, 3, 3}
	z := []float32{-4, 0, 1.5, 4} // 2 rows, 2 columns: the pre-activation
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.HardSwishGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [0 1.5 3 3] [3 4.5]
}

func ExampleHardSwishActivation() {
	a, err := kernels.ParseActivation("Hardswish()")
	fmt.Println(a, err, a == kernels.HardSwishActivation(), a.GradientFromOutput())
	// Output: hardswish <nil> true false
}

func ExampleBiasHardSigmoidMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9}
	kernels.BiasHardSigmoidMatrix(view3of5(z), view3of5(z), []float32{1, 1, 1})
	fmt.Println(z)
	// Output: [0 0.6666667 1 9 9 0.33333334 0.8333333 1 9 9]
}

func ExampleBiasHardSwishMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9}
	kernels.BiasHardSwishMatrix(view3of5(z), view3of5(z), []float32{1, 1, 1})
	fmt.Println(z)
	// Output: [-0 0.6666667 3 9 9 -0.33333334 1.6666666 6 9 9]
}

func ExampleHardSigmoidGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // the pre-activation, in a 2×5 buffer
	dy := []float32{6, 6, 6, 7, 7, 6, 6, 6, 7, 7}
	dbias := make([]float32, 3)
	kernels.HardSigmoidGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [0 1 1 7 7 1 1 0 7 7] [1 2 1]
}

func ExampleHardSwishGradBiasMatrix() {
	// Each product is binary32: 3*(2/3 + 0.5) is 3*1.1666666 rounded.
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9}
	dy := []float32{3, 3, 3, 7, 7, 3, 3, 3, 7, 7}
	dbias := make([]float32, 3)
	kernels.HardSwishGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [0 1.5 3.5000002 7 7 -0.50000006 2.5 3 7 7] [-0.50000006 4 6.5]
}

func ExampleParallel_HardSwish() {
	p := kernels.NewParallel(2)
	defer p.Close()
	// Every hard activation is a method too, with the package function's bits.
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9}
	h := make([]float32, len(z))
	p.HardSigmoid(h, z)
	p.HardSwish(h, z)
	fmt.Println(h)
	b := []float32{1, 1, 1, 1, 1}
	p.BiasHardSigmoid(h, z, b)
	p.BiasHardSwish(h, z, b)
	p.BiasHardSigmoidMatrix(view3of5(h), view3of5(z), b[:3])
	p.BiasHardSwishMatrix(view3of5(h), view3of5(z), b[:3])
	fmt.Println(h)

	dy := []float32{3, 3, 3, 3, 3, 3, 3, 3, 3, 3}
	d := make([]float32, len(dy))
	p.HardSigmoidGrad(d, dy, z)
	p.HardSwishGrad(d, dy, z)
	fmt.Println(d)
	db, db3 := make([]float32, 5), make([]float32, 3)
	p.HardSigmoidGradBias(d, db, dy, z)
	p.HardSigmoidGradBiasMatrix(view3of5(d), db3, view3of5(dy), view3of5(z))
	fmt.Println(db, db3)
	clear(db)
	clear(db3)
	p.HardSwishGradBias(d, db, dy, z)
	p.HardSwishGradBiasMatrix(view3of5(d), db3, view3of5(dy), view3of5(z))
	fmt.Println(db, db3)
	// Output:
	// [-0 0 1.6666666 9 9 -0.33333334 0.6666667 5 9 9]
	// [-0 0.6666667 3 10 10 -0.33333334 1.6666666 6 10 10]
	// [0 1.5 3.5000002 3 3 -0.50000006 2.5 3 3 3]
	// [0.5 1 0.5 0 0] [0.5 1 0.5]
	// [-0.50000006 4 6.5 6 6] [-0.50000006 4 6.5]
}

func ExampleHardTanh() {
	x := []float32{float32(math.Inf(-1)), -2, float32(math.Copysign(0, -1)), 0.5, 2, float32(math.NaN())}
	kernels.HardTanh(x, x, -1, 1)
	fmt.Println(x, math.Signbit(float64(x[2])))
	// Output: [-1 -1 -0 0.5 1 NaN] true
}

func ExampleHardTanhGrad() {
	// The gradient is 0 at the bounds, as PyTorch's hardtanh_backward; the
	// forward output may stand in for x (lo < hi).
	x := []float32{-2, -1, 0, 1, 2}
	kernels.HardTanh(x, x, -1, 1)
	grad := []float32{5, 5, 5, 5, 5}
	kernels.HardTanhGrad(grad, grad, x, -1, 1)
	fmt.Println(x, grad)
	// Output: [-1 -1 0 1 1] [0 0 5 0 0]
}

func ExampleBiasHardTanh() {
	src := []float32{ // 2 rows, 2 columns
		-3, 0.25,
		0.5, 4,
	}
	dst := make([]float32, len(src))
	kernels.BiasHardTanh(dst, src, []float32{1, 1}, 0, 2)
	fmt.Println(dst)
	// Output: [0 1.25 1.5 2]
}

func ExampleHardTanhGradBias() {
	grad := []float32{1, 2, 3, 4}
	y := []float32{0, 1.5, 2, 0.5} // 2 rows, 2 columns: the forward output on [0, 2]
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.HardTanhGradBias(dst, dbias, grad, y, 0, 2)
	fmt.Println(dst, dbias)
	// Output: [0 2 0 4] [0 6]
}

func ExampleHardTanhActivation() {
	// PyTorch's repr and defaults (min_val=-1, max_val=1); String writes
	// the bounds in order.
	a, err := kernels.ParseActivation("Hardtanh(min_val=-2.0, max_val=2.0)")
	fmt.Println(a, err, a == kernels.HardTanhActivation(-2, 2), a.GradientFromOutput())
	b, _ := kernels.ParseActivation("hardtanh")
	fmt.Println(b)
	// Output:
	// hardtanh(-2, 2) <nil> true true
	// hardtanh(-1, 1)
}

func ExampleBiasHardTanhMatrix() {
	z := []float32{-3, 0.25, 5, 9, 9, 0.5, 4, -1, 9, 9}
	kernels.BiasHardTanhMatrix(view3of5(z), view3of5(z), []float32{1, 1, 1}, 0, 2)
	fmt.Println(z)
	// Output: [0 1.25 2 9 9 1.5 2 0 9 9]
}

func ExampleHardTanhGradBiasMatrix() {
	y := []float32{0, 1.25, 2, 9, 9, 1.5, 2, 0, 9, 9} // the forward output on [0, 2]
	dy := []float32{1, 1, 1, 7, 7, 1, 1, 1, 7, 7}
	dbias := make([]float32, 3)
	kernels.HardTanhGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(y), 0, 2)
	fmt.Println(dy, dbias)
	// Output: [0 1 0 7 7 1 0 0 7 7] [1 1 0]
}

func ExampleParallel_HardTanh() {
	p := kernels.NewParallel(2)
	defer p.Close()
	z := []float32{-3, 0.25, 5, 9, 9, 0.5, 4, -1, 9, 9}
	h := make([]float32, len(z))
	p.HardTanh(h, z, -1, 1)
	fmt.Println(h)
	p.BiasHardTanh(h, z, []float32{1, 1, 1, 1, 1}, 0, 2)
	p.BiasHardTanhMatrix(view3of5(h), view3of5(z), []float32{0, 0, 0}, 0, 2)
	fmt.Println(h)
	dy := []float32{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	d := make([]float32, len(dy))
	p.HardTanhGrad(d, dy, z, -1, 1)
	fmt.Println(d)
	db, db3 := make([]float32, 5), make([]float32, 3)
	p.HardTanhGradBias(d, db, dy, z, -1, 1)
	p.HardTanhGradBiasMatrix(view3of5(d), db3, view3of5(dy), view3of5(z), -1, 1)
	fmt.Println(db, db3)
	// Output:
	// [-1 0.25 1 1 1 0.5 1 -1 1 1]
	// [0 0.25 2 2 2 0.5 2 0 2 2]
	// [0 1 0 0 0 1 0 0 0 0]
	// [1 1 0 0 0] [1 1 0]
}
