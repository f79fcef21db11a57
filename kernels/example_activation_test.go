package kernels_test

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/fastrelu/fastrelu/kernels"
)

func ExampleActivation() {
	// A layer takes its nonlinearity as a value and calls its methods, which
	// run the package's kernels.
	act := kernels.LeakyReLUActivation(0.1)
	fmt.Println(act, act.IsLeaky(), act.Alpha())

	z := []float32{-2, 0, 3}
	h := make([]float32, len(z))
	act.Forward(h, z) // LeakyReLU(h, z, 0.1)

	// Backward: from the output h where the activation allows it, from the
	// pre-activation z otherwise.
	from := z
	if act.GradientFromOutput() {
		from = h
	}
	dz := []float32{1, 1, 1}
	act.Gradient(dz, dz, from) // LeakyReLUGrad(dz, dz, from, 0.1), in place
	fmt.Println(h, dz)

	// The zero Activation is the identity, a linear layer's (Keras'
	// activation=None): a layer never gets a ReLU it was not given.
	// == compares the functions bit for bit.
	var zero kernels.Activation
	fmt.Println(zero, zero == kernels.IdentityActivation(), act == kernels.LeakyReLUActivation(0.1))
	// Output:
	// leaky_relu(0.1) true 0.1
	// [-0.2 0 3] [0.1 0.1 1]
	// identity true true
}

func ExampleReLUActivation() {
	a := kernels.ReLUActivation()
	fmt.Println(a, a.IsLeaky(), a.Alpha(), a == kernels.Activation{})
	// Output: relu false 0 false
}

func ExampleIdentityActivation() {
	// The zero Activation: dst = src, bit for bit, NaNs and -0 included;
	// the bias form adds the bias (a linear layer), the gradient passes grad.
	var a kernels.Activation
	x := []float32{-2, float32(math.Copysign(0, -1)), 3}
	y := make([]float32, 3)
	a.Forward(y, x)
	fmt.Println(a, a == kernels.IdentityActivation(), y, math.Signbit(float64(y[1])))
	a.BiasForward(y, x, []float32{1, 1, 1})
	fmt.Println(y)
	b, err := kernels.ParseActivation("linear") // Keras' name
	fmt.Println(b == a, err)
	// Output:
	// identity true [-2 -0 3] true
	// [-1 1 4]
	// true <nil>
}

func ExampleLeakyReLUActivation() {
	// Any alpha is allowed; String writes it out in full, and == compares
	// alphas by their bits, so -0 and +0 differ and NaN equals itself.
	negZero := float32(math.Copysign(0, -1))
	nan := float32(math.NaN())
	fmt.Println(kernels.LeakyReLUActivation(0.2), kernels.LeakyReLUActivation(kernels.DefaultLeakyReLUAlpha))
	fmt.Println(kernels.LeakyReLUActivation(negZero), kernels.LeakyReLUActivation(negZero) == kernels.LeakyReLUActivation(0))
	a, b := kernels.LeakyReLUActivation(nan), kernels.LeakyReLUActivation(nan)
	fmt.Println(a, a == b)
	// LeakyReLU with alpha 0 computes ReLU's values, but is not ReLU.
	fmt.Println(kernels.LeakyReLUActivation(0) == kernels.ReLUActivation())
	// Output:
	// leaky_relu(0.2) leaky_relu(0.01)
	// leaky_relu(-0) false
	// leaky_relu(NaN) true
	// false
}

func ExampleActivation_GradientFromOutput() {
	// Whether the gradient may be taken from the forward output y: the sign
	// test on y must agree with the one on the pre-activation. Where it
	// does not, a layer keeps its pre-activations for the backward pass.
	for _, s := range []string{"relu", "leaky_relu(0.2)", "leaky_relu(0)", "leaky_relu(-1)", "leaky_relu(inf)"} {
		a, _ := kernels.ParseActivation(s)
		fmt.Println(a, a.GradientFromOutput())
	}
	// Output:
	// relu true
	// leaky_relu(0.2) true
	// leaky_relu(0) false
	// leaky_relu(-1) false
	// leaky_relu(+Inf) false
}

func ExampleActivation_BiasForward() {
	// A layer of 2 units on a batch of 2 rows: BiasForward is BiasReLU or
	// BiasLeakyReLU, BiasGradient ReLUGradBias or LeakyReLUGradBias.
	act := kernels.LeakyReLUActivation(0.1)
	h := []float32{ // z = x·W, overwritten by the activations
		-1, 0.5,
		2, -3,
	}
	b := []float32{0, 0.5}
	act.BiasForward(h, h, b)
	fmt.Println(h)

	dh := []float32{1, 1, 1, 1}
	db := make([]float32, len(b)) // added to: zero for a plain sum
	act.BiasGradient(dh, db, dh, h)
	fmt.Println(dh, db)
	// Output:
	// [-0.1 1 2 -0.25]
	// [0.1 1 1 0.1] [1.1 1.1]
}

func ExampleActivation_String() {
	// String writes the shortest text that parses back to the same alpha.
	a := kernels.LeakyReLUActivation(1.0 / 3)
	b, err := kernels.ParseActivation(a.String())
	fmt.Println(a, b == a, err)
	// Output: leaky_relu(0.33333334) true <nil>
}

