package kernel

import "strings"

// The smooth activations: each output is the exact value of a
// mathematical function rounded once to float32 (internal/rounded, proven
// on all 2^32 inputs against internal/oracle), through Lane.Rounded. The
// gradients are grad times the derivative rounded once (SiLU, GELU,
// GELUTanh, Softplus, Mish, ELU), or PyTorch's binary32 loops from the
// forward output (Sigmoid, Tanh), which every backend vectorizes.
//
// Every gradient takes a NaN grad's NaN first: times() below. Without it a
// product of two NaNs would leave the NaN to the instruction set.

// smooth is the description of a smooth activation whose forward value is
// internal/rounded's Func and whose gradient is grad ⊗ Deriv(x), rounded.
type smooth struct {
	name, fn, text string
	aliases        []string
	forward, deriv string // internal/rounded's functions
	math, dmath    string // the definitions, for the docs
	why            string // a sentence on where it is used
}

func (s smooth) activation() Activation {
	a := Activation{
		Name: s.name, Func: s.fn, Text: s.text, Aliases: s.aliases,
		Exactness: CorrectlyRounded, RoundedForward: true, RoundedGrad: true,
		FromOutput: "false",
		Doc:        s.forward + "({x}) rounded",
		GradDoc:    "{g} ⊗ " + s.deriv + "({x}) rounded",
		Ref:        "return rounded." + s.forward + "(x)",
		GradRef: `if g != g {
	return g + 0 // grad's NaN, quieted
}
return float32(g * rounded.` + s.deriv + `(x))`,
		Forward: func(l Lane, x Value, _ []Value) Value { return l.Rounded(s.forward, x) },
		Grad: func(l Lane, g, x Value, _, _ []Value) Value {
			return times(l, g, l.Rounded(s.deriv, x))
		},
	}
	a.API = roundedAPI(s.name, s.math, s.why, s.dmath, "", "")
	return a
}

