package kernels_test

import (
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/kernels"
)

// The smooth activations: each output the exact value rounded once.

func ExampleSigmoid() {
	// Correctly rounded everywhere, the tails included: σ(-100) is e^-100 rounded, not 0.
	x := []float32{float32(math.Inf(-1)), -100, -2, float32(math.Copysign(0, -1)), 1e-20, 0.5, 2, 20, float32(math.NaN())}
	kernels.Sigmoid(x, x)
	fmt.Println(x)
	// Output: [0 3.8e-44 0.11920292 0.5 0.5 0.62245935 0.8807971 1 NaN]
}

func ExampleSigmoidGrad() {
	// The gradient from the forward output y, as PyTorch computes it.
	x := []float32{-2, 0, 0.5, 3}
	y := make([]float32, len(x))
	kernels.Sigmoid(y, x)
	grad := []float32{1, 1, 1, 2}
	kernels.SigmoidGrad(grad, grad, y)
	fmt.Println(grad)
	// Output: [0.10499358 0.25 0.23500371 0.09035331]
}

func ExampleBiasSigmoid() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 0.5, -1}
	dst := make([]float32, len(src))
	kernels.BiasSigmoid(dst, src, bias)
	fmt.Println(dst)
	// Output: [0.047425874 0.62245935 0.7310586 0.26894143 0.8175745 0.98201376]
}

func ExampleBiasSigmoidMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	kernels.BiasSigmoidMatrix(view3of5(z), view3of5(z), []float32{1, 0.5, -1})
	fmt.Println(z)
	// Output: [0.047425874 0.62245935 0.7310586 9 9 0.26894143 0.8175745 0.98201376 9 9]
}

func ExampleSigmoidGradBias() {
	grad := []float32{1, 2, 1, 2}
	z := []float32{-1, 0, 1, 2} // 2 rows, 2 columns: the forward output
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.SigmoidGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [-2 0 0 -4] [-2 -4]
}

func ExampleSigmoidGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // the forward output, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 2, 2, 2, 7, 7}
	dbias := make([]float32, 3)
	kernels.SigmoidGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [-20 0 -2 7 7 -12 0 0.5 7 7] [-32 0 -1.5]
}

func ExampleSigmoidActivation() {
	a, err := kernels.ParseActivation("Sigmoid()") // PyTorch's repr
	fmt.Println(a, err, a == kernels.SigmoidActivation(), a.GradientFromOutput())
	// Output: sigmoid <nil> true true
}

func ExampleTanh() {
	// Odd, correctly rounded: -0 gives -0, and tanh(x) rounds to ±1 from |x| ≈ 9.
	x := []float32{float32(math.Inf(-1)), -100, -2, float32(math.Copysign(0, -1)), 1e-20, 0.5, 2, 20, float32(math.NaN())}
	kernels.Tanh(x, x)
	fmt.Println(x)
	// Output: [-1 -1 -0.9640276 -0 1e-20 0.46211717 0.9640276 1 NaN]
}

func ExampleTanhGrad() {
	// The gradient from the forward output y, as PyTorch computes it.
	x := []float32{-2, 0, 0.5, 3}
	y := make([]float32, len(x))
	kernels.Tanh(y, x)
	grad := []float32{1, 1, 1, 2}
	kernels.TanhGrad(grad, grad, y)
	fmt.Println(grad)
	// Output: [0.070650816 1 0.7864477 0.019731998]
}

func ExampleBiasTanh() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 0.5, -1}
	dst := make([]float32, len(src))
	kernels.BiasTanh(dst, src, bias)
	fmt.Println(dst)
	// Output: [-0.9950548 0.46211717 0.7615942 -0.7615942 0.90514827 0.9993293]
}

func ExampleBiasTanhMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	kernels.BiasTanhMatrix(view3of5(z), view3of5(z), []float32{1, 0.5, -1})
	fmt.Println(z)
	// Output: [-0.9950548 0.46211717 0.7615942 9 9 -0.7615942 0.90514827 0.9993293 9 9]
}

