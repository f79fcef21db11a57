package kernels

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseActivation(t *testing.T) {
	relu := ReLUActivation()
	leaky := func(a float32) Activation { return LeakyReLUActivation(a) }
	for s, want := range map[string]Activation{
		"relu":                              relu,
		"ReLU":                              relu,
		" RELU ":                            relu,
		"relu()":                            relu,
		"leaky_relu":                        leaky(0.01),
		"LeakyReLU":                         leaky(0.01),
		"leaky_relu()":                      leaky(0.01),
		"leaky-relu":                        leaky(0.01),
		"Leaky ReLU":                        leaky(0.01),
		"leaky_relu(0.2)":                   leaky(0.2),
		"LeakyReLU(0.3)":                    leaky(0.3),
		"leaky_relu(alpha=0.2)":             leaky(0.2),
		"LeakyReLU(alpha=0.3)":              leaky(0.3),
		"leaky_relu(negative_slope=0.2)":    leaky(0.2),
		"LeakyReLU(negative_slope = 1e-3)":  leaky(1e-3),
		"LEAKY_RELU( Alpha = -0.5 )":        leaky(-0.5),
		"leaky_relu(-0)":                    leaky(float32(math.Copysign(0, -1))),
		"leaky_relu(+Inf)":                  leaky(float32(math.Inf(1))),
		"leaky_relu(1e-45)":                 leaky(math.Float32frombits(1)),
		"leaky_relu(0x1p-3)":                leaky(0.125),
		"leaky_relu(NaN)":                   leaky(math.Float32frombits(0x7fc00000)),
		"leaky_relu(3.4028234663852886e38)": leaky(math.MaxFloat32),
		// The smooth activations, as PyTorch prints its modules, and the
		// names of its functional API, Keras, ONNX and Hugging Face.
		"Sigmoid()":                          SigmoidActivation(),
		"sigmoid":                            SigmoidActivation(),
		"logistic":                           SigmoidActivation(),
		"Tanh()":                             TanhActivation(),
		"SiLU(inplace=True)":                 SiLUActivation(),
		"silu":                               SiLUActivation(),
		"swish":                              SiLUActivation(),
		"GELU(approximate='none')":           GELUActivation(),
		"GELU(approximate='tanh')":           GELUTanhActivation(),
		"gelu(approximate=False)":            GELUActivation(),
		"gelu(approximate=True)":             GELUTanhActivation(),
		"Gelu":                               GELUActivation(),
		"gelu_new":                           GELUTanhActivation(),
		"gelu_pytorch_tanh":                  GELUTanhActivation(),
		"gelu_tanh(approximate=\"tanh\")":    GELUTanhActivation(),
		"ELU(alpha=1.0)":                     ELUActivation(1),
		"ELU(alpha=0.5, inplace=False)":      ELUActivation(0.5),
		"Elu":                                ELUActivation(1),
		"elu(2)":                             ELUActivation(2),
		"Softplus(beta=1.0, threshold=20.0)": SoftplusActivation(),
		"softplus(threshold=15)":             SoftplusActivation(),
		"Softplus":                           SoftplusActivation(),
		"Mish()":                             MishActivation(),
		// Literals that round to a subnormal, or are zero, are accepted.
		"leaky_relu(8e-46)":      leaky(math.Float32frombits(1)),
		"leaky_relu(1e-40)":      leaky(1e-40),
		"leaky_relu(0e-999)":     leaky(0),
		"leaky_relu(-0.000e-60)": leaky(float32(math.Copysign(0, -1))),
		"leaky_relu(0x0p-200)":   leaky(0),
		// PyTorch's reprs, ONNX's and Keras' names, keywords and
		// positions mixed.
		"ReLU(inplace=True)":                          relu,
		"ReLU(inplace=False)":                         relu,
		"LeakyReLU(negative_slope=0.2, inplace=True)": leaky(0.2),
		"LeakyReLU(inplace=True, negative_slope=0.2)": leaky(0.2),
		"LeakyReLU(0.2, inplace=True)":                leaky(0.2),
		"LeakyReLU(inplace=True)":                     leaky(0.01),
		"LeakyRelu(alpha=0.1)":                        leaky(0.1),
		"identity":                                    {},
		"Identity()":                                  {},
		"linear":                                      {},
		"ReLU6(inplace=True)":                         ReLU6Activation(),
		"Hardsigmoid()":                               HardSigmoidActivation(),
		"hard_sigmoid":                                HardSigmoidActivation(),
		"Hardswish(inplace=False)":                    HardSwishActivation(),
		"HardSwish":                                   HardSwishActivation(),
		"hard_silu":                                   HardSwishActivation(),
	} {
		got, err := ParseActivation(s)
		if assert.NoError(t, err, s) {
			assert.Equal(t, want, got, "ParseActivation(%q) = %v", s, got)
		}
	}
	assert.Equal(t, math.Float32bits(float32(0.01)), math.Float32bits(DefaultLeakyReLUAlpha))
}