// Wrap breaks s into lines of at most 72 bytes, at spaces.
func Wrap(s string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > 72 {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// times is grad ⊗ d, except that a NaN grad gives its own NaN, quieted,
// whatever d is: the product alone would leave the NaN to the instruction
// set where both are NaN.
func times(l Lane, g, d Value) Value {
	number := l.Compare(EQ, g, g)
	p := l.MulInPlace(d, g) // one NaN operand at most where it is taken
	return l.Select(number, p, l.Add(g, l.Const(0)))
}

// roundedAPI writes the doc comments of a smooth activation's four
// kernels. scalar is its parameter's declaration in the loops ("alpha"),
// "" if none; fwdLoop replaces the default forward loop body.
func roundedAPI(name, math, why, dmath, gradNote, scalar string) map[Shape]string {
	fn := strings.NewReplacer("{name}", name, "{math}", math, "{why}", Wrap(why), "{dmath}", dmath)
	return map[Shape]string{
		Forward: fn.Replace(`{name} sets dst[i] to {math} at x = src[i], correctly rounded: the
exact real value rounded once to the nearest float32, ties to even, for
every input (proven on all 2^32). A NaN gives its NaN back, quieted; the
infinities give the limits; subnormals are kept. As a Go loop:

	for i, x := range src {
		dst[i] = {name}Exact(x) // the exact value, rounded once
	}

dst and src must have the same length; dst may be src itself.

{why}`),
		Grad: fn.Replace(`{name}Grad sets dst[i] to grad[i] ⊗ d(x[i]), one binary32
multiplication, where d(x) = {dmath} is the derivative of {name}
correctly rounded. As a Go loop:

	for i := range dst {
		if g := grad[i]; g != g {
			dst[i] = g + 0 // grad's NaN, quieted
		} else {
			dst[i] = g * {name}DerivativeExact(x[i]) // the derivative rounded once, then one binary32 multiplication
		}
	}

x is the forward input: the output would not do. All three slices must
have the same length; dst may be grad or x itself.`) + gradNote,
		BiasForward: fn.Replace(`Bias{name} sets dst to {name}(src + bias), the bias broadcast over the
rows. As a Go loop:

	cols := len(bias)
	for i, s := range src {
		z := s + bias[i%cols] // one binary32 addition
		dst[i] = {name}Exact(z) // the exact value, rounded once
	}

dst may be src itself; bias must not overlap dst.`),
		GradBias: fn.Replace(`{name}GradBias sets dst to {name}Grad(grad, y) and adds each column's
sum of dst to dbias, in blocks of BlockRows rows. As a Go loop:

	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		d := grad[i] + 0 // grad's NaN, quieted
		if grad[i] == grad[i] {
			d = grad[i] * {name}DerivativeExact(y[i]) // one binary32 multiplication
		}
		dst[i] = d
`) + blockSumLoop + fromInputTail,
	}
}

var sigmoid = fromOutput(smooth{
	name: "Sigmoid", fn: "sigmoid", text: "sigmoid", aliases: []string{"Sigmoid", "logistic"},
	forward: "Sigmoid", math: "1/(1+e^-x)",
	why: "The gate of LSTMs and GRUs and of binary classifiers.",
}, `SigmoidGrad sets dst[i] to grad[i]*(1-y[i])*y[i] in binary32, from the
forward output y = Sigmoid(x), as PyTorch's sigmoid_backward computes it.
As a Go loop:

	for i := range dst {
		if g := grad[i]; g != g {
			dst[i] = g + 0 // grad's NaN, quieted
		} else {
			dst[i] = g * (1 - y[i]) * y[i] // binary32, left to right
		}
	}

y is the forward output, not the input. All three slices must have the
same length; dst may be grad or y itself.`,
	`if g != g {
	return g + 0
}
return float32(float32(g*float32(1-x)) * x)`,
	"{g} ⊗ (1 - {x}) ⊗ {x}",
	// 1 - y as -y + 1: one rounding of the same sum, from operations every
	// backend has.
	func(l Lane, g, y Value, _, _ []Value) Value {
		number := l.Compare(EQ, g, g)
		s := l.Add(l.Mul(y, l.Const(minusOneBits)), l.Const(oneBits))
		p := l.MulInPlace(l.MulInPlace(s, g), y) // s*g is g*s: where it is taken, g is a number
		return l.Select(number, p, l.Add(g, l.Const(0)))
	},
	"d := grad[i] + 0 // grad's NaN, quieted\n\t\tif grad[i] == grad[i] {\n\t\t\td = grad[i] * (1 - y[i]) * y[i] // binary32, left to right\n\t\t}")

var tanh = fromOutput(smooth{
	name: "Tanh", fn: "tanh", text: "tanh", aliases: []string{"Tanh"},
	forward: "Tanh", math: "tanh(x)",
	why: "The cell activation of LSTMs and GRUs. It is odd: -0 gives -0.",
}, `TanhGrad sets dst[i] to grad[i]*(1-y[i]*y[i]) in binary32, from the
forward output y = Tanh(x), as PyTorch's tanh_backward computes it. As a
Go loop:

	for i := range dst {
		if g := grad[i]; g != g {
			dst[i] = g + 0 // grad's NaN, quieted
		} else {
			dst[i] = g * (1 - y[i]*y[i]) // binary32: product, difference, product
		}
	}

y is the forward output, not the input. All three slices must have the
same length; dst may be grad or y itself.`,
	`if g != g {
	return g + 0
}
return float32(g * float32(1-float32(x*x)))`,
	"{g} ⊗ (1 - {x} ⊗ {x})",
	// 1 - y*y as (-y)*y + 1: negation commutes with rounding to nearest
	// even, so the product rounds to -(y*y) and the sum to 1 - y*y.
	func(l Lane, g, y Value, _, _ []Value) Value {
		t := l.MulInPlace(l.Mul(y, l.Const(minusOneBits)), y)
		return times(l, g, l.Add(t, l.Const(oneBits)))
	},
	"d := grad[i] + 0 // grad's NaN, quieted\n\t\tif grad[i] == grad[i] {\n\t\t\td = grad[i] * (1 - y[i]*y[i]) // binary32: product, difference, product\n\t\t}")

// fromOutput is a smooth activation whose gradient is a binary32 loop of
// the forward output y (its doc, Ref, GradDoc, Grad, and the GradBias
// loop's body).
func fromOutput(s smooth, gradAPI, gradRef, gradDoc string, grad func(l Lane, g, y Value, p, dp []Value) Value, body string) Activation {
	a := s.activation()
	a.RoundedGrad = false
	a.FromOutput = "true"
	a.GradFromOutput = true
	a.GradRef = gradRef
	a.GradDoc = gradDoc
	a.Grad = grad
	a.API[Grad] = gradAPI
	a.API[GradBias] = s.name + `GradBias sets dst to ` + s.name + `Grad(grad, y) and adds each column's
sum of dst to dbias, in blocks of BlockRows rows. As a Go loop:

	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		` + body + `
		dst[i] = d
` + blockSumLoop + `
y is the forward output. dst may be grad or y itself; dbias must not
overlap any other argument. dbias is added to: zero it first for a plain
sum.`
	return a
}

var silu = smooth{
	name: "SiLU", fn: "silu", text: "silu", aliases: []string{"SiLU", "swish"},
	forward: "SiLU", deriv: "SiLUDerivative", math: "x·σ(x) = x/(1+e^-x)",
	dmath: "σ(x)·(1 + x·(1 − σ(x)))",
	why:   "Swish, the activation of many transformers' feed-forward layers and of EfficientNet. SiLU(-Inf) is -0.",
}.activation()

var gelu = smooth{
	name: "GELU", fn: "gelu", text: "gelu", aliases: []string{"GELU"},
	forward: "GELU", deriv: "GELUDerivative", math: "x·Φ(x) = ½x·erfc(−x/√2)",
	dmath: "Φ(x) + x·φ(x)",
	why:   "BERT's and GPT's activation, PyTorch's GELU(approximate='none'). Unlike 1 + erf(x/√2), the value keeps its precision in the negative tail.",
}.activation()

var geluTanh = smooth{
	name: "GELUTanh", fn: "geluTanh", text: "gelu_tanh", aliases: []string{"GELUTanh", "gelu_new", "gelu_pytorch_tanh"},
	forward: "GELUTanh", deriv: "GELUTanhDerivative",
	math:  "½x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), with exact real constants,",
	dmath: "the exact derivative of that function",
	why:   "PyTorch's GELU(approximate='tanh'), Keras' gelu(approximate=True).",
}.activation()

var softplus = smooth{
	name: "Softplus", fn: "softplus", text: "softplus", aliases: []string{"Softplus"},
	forward: "Softplus", deriv: "Sigmoid", math: "log(1 + e^x)",
	dmath: "σ(x) = 1/(1+e^-x)",
	why:   "No threshold is needed: where PyTorch's default threshold of 20 returns x, x is already the rounded value.",
}.activation()

var mish = smooth{
	name: "Mish", fn: "mish", text: "mish", aliases: []string{"Mish"},
	forward: "Mish", deriv: "MishDerivative", math: "x·tanh(softplus(x))",
	dmath: "the exact derivative of x·tanh(log(1+e^x))",
	why:   "The activation of YOLOv4.",
}.activation()

// ELU: x for x > 0, else alpha ⊗ expm1(x), expm1 correctly rounded (where
// PyTorch computes exp(x) - 1 and loses the small negative inputs); its
// gradient grad for x > 0, else grad ⊗ (alpha ⊗ exp(x) rounded).
var elu = func() Activation {
	a := smooth{name: "ELU", fn: "elu", text: "elu", aliases: []string{"ELU"}}.activation()
	a.Scalars = []string{"alpha"}
	a.Keys = [][]string{{"alpha"}}
	a.Defaults = []string{"1"}
	a.Doc = "{x} > 0 ? {x} : {a} ⊗ Expm1({x}) rounded"
	a.GradDoc = "{x} > 0 ? {g} : {g} ⊗ ({a} ⊗ Exp({x}) rounded)"
	a.Ref = `if x > 0 {
	return x
}
if x != x {
	return rounded.Expm1(x) // x's NaN, quieted (its quiet bit set), whatever alpha is
}
return float32(alpha * rounded.Expm1(x))`
	a.GradRef = `if g != g {
	return g + 0
}
if x > 0 {
	return g
}
if x != x {
	return x + 0
}
return float32(g * float32(alpha*rounded.Exp(x)))`
	// The product with alpha only where x <= 0 (MulWhere): a NaN x gives
	// its own NaN, quieted by the rounded function, and never meets a NaN
	// alpha in a product whose NaN the instruction set would choose.
	a.Forward = func(l Lane, x Value, p []Value) Value {
		pos, low := l.Compare(GT, x, l.Const(0)), l.LE0(x)
		e := l.MulWhere(low, l.Rounded("Expm1", x), p[0])
		return l.Select(pos, x, e)
	}
	a.Grad = func(l Lane, g, x Value, p, _ []Value) Value {
		pos, low := l.Compare(GT, x, l.Const(0)), l.LE0(x)
		d := l.Select(pos, l.Const(oneBits), l.MulWhere(low, l.Rounded("Exp", x), p[0]))
		return times(l, g, d)
	}
	loop := func(x, indent string) string {
		return strings.ReplaceAll(`if `+x+` > 0 {
	dst[i] = `+x+` // exact bits
} else {
	dst[i] = alpha * Expm1Exact(`+x+`) // expm1 rounded once, then one binary32 multiplication
}`, "\n", "\n"+indent)
	}
	a.API = map[Shape]string{
		Forward: `ELU sets dst[i] to src[i] where src[i] > 0, else to alpha ⊗ expm1(src[i]),
expm1(x) = e^x − 1 correctly rounded (proven on all 2^32 inputs), then one
binary32 multiplication: PyTorch's ELU(alpha), Keras' elu, ONNX's Elu, but
with expm1 where they compute exp(x) − 1, which loses every small negative
input. -0 gives alpha ⊗ -0 (-0 for alpha > 0), a NaN its NaN, quieted,
whatever alpha is. As a Go loop:

	for i, x := range src {
		` + loop("x", "\t\t") + `
	}

dst and src must have the same length; dst may be src itself.`,
		Grad: `ELUGrad sets dst[i] to grad[i] where x[i] > 0, else to grad[i] ⊗ (alpha ⊗
exp(x[i])), exp correctly rounded: the gradient of ELU at the input x. As
a Go loop:

	for i := range dst {
		switch g := grad[i]; {
		case g != g:
			dst[i] = g + 0 // grad's NaN, quieted
		case x[i] > 0:
			dst[i] = g * 1 // g's bits
		default:
			dst[i] = g * (alpha * ExpExact(x[i])) // exp rounded once, then two binary32 multiplications
		}
	}

x is the forward input: the output would not do. All three slices must
have the same length; dst may be grad or x itself.`,
		BiasForward: `BiasELU sets dst to ELU(src + bias, alpha), the bias broadcast over the
rows. As a Go loop:

	cols := len(bias)
	for i, s := range src {
		z := s + bias[i%cols] // one binary32 addition
		` + loop("z", "\t\t") + `
	}

dst may be src itself; bias must not overlap dst.`,
		GradBias: `ELUGradBias sets dst to ELUGrad(grad, y, alpha) and adds each column's
sum of dst to dbias, in blocks of BlockRows rows. As a Go loop:

	cols := len(dbias)
	s := make([]float32, cols) // the sums of the current block
	for i := range dst {
		d := grad[i] + 0 // grad's NaN, quieted
		if grad[i] == grad[i] {
			d = grad[i] // exact bits where y[i] > 0
			if !(y[i] > 0) {
				d = grad[i] * (alpha * ExpExact(y[i])) // exp rounded once, then two binary32 multiplications
			}
		}
		dst[i] = d
` + blockSumLoop + fromInputTail,
	}
	return a
}()

const (
	oneBits      = 0x3f800000 // 1.0's bits
	minusOneBits = 0xbf800000 // -1.0's bits
)