func ExampleTanhGradBias() {
	grad := []float32{1, 2, 1, 2}
	z := []float32{-1, 0, 1, 2} // 2 rows, 2 columns: the forward output
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.TanhGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [0 2 0 -6] [0 -4]
}

func ExampleTanhGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // the forward output, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 2, 2, 2, 7, 7}
	dbias := make([]float32, 3)
	kernels.TanhGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [-15 1 -3 7 7 -6 0 1.5 7 7] [-21 1 -1.5]
}

func ExampleTanhActivation() {
	a, err := kernels.ParseActivation("Tanh()") // PyTorch's repr
	fmt.Println(a, err, a == kernels.TanhActivation(), a.GradientFromOutput())
	// Output: tanh <nil> true true
}

func ExampleSiLU() {
	// x·σ(x): SiLU(-Inf) is -0, where x*sigmoid(x) would give NaN.
	x := []float32{float32(math.Inf(-1)), -100, -2, float32(math.Copysign(0, -1)), 1e-20, 0.5, 2, 20, float32(math.NaN())}
	kernels.SiLU(x, x)
	fmt.Println(x)
	// Output: [-0 -3.72e-42 -0.23840584 -0 5e-21 0.31122968 1.7615942 20 NaN]
}

func ExampleSiLUGrad() {
	// grad times the derivative at the input x, rounded once.
	x := []float32{float32(math.Inf(-1)), -2, 0, 0.5, 3, float32(math.Inf(1))}
	grad := []float32{1, 1, 1, 1, 2, 1}
	kernels.SiLUGrad(grad, grad, x)
	fmt.Println(grad)
	// Output: [-0 -0.09078425 0.5 0.7399612 2.1762083 1]
}

func ExampleBiasSiLU() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 0.5, -1}
	dst := make([]float32, len(src))
	kernels.BiasSiLU(dst, src, bias)
	fmt.Println(dst)
	// Output: [-0.14227761 0.31122968 0.7310586 -0.26894143 1.2263618 3.928055]
}

func ExampleBiasSiLUMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	kernels.BiasSiLUMatrix(view3of5(z), view3of5(z), []float32{1, 0.5, -1})
	fmt.Println(z)
	// Output: [-0.14227761 0.31122968 0.7310586 9 9 -0.26894143 1.2263618 3.928055 9 9]
}

func ExampleSiLUGradBias() {
	grad := []float32{1, 2, 1, 2}
	z := []float32{-1, 0, 1, 2} // 2 rows, 2 columns: the pre-activation
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.SiLUGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [0.07232949 1 0.92767054 2.1815684] [1 3.1815684]
}

func ExampleSiLUGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // the pre-activation, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 2, 2, 2, 7, 7}
	dbias := make([]float32, 3)
	kernels.SiLUGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [-0.052664615 0.5 1.0907842 7 7 -0.1815685 1.8553411 1.4799224 7 7] [-0.23423311 2.355341 2.5707066]
}

func ExampleSiLUActivation() {
	a, err := kernels.ParseActivation("SiLU(inplace=True)") // PyTorch's repr
	fmt.Println(a, err, a == kernels.SiLUActivation(), a.GradientFromOutput())
	// Output: silu <nil> true false
}

func ExampleGELU() {
	// x·Φ(x), exact in the negative tail, where 1 + erf(x/√2) cancels.
	x := []float32{float32(math.Inf(-1)), -100, -2, float32(math.Copysign(0, -1)), 1e-20, 0.5, 2, 20, float32(math.NaN())}
	kernels.GELU(x, x)
	fmt.Println(x)
	// Output: [-0 -0 -0.045500264 -0 5e-21 0.34573123 1.9544997 20 NaN]
}