func ExampleActivation_UnmarshalText() {
	// Activation implements encoding.TextUnmarshaler and TextMarshaler, so a
	// JSON configuration (or any encoding that uses them) names one as text,
	// spelled as PyTorch or Keras users write it.
	var cfg struct {
		Hidden kernels.Activation `json:"hidden"`
		Output kernels.Activation `json:"output"`
	}
	err := json.Unmarshal([]byte(`{"hidden": "LeakyReLU(negative_slope=0.2)", "output": "relu"}`), &cfg)
	fmt.Println(cfg.Hidden, cfg.Output, err)

	out, _ := json.Marshal(cfg) // MarshalText: the canonical names
	fmt.Println(string(out))

	text, _ := cfg.Hidden.MarshalText()
	fmt.Println(string(text))

	err = json.Unmarshal([]byte(`{"hidden": "selu"}`), &cfg)
	fmt.Println(err != nil, cfg.Hidden) // an error, and cfg.Hidden unchanged
	// Output:
	// leaky_relu(0.2) relu <nil>
	// {"hidden":"leaky_relu(0.2)","output":"relu"}
	// leaky_relu(0.2)
	// true leaky_relu(0.2)
}

func ExampleParseActivation() {
	// Case, spaces, '_' and '-' in the name do not matter; "leaky_relu"
	// alone means DefaultLeakyReLUAlpha.
	for _, s := range []string{
		"relu",
		"ReLU",
		"leaky_relu",
		"LeakyReLU(0.2)",
		"leaky_relu(alpha=0.3)",         // Keras
		"LeakyReLU(negative_slope=0.2)", // PyTorch
		"LeakyReLU(negative_slope=0.2, inplace=True)", // PyTorch's repr
		"Leaky ReLU ( Alpha = 1e-3 )",
		"linear",                             // Keras' activation=None
		"GELU(approximate='tanh')",           // PyTorch's repr
		"swish",                              // Keras
		"Softplus(beta=1.0, threshold=20.0)", // every threshold >= 15 is the same function
	} {
		a, err := kernels.ParseActivation(s)
		fmt.Printf("%-46q %v %v\n", s, a, err)
	}

	_, err := kernels.ParseActivation("selu")
	fmt.Println(err)
	_, err = kernels.ParseActivation("Softplus(beta=2.0)")
	fmt.Println(err)
	_, err = kernels.ParseActivation("relu(0.1)")
	fmt.Println(err)
	_, err = kernels.ParseActivation("HardSigmoid(alpha=0.2, beta=0.5)") // ONNX's
	fmt.Println(err)
	// Output:
	// "relu"                                         relu <nil>
	// "ReLU"                                         relu <nil>
	// "leaky_relu"                                   leaky_relu(0.01) <nil>
	// "LeakyReLU(0.2)"                               leaky_relu(0.2) <nil>
	// "leaky_relu(alpha=0.3)"                        leaky_relu(0.3) <nil>
	// "LeakyReLU(negative_slope=0.2)"                leaky_relu(0.2) <nil>
	// "LeakyReLU(negative_slope=0.2, inplace=True)"  leaky_relu(0.2) <nil>
	// "Leaky ReLU ( Alpha = 1e-3 )"                  leaky_relu(0.001) <nil>
	// "linear"                                       identity <nil>
	// "GELU(approximate='tanh')"                     gelu_tanh <nil>
	// "swish"                                        silu <nil>
	// "Softplus(beta=1.0, threshold=20.0)"           softplus <nil>
	// kernels: unknown activation "selu"; known: "identity", "relu", "leaky_relu", "leaky_relu(alpha)", "relu6", "hardsigmoid", "hardswish", "hardtanh", "hardtanh(lo, hi)", "sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "elu(alpha)", "softplus", "mish" (also "linear", "Identity", "ReLU", "LeakyReLU", "leaky_relu(alpha=…)", "leaky_relu(negative_slope=…)", "ReLU6", "Hardsigmoid", "Hardswish", "hard_silu", "Hardtanh", "hardtanh(min_val=…)", "hardtanh(lo=…)", "hardtanh(max_val=…)", "hardtanh(hi=…)", "Sigmoid", "logistic", "Tanh", "SiLU", "swish", "GELU", "GELUTanh", "gelu_new", "gelu_pytorch_tanh", "ELU", "elu(alpha=…)", "Softplus", "Mish")
	// kernels: activation "Softplus(beta=2.0)": beta "2.0": only beta=1 is provided (PyTorch's Softplus(beta) is log(1+e^(beta*x))/beta)
	// kernels: activation "relu(0.1)": relu takes no parameter (for a negative slope use leaky_relu(alpha))
	// kernels: activation "HardSigmoid(alpha=0.2, beta=0.5)": hardsigmoid has no parameter "alpha" (it is PyTorch's relu6(x+3)/6; ONNX's HardSigmoid(alpha, beta), clip(alpha*x+beta, 0, 1) with alpha = 0.2 by default, and Keras 2's hard_sigmoid are other functions, not provided)
}

func ExampleParallel_Forward() {
	// An Activation runs on a Parallel as on the package, with the same
	// bits: the layer code takes the runner and the activation apart.
	p := kernels.NewParallel(2)
	defer p.Close()
	act, _ := kernels.ParseActivation("Hardswish()")
	z := []float32{-4, -1, 0.5, 4} // 2 rows, 2 columns
	h := make([]float32, len(z))
	p.Forward(act, h, z)
	fmt.Println(h)
	p.BiasForward(act, h, z, []float32{1, -1})
	fmt.Println(h)
	dz, db := make([]float32, len(z)), make([]float32, 2)
	p.Gradient(act, dz, []float32{1, 1, 1, 1}, z)
	fmt.Println(dz)
	p.BiasGradient(act, dz, db, []float32{1, 1, 1, 1}, z)
	fmt.Println(dz, db)
	// Output:
	// [-0 -0.33333334 0.29166666 4]
	// [-0 -0.33333334 1.125 3]
	// [0 0.16666666 0.6666667 1]
	// [0 0.16666666 0.6666667 1] [0.6666667 1.1666666]
}