func TestParseActivationErrors(t *testing.T) {
	for s, want := range map[string]string{
		"quick_gelu":                         `kernels: unknown activation "quick_gelu"; known: "identity", "relu", "leaky_relu", "leaky_relu(alpha)"`,
		"selu":                               `(also "linear", "Identity", "ReLU", "LeakyReLU", "leaky_relu(alpha=…)", "leaky_relu(negative_slope=…)"`,
		"GELU(approximate='erf')":            `kernels: activation "GELU(approximate='erf')": approximate "'erf'": want 'none' or 'tanh'`,
		"gelu_tanh(approximate='none')":      `approximate "'none'": gelu_tanh is approximate='tanh'`,
		"Softplus(beta=2.0, threshold=20.0)": `beta "2.0": only beta=1`,
		"Softplus(beta=1.0, threshold=10.0)": `threshold "10.0": thresholds below 15`,
		"Softplus(beta=1.0, threshold=abc)":  `threshold "abc": thresholds below 15`,
		"sigmoid(0.5)":                       `sigmoid takes no parameter`,
		"ELU(alpha=1.0, scale=2)":            `unknown parameter "scale" (want alpha)`,
		"":                                   `kernels: unknown activation ""; known:`,
		"prelu(0.25)":                        `kernels: unknown activation "prelu(0.25)"; known:`,
		"leaky_relu(0.2":                     `kernels: activation "leaky_relu(0.2": missing ')'`,
		"relu(0.1)":                          `kernels: activation "relu(0.1)": relu takes no parameter (for a negative slope use leaky_relu(alpha))`,
		"leaky_relu(slope=0.2)":              `kernels: activation "leaky_relu(slope=0.2)": unknown parameter "slope" (want alpha or negative_slope)`,
		"leaky_relu(abc)":                    `kernels: activation "leaky_relu(abc)": alpha "abc" is not a number`,
		"leaky_relu(alpha=)":                 `kernels: activation "leaky_relu(alpha=)": alpha "" is not a number`,
		"leaky_relu(1e39)": `kernels: activation "leaky_relu(1e39)": alpha "1e39" is out of range: beyond the largest float32, ` +
			`3.4028235e+38 (write inf for an infinite alpha)`,
		"leaky_relu(-3.4028236e38)": `alpha "-3.4028236e38" is out of range: beyond the largest float32`,
		"leaky_relu(1e-50)": `kernels: activation "leaky_relu(1e-50)": alpha "1e-50" is out of range: not zero, but too small ` +
			`for a float32 (below half the smallest, 1e-45), it rounds to 0 (write 0 for a zero alpha)`,
		"leaky_relu(alpha=-7e-46)":         `alpha "-7e-46" is out of range: not zero, but too small`,
		"leaky_relu(0x1p-150)":             `alpha "0x1p-150" is out of range: not zero, but too small`,
		"leaky_relu(0.0001e-999)":          `alpha "0.0001e-999" is out of range: not zero, but too small`,
		"leaky_relu(0.1, 0.2)":             `kernels: activation "leaky_relu(0.1, 0.2)": leaky_relu takes 1 parameter`,
		"leaky_relu(0.1, alpha=0.2)":       `kernels: activation "leaky_relu(0.1, alpha=0.2)": alpha is given twice`,
		"ReLU(inplace=maybe)":              `kernels: activation "ReLU(inplace=maybe)": inplace "maybe" is not True or False`,
		"relu(alpha=0.1)":                  `kernels: activation "relu(alpha=0.1)": relu has no parameter "alpha" (for a negative slope use leaky_relu(alpha))`,
		"HardSigmoid(alpha=0.2, beta=0.5)": `hardsigmoid has no parameter "alpha" (it is PyTorch's relu6(x+3)/6; ONNX's HardSigmoid(alpha, beta)`,
		"hardswish(0.1)":                   `kernels: activation "hardswish(0.1)": hardswish takes no parameter`,
	} {
		_, err := ParseActivation(s)
		if assert.Error(t, err, s) {
			assert.Contains(t, err.Error(), want, s)
		}
	}
}