func ExampleGELUGrad() {
	// grad times the derivative at the input x, rounded once.
	x := []float32{float32(math.Inf(-1)), -2, 0, 0.5, 3, float32(math.Inf(1))}
	grad := []float32{1, 1, 1, 1, 2, 1}
	kernels.GELUGrad(grad, grad, x)
	fmt.Println(grad)
	// Output: [-0 -0.0852318 0.5 0.8674951 2.0238912 1]
}

func ExampleBiasGELU() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 0.5, -1}
	dst := make([]float32, len(src))
	kernels.BiasGELU(dst, src, bias)
	fmt.Println(dst)
	// Output: [-0.004049694 0.34573123 0.8413448 -0.15865526 1.3997892 3.9998734]
}

func ExampleBiasGELUMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	kernels.BiasGELUMatrix(view3of5(z), view3of5(z), []float32{1, 0.5, -1})
	fmt.Println(z)
	// Output: [-0.004049694 0.34573123 0.8413448 9 9 -0.15865526 1.3997892 3.9998734 9 9]
}

func ExampleGELUGradBias() {
	grad := []float32{1, 2, 1, 2}
	z := []float32{-1, 0, 1, 2} // 2 rows, 2 columns: the pre-activation
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.GELUGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [-0.08331547 1 1.0833155 2.1704636] [1 3.1704636]
}

func ExampleGELUGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // the pre-activation, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 2, 2, 2, 7, 7}
	dbias := make([]float32, 3)
	kernels.GELUGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [-0.00050364964 0.5 1.0852318 7 7 -0.1704636 2.166631 1.7349902 7 7] [-0.17096725 2.666631 2.820222]
}

func ExampleGELUActivation() {
	a, err := kernels.ParseActivation("GELU(approximate='none')") // PyTorch's repr
	fmt.Println(a, err, a == kernels.GELUActivation(), a.GradientFromOutput())
	// Output: gelu <nil> true false
}

func ExampleGELUTanh() {
	// The tanh form, with the exact constant √(2/π).
	x := []float32{float32(math.Inf(-1)), -100, -2, float32(math.Copysign(0, -1)), 1e-20, 0.5, 2, 20, float32(math.NaN())}
	kernels.GELUTanh(x, x)
	fmt.Println(x)
	// Output: [-0 -0 -0.045402307 -0 5e-21 0.345714 1.9545977 20 NaN]
}

func ExampleGELUTanhGrad() {
	// grad times the derivative at the input x, rounded once.
	x := []float32{float32(math.Inf(-1)), -2, 0, 0.5, 3, float32(math.Inf(1))}
	grad := []float32{1, 1, 1, 1, 2, 1}
	kernels.GELUTanhGrad(grad, grad, x)
	fmt.Println(grad)
	// Output: [-0 -0.08609926 0.5 0.8673699 2.0231683 1]
}

func ExampleBiasGELUTanh() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 0.5, -1}
	dst := make([]float32, len(src))
	kernels.BiasGELUTanh(dst, src, bias)
	fmt.Println(dst)
	// Output: [-0.003637392 0.345714 0.841192 -0.15880801 1.3995715 3.9999297]
}

func ExampleBiasGELUTanhMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	kernels.BiasGELUTanhMatrix(view3of5(z), view3of5(z), []float32{1, 0.5, -1})
	fmt.Println(z)
	// Output: [-0.003637392 0.345714 0.841192 9 9 -0.15880801 1.3995715 3.9999297 9 9]
}

func ExampleGELUTanhGradBias() {
	grad := []float32{1, 2, 1, 2}
	z := []float32{-1, 0, 1, 2} // 2 rows, 2 columns: the pre-activation
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.GELUTanhGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [-0.082964085 1 1.0829641 2.1721985] [1 3.1721985]
}

func ExampleGELUTanhGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // the pre-activation, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 2, 2, 2, 7, 7}
	dbias := make([]float32, 3)
	kernels.GELUTanhGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [-0.0003351232 0.5 1.0860993 7 7 -0.17219852 2.1659281 1.7347398 7 7] [-0.17253365 2.6659281 2.820839]
}

