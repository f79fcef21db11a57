package kernels_test

import (
	"encoding/json"
	"fmt"

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

func ExampleParseActivation() {
	// An activation read from a JSON configuration, as PyTorch or Keras
	// users spell it.
	var cfg struct {
		Hidden kernels.Activation `json:"hidden"`
		Output kernels.Activation `json:"output"`
	}
	err := json.Unmarshal([]byte(`{"hidden": "LeakyReLU(negative_slope=0.2)", "output": "relu"}`), &cfg)
	fmt.Println(cfg.Hidden, cfg.Output, err)

	h := []float32{-1, 0.5, 2, -3}
	cfg.Hidden.BiasForward(h, h, []float32{0, 0.5}) // two units
	fmt.Println(h)

	out, _ := json.Marshal(cfg)
	fmt.Println(string(out))

	_, err = kernels.ParseActivation("swish")
	fmt.Println(err)
	// Output:
	// leaky_relu(0.2) relu <nil>
	// [-0.2 1 2 -0.5]
	// {"hidden":"leaky_relu(0.2)","output":"relu"}
	// kernels: unknown activation "swish"; known: "relu", "leaky_relu", "leaky_relu(alpha)" (also "ReLU", "LeakyReLU", "leaky_relu(alpha=0.2)", "leaky_relu(negative_slope=0.2)")
}