func TestActivationString(t *testing.T) {
	assert.Equal(t, "identity", Activation{}.String())
	assert.Equal(t, "relu", ReLUActivation().String())
	assert.Equal(t, "leaky_relu(0.2)", LeakyReLUActivation(0.2).String())
	assert.Equal(t, "leaky_relu(0.01)", LeakyReLUActivation(DefaultLeakyReLUAlpha).String())
	assert.Equal(t, "leaky_relu(-0)", LeakyReLUActivation(float32(math.Copysign(0, -1))).String())
	assert.Equal(t, "leaky_relu(+Inf)", LeakyReLUActivation(float32(math.Inf(1))).String())
	assert.Equal(t, "leaky_relu(1e-45)", LeakyReLUActivation(math.Float32frombits(1)).String())
	assert.Equal(t, "leaky_relu(NaN)", LeakyReLUActivation(float32(math.NaN())).String())
	assert.True(t, Activation{}.GradientFromOutput())
	assert.True(t, LeakyReLUActivation(1e-30).GradientFromOutput())
	for _, a := range []float32{0, -0.1, float32(math.Inf(1)), float32(math.NaN())} {
		assert.False(t, LeakyReLUActivation(a).GradientFromOutput(), "alpha %v", a)
	}
	assert.False(t, Activation{}.IsLeaky())
	assert.Zero(t, Activation{}.Alpha())
	assert.True(t, LeakyReLUActivation(0.5).IsLeaky())
	assert.Equal(t, math.Float32bits(0.5), math.Float32bits(LeakyReLUActivation(0.5).Alpha()))
}

// TestActivationRoundTrip: String, then ParseActivation, and JSON, give the
// same value back, alpha bit for bit, for every alpha of the tests and many
// random ones (NaNs other than the canonical one excepted, as documented).
func TestActivationRoundTrip(t *testing.T) {
	as := []Activation{{}, ReLUActivation(), ReLU6Activation(), HardSigmoidActivation(), HardSwishActivation(),
		SigmoidActivation(), TanhActivation(), SiLUActivation(), GELUActivation(), GELUTanhActivation(),
		ELUActivation(1), ELUActivation(-0.25), SoftplusActivation(), MishActivation()}
	for _, a := range kerneltest.Alphas {
		as = append(as, LeakyReLUActivation(a))
	}
	for _, s := range kerneltest.Specials {
		as = append(as, LeakyReLUActivation(math.Float32frombits(s)))
	}
	for _, v := range kerneltest.RandomInputs(2000, 42) {
		as = append(as, LeakyReLUActivation(v))
	}
	type config struct {
		Hidden []Activation `json:"hidden"`
		Output Activation   `json:"output"`
	}
	for _, a := range as {
		want := a
		if al := a.Alpha(); al != al {
			want = LeakyReLUActivation(math.Float32frombits(0x7fc00000))
		}
		got, err := ParseActivation(a.String())
		require.NoError(t, err, a.String())
		require.Equal(t, want, got, "%s", a)

		js, err := json.Marshal(config{Hidden: []Activation{a, a}, Output: a})
		require.NoError(t, err)
		var back config
		require.NoError(t, json.Unmarshal(js, &back), string(js))
		require.Equal(t, config{Hidden: []Activation{want, want}, Output: want}, back, string(js))
	}
	js, err := json.Marshal(map[string]Activation{"act": LeakyReLUActivation(0.2)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"act": "leaky_relu(0.2)"}`, string(js))
	var bad struct{ Act Activation }
	err = json.Unmarshal([]byte(`{"Act": "selu"}`), &bad)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown activation "selu"`)
}