func ExampleGELUTanhActivation() {
	a, err := kernels.ParseActivation("GELU(approximate='tanh')") // PyTorch's repr
	fmt.Println(a, err, a == kernels.GELUTanhActivation(), a.GradientFromOutput())
	// Output: gelu_tanh <nil> true false
}

func ExampleELU() {
	// expm1 correctly rounded: small negative inputs keep their digits.
	x := []float32{float32(math.Inf(-1)), -100, -2, float32(math.Copysign(0, -1)), 1e-20, 0.5, 2, 20, float32(math.NaN())}
	kernels.ELU(x, x, 1)
	fmt.Println(x)
	// Output: [-1 -1 -0.86466473 -0 1e-20 0.5 2 20 NaN]
}

func ExampleELUGrad() {
	// grad times the derivative at the input x, rounded once.
	x := []float32{float32(math.Inf(-1)), -2, 0, 0.5, 3, float32(math.Inf(1))}
	grad := []float32{1, 1, 1, 1, 2, 1}
	kernels.ELUGrad(grad, grad, x, 1)
	fmt.Println(grad)
	// Output: [0 0.13533528 1 1 2 1]
}

func ExampleBiasELU() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 0.5, -1}
	dst := make([]float32, len(src))
	kernels.BiasELU(dst, src, bias, 1)
	fmt.Println(dst)
	// Output: [-0.95021296 0.5 1 -0.63212055 1.5 4]
}

func ExampleBiasELUMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	kernels.BiasELUMatrix(view3of5(z), view3of5(z), []float32{1, 0.5, -1}, 1)
	fmt.Println(z)
	// Output: [-0.95021296 0.5 1 9 9 -0.63212055 1.5 4 9 9]
}

func ExampleELUGradBias() {
	grad := []float32{1, 2, 1, 2}
	z := []float32{-1, 0, 1, 2} // 2 rows, 2 columns: the pre-activation
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.ELUGradBias(dst, dbias, grad, z, 1)
	fmt.Println(dst, dbias)
	// Output: [0.36787945 2 1 2] [1.3678794 4]
}

func ExampleELUGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // the pre-activation, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 2, 2, 2, 7, 7}
	dbias := make([]float32, 3)
	kernels.ELUGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z), 1)
	fmt.Println(dy, dbias)
	// Output: [0.01831564 1 1 7 7 0.27067056 2 2 7 7] [0.2889862 3 3]
}

func ExampleELUActivation() {
	a, err := kernels.ParseActivation("ELU(alpha=1.0)") // PyTorch's repr
	fmt.Println(a, err, a == kernels.ELUActivation(1), a.GradientFromOutput())
	// Output: elu(1) <nil> true false
}

func ExampleSoftplus() {
	// log(1+e^x), correctly rounded: x itself from x > 15.
	x := []float32{float32(math.Inf(-1)), -100, -2, float32(math.Copysign(0, -1)), 1e-20, 0.5, 2, 20, float32(math.NaN())}
	kernels.Softplus(x, x)
	fmt.Println(x)
	// Output: [0 3.8e-44 0.12692802 0.6931472 0.6931472 0.974077 2.126928 20 NaN]
}

func ExampleSoftplusGrad() {
	// grad times the derivative at the input x, rounded once.
	x := []float32{float32(math.Inf(-1)), -2, 0, 0.5, 3, float32(math.Inf(1))}
	grad := []float32{1, 1, 1, 1, 2, 1}
	kernels.SoftplusGrad(grad, grad, x)
	fmt.Println(grad)
	// Output: [0 0.11920292 0.5 0.62245935 1.9051483 1]
}

func ExampleBiasSoftplus() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 0.5, -1}
	dst := make([]float32, len(src))
	kernels.BiasSoftplus(dst, src, bias)
	fmt.Println(dst)
	// Output: [0.048587352 0.974077 1.3132616 0.3132617 1.7014133 4.01815]
}

func ExampleBiasSoftplusMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	kernels.BiasSoftplusMatrix(view3of5(z), view3of5(z), []float32{1, 0.5, -1})
	fmt.Println(z)
	// Output: [0.048587352 0.974077 1.3132616 9 9 0.3132617 1.7014133 4.01815 9 9]
}

func ExampleSoftplusGradBias() {
	grad := []float32{1, 2, 1, 2}
	z := []float32{-1, 0, 1, 2} // 2 rows, 2 columns: the pre-activation
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.SoftplusGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [0.26894143 1 0.7310586 1.7615942] [1 2.7615943]
}

func ExampleSoftplusGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // the pre-activation, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 2, 2, 2, 7, 7}
	dbias := make([]float32, 3)
	kernels.SoftplusGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [0.01798621 0.5 0.8807971 7 7 0.23840584 1.4621172 1.2449187 7 7] [0.25639206 1.9621172 2.1257157]
}

func ExampleSoftplusActivation() {
	a, err := kernels.ParseActivation("Softplus(beta=1.0, threshold=20.0)") // PyTorch's repr
	fmt.Println(a, err, a == kernels.SoftplusActivation(), a.GradientFromOutput())
	// Output: softplus <nil> true false
}

func ExampleMish() {
	// x·tanh(softplus(x)).
	x := []float32{float32(math.Inf(-1)), -100, -2, float32(math.Copysign(0, -1)), 1e-20, 0.5, 2, 20, float32(math.NaN())}
	kernels.Mish(x, x)
	fmt.Println(x)
	// Output: [-0 -3.72e-42 -0.2525015 -0 6e-21 0.3752452 1.943959 20 NaN]
}

func ExampleMishGrad() {
	// grad times the derivative at the input x, rounded once.
	x := []float32{float32(math.Inf(-1)), -2, 0, 0.5, 3, float32(math.Inf(1))}
	grad := []float32{1, 1, 1, 1, 2, 1}
	kernels.MishGrad(grad, grad, x)
	fmt.Println(grad)
	// Output: [-0 -0.10835509 0.6 0.88642436 2.042214 1]
}

func ExampleBiasMish() {
	src := []float32{ // 2 rows, 3 columns
		-4, 0, 2,
		-2, 1, 5,
	}
	bias := []float32{1, 0.5, -1}
	dst := make([]float32, len(src))
	kernels.BiasMish(dst, src, bias)
	fmt.Println(dst)
	// Output: [-0.14564747 0.3752452 0.8650984 -0.30340147 1.4033782 3.997413]
}

func ExampleBiasMishMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	kernels.BiasMishMatrix(view3of5(z), view3of5(z), []float32{1, 0.5, -1})
	fmt.Println(z)
	// Output: [-0.14564747 0.3752452 0.8650984 9 9 -0.30340147 1.4033782 3.997413 9 9]
}

func ExampleMishGradBias() {
	grad := []float32{1, 2, 1, 2}
	z := []float32{-1, 0, 1, 2} // 2 rows, 2 columns: the pre-activation
	dst := make([]float32, len(grad))
	dbias := make([]float32, 2)
	kernels.MishGradBias(dst, dbias, grad, z)
	fmt.Println(dst, dbias)
	// Output: [0.059216756 1.2 1.0490363 2.1386359] [1.108253 3.338636]
}

func ExampleMishGradBiasMatrix() {
	z := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // the pre-activation, in a 2×5 buffer
	dy := []float32{1, 1, 1, 7, 7, 2, 2, 2, 7, 7}
	dbias := make([]float32, 3)
	kernels.MishGradBiasMatrix(view3of5(dy), dbias, view3of5(dy), view3of5(z))
	fmt.Println(dy, dbias)
	// Output: [-0.05377321 0.6 1.0693179 7 7 -0.21671018 2.0980725 1.7728487 7 7] [-0.27048337 2.6980724 2.8421667]
}