// TestActivationMethods: each method gives the bits of the kernel it names.
func TestActivationMethods(t *testing.T) {
	const rows, cols = 7, 13
	src, bias, grad := kerneltest.RandomInputs(rows*cols, 1), kerneltest.RandomInputs(cols, 2), kerneltest.RandomInputs(rows*cols, 3)
	type kernels struct {
		forward, gradient func(dst, a, b []float32)
		biasForward       func(dst, src, bias []float32)
		biasGradient      func(dst, dbias, grad, y []float32)
	}
	leaky := func(alpha float32) kernels {
		return kernels{
			func(d, s, _ []float32) { LeakyReLU(d, s, alpha) },
			func(d, g, x []float32) { LeakyReLUGrad(d, g, x, alpha) },
			func(d, s, b []float32) { BiasLeakyReLU(d, s, b, alpha) },
			func(d, db, g, y []float32) { LeakyReLUGradBias(d, db, g, y, alpha) },
		}
	}
	for _, c := range []struct {
		a Activation
		k kernels
	}{
		{Activation{}, kernels{ // the identity: HardTanh with NaN bounds
			func(d, s, _ []float32) { HardTanh(d, s, nanBound, nanBound) },
			func(d, g, x []float32) { HardTanhGrad(d, g, x, nanBound, nanBound) },
			func(d, s, b []float32) { BiasHardTanh(d, s, b, nanBound, nanBound) },
			func(d, db, g, y []float32) { HardTanhGradBias(d, db, g, y, nanBound, nanBound) },
		}},
		{ReLUActivation(), kernels{func(d, s, _ []float32) { ReLU(d, s) }, ReLUGrad, BiasReLU, ReLUGradBias}},
		{LeakyReLUActivation(0.2), leaky(0.2)},
		{LeakyReLUActivation(-1.5), leaky(-1.5)},
		{ReLU6Activation(), kernels{func(d, s, _ []float32) { ReLU6(d, s) }, ReLU6Grad, BiasReLU6, ReLU6GradBias}},
		{HardSigmoidActivation(), kernels{func(d, s, _ []float32) { HardSigmoid(d, s) }, HardSigmoidGrad, BiasHardSigmoid, HardSigmoidGradBias}},
		{HardSwishActivation(), kernels{func(d, s, _ []float32) { HardSwish(d, s) }, HardSwishGrad, BiasHardSwish, HardSwishGradBias}},
		{SigmoidActivation(), kernels{func(d, s, _ []float32) { Sigmoid(d, s) }, SigmoidGrad, BiasSigmoid, SigmoidGradBias}},
		{TanhActivation(), kernels{func(d, s, _ []float32) { Tanh(d, s) }, TanhGrad, BiasTanh, TanhGradBias}},
		{SiLUActivation(), kernels{func(d, s, _ []float32) { SiLU(d, s) }, SiLUGrad, BiasSiLU, SiLUGradBias}},
		{GELUActivation(), kernels{func(d, s, _ []float32) { GELU(d, s) }, GELUGrad, BiasGELU, GELUGradBias}},
		{GELUTanhActivation(), kernels{func(d, s, _ []float32) { GELUTanh(d, s) }, GELUTanhGrad, BiasGELUTanh, GELUTanhGradBias}},
		{ELUActivation(0.5), kernels{
			func(d, s, _ []float32) { ELU(d, s, 0.5) },
			func(d, g, x []float32) { ELUGrad(d, g, x, 0.5) },
			func(d, s, b []float32) { BiasELU(d, s, b, 0.5) },
			func(d, db, g, y []float32) { ELUGradBias(d, db, g, y, 0.5) },
		}},
		{SoftplusActivation(), kernels{func(d, s, _ []float32) { Softplus(d, s) }, SoftplusGrad, BiasSoftplus, SoftplusGradBias}},
		{MishActivation(), kernels{func(d, s, _ []float32) { Mish(d, s) }, MishGrad, BiasMish, MishGradBias}},
	} {
		a := c.a
		got, want := make([]float32, rows*cols), make([]float32, rows*cols)
		gotB, wantB := make([]float32, cols), make([]float32, cols)
		a.Forward(got, src)
		c.k.forward(want, src, nil)
		kerneltest.EqualBits(t, want, got, "%s Forward", a)
		a.Gradient(got, grad, src)
		c.k.gradient(want, grad, src)
		kerneltest.EqualBits(t, want, got, "%s Gradient", a)
		a.BiasForward(got, src, bias)
		c.k.biasForward(want, src, bias)
		kerneltest.EqualBits(t, want, got, "%s BiasForward", a)
		a.BiasGradient(got, gotB, grad, src)
		c.k.biasGradient(want, wantB, grad, src)
		kerneltest.EqualBits(t, want, got, "%s BiasGradient", a)
		kerneltest.EqualBits(t, wantB, gotB, "%s BiasGradient dbias", a)

		// The same on a Parallel that splits these small calls.
		p := NewParallel(3)
		p.grain, p.minChunk, p.minCols = 16, 4, 4
		p.Forward(a, got, src)
		c.k.forward(want, src, nil)
		kerneltest.EqualBits(t, want, got, "%s Parallel.Forward", a)
		p.Gradient(a, got, grad, src)
		c.k.gradient(want, grad, src)
		kerneltest.EqualBits(t, want, got, "%s Parallel.Gradient", a)
		p.BiasForward(a, got, src, bias)
		c.k.biasForward(want, src, bias)
		kerneltest.EqualBits(t, want, got, "%s Parallel.BiasForward", a)
		p.BiasGradient(a, got, gotB, grad, src)
		c.k.biasGradient(want, wantB, grad, src)
		kerneltest.EqualBits(t, want, got, "%s Parallel.BiasGradient", a)
		kerneltest.EqualBits(t, wantB, gotB, "%s Parallel.BiasGradient dbias", a)
		p.Close()
	}
	assert.PanicsWithValue(t, "kernels.BiasLeakyReLU: len(dst)=4, len(src)=4, len(bias)=3: len(src) must be a multiple of len(bias), the number of columns",
		func() {
			LeakyReLUActivation(0.1).BiasForward(make([]float32, 4), make([]float32, 4), make([]float32, 3))
		})
}