func ExampleMishActivation() {
	a, err := kernels.ParseActivation("Mish()") // PyTorch's repr
	fmt.Println(a, err, a == kernels.MishActivation(), a.GradientFromOutput())
	// Output: mish <nil> true false
}

func ExampleParallel_smooth() {
	p := kernels.NewParallel(2)
	defer p.Close()
	// Every smooth activation is a method too, with the package function's
	// bits: each pair below computes the same thing twice.
	x := []float32{-4, 0, 2, 9, 9, -2, 1, 0.5, 9, 9} // 2 rows of 3 in a 2×5 buffer
	g := []float32{1, 2, 3, 7, 7, 4, 5, 6, 7, 7}
	bias := []float32{1, 0.5, -1}
	type pair struct {
		name string
		run  [2]func(dst, dbias []float32)
	}
	pairs := []pair{
		{"Sigmoid", [2]func(d, _ []float32){func(d, _ []float32) { p.Sigmoid(d, x) }, func(d, _ []float32) { kernels.Sigmoid(d, x) }}},
		{"SigmoidGrad", [2]func(d, _ []float32){func(d, _ []float32) { p.SigmoidGrad(d, g, x) }, func(d, _ []float32) { kernels.SigmoidGrad(d, g, x) }}},
		{"BiasSigmoid", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasSigmoid(d, x, append(bias, bias[0], bias[1])) }, func(d, _ []float32) { kernels.BiasSigmoid(d, x, append(bias, bias[0], bias[1])) }}},
		{"SigmoidGradBias", [2]func(d, db []float32){func(d, db []float32) { p.SigmoidGradBias(d, db, g, x) }, func(d, db []float32) { kernels.SigmoidGradBias(d, db, g, x) }}},
		{"BiasSigmoidMatrix", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasSigmoidMatrix(view3of5(d), view3of5(x), bias) }, func(d, _ []float32) { kernels.BiasSigmoidMatrix(view3of5(d), view3of5(x), bias) }}},
		{"SigmoidGradBiasMatrix", [2]func(d, db []float32){func(d, db []float32) { p.SigmoidGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }, func(d, db []float32) { kernels.SigmoidGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }}},
		{"Tanh", [2]func(d, _ []float32){func(d, _ []float32) { p.Tanh(d, x) }, func(d, _ []float32) { kernels.Tanh(d, x) }}},
		{"TanhGrad", [2]func(d, _ []float32){func(d, _ []float32) { p.TanhGrad(d, g, x) }, func(d, _ []float32) { kernels.TanhGrad(d, g, x) }}},
		{"BiasTanh", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasTanh(d, x, append(bias, bias[0], bias[1])) }, func(d, _ []float32) { kernels.BiasTanh(d, x, append(bias, bias[0], bias[1])) }}},
		{"TanhGradBias", [2]func(d, db []float32){func(d, db []float32) { p.TanhGradBias(d, db, g, x) }, func(d, db []float32) { kernels.TanhGradBias(d, db, g, x) }}},
		{"BiasTanhMatrix", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasTanhMatrix(view3of5(d), view3of5(x), bias) }, func(d, _ []float32) { kernels.BiasTanhMatrix(view3of5(d), view3of5(x), bias) }}},
		{"TanhGradBiasMatrix", [2]func(d, db []float32){func(d, db []float32) { p.TanhGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }, func(d, db []float32) { kernels.TanhGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }}},
		{"SiLU", [2]func(d, _ []float32){func(d, _ []float32) { p.SiLU(d, x) }, func(d, _ []float32) { kernels.SiLU(d, x) }}},
		{"SiLUGrad", [2]func(d, _ []float32){func(d, _ []float32) { p.SiLUGrad(d, g, x) }, func(d, _ []float32) { kernels.SiLUGrad(d, g, x) }}},
		{"BiasSiLU", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasSiLU(d, x, append(bias, bias[0], bias[1])) }, func(d, _ []float32) { kernels.BiasSiLU(d, x, append(bias, bias[0], bias[1])) }}},
		{"SiLUGradBias", [2]func(d, db []float32){func(d, db []float32) { p.SiLUGradBias(d, db, g, x) }, func(d, db []float32) { kernels.SiLUGradBias(d, db, g, x) }}},
		{"BiasSiLUMatrix", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasSiLUMatrix(view3of5(d), view3of5(x), bias) }, func(d, _ []float32) { kernels.BiasSiLUMatrix(view3of5(d), view3of5(x), bias) }}},
		{"SiLUGradBiasMatrix", [2]func(d, db []float32){func(d, db []float32) { p.SiLUGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }, func(d, db []float32) { kernels.SiLUGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }}},
		{"GELU", [2]func(d, _ []float32){func(d, _ []float32) { p.GELU(d, x) }, func(d, _ []float32) { kernels.GELU(d, x) }}},
		{"GELUGrad", [2]func(d, _ []float32){func(d, _ []float32) { p.GELUGrad(d, g, x) }, func(d, _ []float32) { kernels.GELUGrad(d, g, x) }}},
		{"BiasGELU", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasGELU(d, x, append(bias, bias[0], bias[1])) }, func(d, _ []float32) { kernels.BiasGELU(d, x, append(bias, bias[0], bias[1])) }}},
		{"GELUGradBias", [2]func(d, db []float32){func(d, db []float32) { p.GELUGradBias(d, db, g, x) }, func(d, db []float32) { kernels.GELUGradBias(d, db, g, x) }}},
		{"BiasGELUMatrix", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasGELUMatrix(view3of5(d), view3of5(x), bias) }, func(d, _ []float32) { kernels.BiasGELUMatrix(view3of5(d), view3of5(x), bias) }}},
		{"GELUGradBiasMatrix", [2]func(d, db []float32){func(d, db []float32) { p.GELUGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }, func(d, db []float32) { kernels.GELUGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }}},
		{"GELUTanh", [2]func(d, _ []float32){func(d, _ []float32) { p.GELUTanh(d, x) }, func(d, _ []float32) { kernels.GELUTanh(d, x) }}},
		{"GELUTanhGrad", [2]func(d, _ []float32){func(d, _ []float32) { p.GELUTanhGrad(d, g, x) }, func(d, _ []float32) { kernels.GELUTanhGrad(d, g, x) }}},
		{"BiasGELUTanh", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasGELUTanh(d, x, append(bias, bias[0], bias[1])) }, func(d, _ []float32) { kernels.BiasGELUTanh(d, x, append(bias, bias[0], bias[1])) }}},
		{"GELUTanhGradBias", [2]func(d, db []float32){func(d, db []float32) { p.GELUTanhGradBias(d, db, g, x) }, func(d, db []float32) { kernels.GELUTanhGradBias(d, db, g, x) }}},
		{"BiasGELUTanhMatrix", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasGELUTanhMatrix(view3of5(d), view3of5(x), bias) }, func(d, _ []float32) { kernels.BiasGELUTanhMatrix(view3of5(d), view3of5(x), bias) }}},
		{"GELUTanhGradBiasMatrix", [2]func(d, db []float32){func(d, db []float32) { p.GELUTanhGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }, func(d, db []float32) { kernels.GELUTanhGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }}},
		{"ELU", [2]func(d, _ []float32){func(d, _ []float32) { p.ELU(d, x, 0.5) }, func(d, _ []float32) { kernels.ELU(d, x, 0.5) }}},
		{"ELUGrad", [2]func(d, _ []float32){func(d, _ []float32) { p.ELUGrad(d, g, x, 0.5) }, func(d, _ []float32) { kernels.ELUGrad(d, g, x, 0.5) }}},
		{"BiasELU", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasELU(d, x, append(bias, bias[0], bias[1]), 0.5) }, func(d, _ []float32) { kernels.BiasELU(d, x, append(bias, bias[0], bias[1]), 0.5) }}},
		{"ELUGradBias", [2]func(d, db []float32){func(d, db []float32) { p.ELUGradBias(d, db, g, x, 0.5) }, func(d, db []float32) { kernels.ELUGradBias(d, db, g, x, 0.5) }}},
		{"BiasELUMatrix", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasELUMatrix(view3of5(d), view3of5(x), bias, 0.5) }, func(d, _ []float32) { kernels.BiasELUMatrix(view3of5(d), view3of5(x), bias, 0.5) }}},
		{"ELUGradBiasMatrix", [2]func(d, db []float32){func(d, db []float32) { p.ELUGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x), 0.5) }, func(d, db []float32) { kernels.ELUGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x), 0.5) }}},
		{"Softplus", [2]func(d, _ []float32){func(d, _ []float32) { p.Softplus(d, x) }, func(d, _ []float32) { kernels.Softplus(d, x) }}},
		{"SoftplusGrad", [2]func(d, _ []float32){func(d, _ []float32) { p.SoftplusGrad(d, g, x) }, func(d, _ []float32) { kernels.SoftplusGrad(d, g, x) }}},
		{"BiasSoftplus", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasSoftplus(d, x, append(bias, bias[0], bias[1])) }, func(d, _ []float32) { kernels.BiasSoftplus(d, x, append(bias, bias[0], bias[1])) }}},
		{"SoftplusGradBias", [2]func(d, db []float32){func(d, db []float32) { p.SoftplusGradBias(d, db, g, x) }, func(d, db []float32) { kernels.SoftplusGradBias(d, db, g, x) }}},
		{"BiasSoftplusMatrix", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasSoftplusMatrix(view3of5(d), view3of5(x), bias) }, func(d, _ []float32) { kernels.BiasSoftplusMatrix(view3of5(d), view3of5(x), bias) }}},
		{"SoftplusGradBiasMatrix", [2]func(d, db []float32){func(d, db []float32) { p.SoftplusGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }, func(d, db []float32) { kernels.SoftplusGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }}},
		{"Mish", [2]func(d, _ []float32){func(d, _ []float32) { p.Mish(d, x) }, func(d, _ []float32) { kernels.Mish(d, x) }}},
		{"MishGrad", [2]func(d, _ []float32){func(d, _ []float32) { p.MishGrad(d, g, x) }, func(d, _ []float32) { kernels.MishGrad(d, g, x) }}},
		{"BiasMish", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasMish(d, x, append(bias, bias[0], bias[1])) }, func(d, _ []float32) { kernels.BiasMish(d, x, append(bias, bias[0], bias[1])) }}},
		{"MishGradBias", [2]func(d, db []float32){func(d, db []float32) { p.MishGradBias(d, db, g, x) }, func(d, db []float32) { kernels.MishGradBias(d, db, g, x) }}},
		{"BiasMishMatrix", [2]func(d, _ []float32){func(d, _ []float32) { p.BiasMishMatrix(view3of5(d), view3of5(x), bias) }, func(d, _ []float32) { kernels.BiasMishMatrix(view3of5(d), view3of5(x), bias) }}},
		{"MishGradBiasMatrix", [2]func(d, db []float32){func(d, db []float32) { p.MishGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }, func(d, db []float32) { kernels.MishGradBiasMatrix(view3of5(d), db[:3], view3of5(g), view3of5(x)) }}},
	}
	differ := 0
	for _, c := range pairs {
		var out [2][]float32
		for i, run := range c.run {
			dst, dbias := make([]float32, len(x)), make([]float32, 5)
			run(dst, dbias)
			out[i] = append(dst, dbias...)
		}
		for i := range out[0] {
			if math.Float32bits(out[0][i]) != math.Float32bits(out[1][i]) {
				differ++
				fmt.Println(c.name, "differs at", i)
			}
		}
	}
	fmt.Println(len(pairs), "pairs,", differ, "differences")
	// Output: 48 pairs, 0 differences
}