// TestIdentity: the zero Activation's methods give src (src + bias) and grad
// bit for bit on every special value (NaNs, signaling ones included, -0,
// subnormals, infinities), whatever y is.
func TestIdentity(t *testing.T) {
	var id Activation
	var src []float32
	for _, b := range kerneltest.Specials {
		src = append(src, math.Float32frombits(b))
	}
	dst := make([]float32, len(src))
	id.Forward(dst, src)
	kerneltest.EqualBits(t, src, dst, "identity Forward")
	for _, y := range src {
		ys := make([]float32, len(src))
		for i := range ys {
			ys[i] = y
		}
		id.Gradient(dst, src, ys)
		kerneltest.EqualBits(t, src, dst, "identity Gradient, y %#08x", math.Float32bits(y))
		dbias := []float32{0}
		id.BiasGradient(dst, dbias, src, ys)
		kerneltest.EqualBits(t, src, dst, "identity BiasGradient, y %#08x", math.Float32bits(y))
	}
	zero := make([]float32, len(src))
	id.BiasForward(dst, src, zero[:1])
	for i, v := range src {
		if want := v + 0; math.Float32bits(dst[i]) != math.Float32bits(want) && !(v != v) {
			t.Errorf("identity BiasForward(%#08x + 0) = %#08x, want %#08x", math.Float32bits(v), math.Float32bits(dst[i]), math.Float32bits(want))
		}
	}
}

func TestActivationNoAllocations(t *testing.T) {
	acts := []Activation{{}, ReLUActivation(), LeakyReLUActivation(0.1), ReLU6Activation(), HardSigmoidActivation(), HardSwishActivation(),
		SigmoidActivation(), TanhActivation(), SiLUActivation(), GELUActivation(), GELUTanhActivation(), ELUActivation(1),
		SoftplusActivation(), MishActivation()}
	allocs := testing.AllocsPerRun(100, func() {
		for _, a := range acts {
			var x, y, g [48]float32
			var b, db [16]float32
			a.Forward(y[:], x[:])
			a.Gradient(g[:], g[:], y[:])
			a.BiasForward(y[:], x[:], b[:])
			a.BiasGradient(g[:], db[:], g[:], y[:])
		}
	})
	require.Zero(t, allocs)
}
