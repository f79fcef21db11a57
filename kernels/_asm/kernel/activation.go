package kernel

import "strings"

// An Activation is one description: everything the generators know about
// an activation function. The kernels of the package come from it through
// the shapes below, so adding an activation is one file with one
// Activation in it, and a line in All.
type Activation struct {
	// Name is the exported name ("LeakyReLU"); Func is the name of its
	// kernel functions in package kernels ("leakyReLU", "leakyReLUGrad",
	// "biasLeakyReLU", "leakyReLUGradBias").
	Name, Func string
	// Scalars are its float32 parameters, in order ("alpha").
	Scalars []string

	// Forward computes one vector of f(x), p holding the parameters (the
	// scalars, or one vector of each per-column parameter).
	Forward func(l Lane, x Value, p []Value) Value
	// Grad computes one vector of grad·f'(x) from g = grad and x (or the
	// output y where GradBias says so: the layer gradient takes what the
	// forward pass kept). When dp is not nil it also adds each parameter's
	// gradient, grad·∂f/∂p, to the accumulators in dp, one row after the
	// other (PReLU's dslope).
	Grad func(l Lane, g, x Value, p, dp []Value) Value
	// Forms are faster forward operations, exact for some values of the
	// scalars (see Kernel.Forms), for the elementwise forward kernel.
	Forms []ActivationForm

	// Doc and GradDoc say what dst[i] is, with {x} standing for the
	// argument ("src[i]", "z", "x[i]"), {g} for grad[i] and {a} for the
	// parameter ("alpha", "slope[j]"). ParamGradDoc says what a parameter
	// gradient adds, with {d} for the accumulator.
	Doc, GradDoc, ParamGradDoc string

	// PerColumn names the form with one parameter per column ("prelu",
	// exported as PerColumnName, "PReLU") and Param that parameter
	// ("slope"): the scalar becomes a row of the
	// layer, and its gradient ("dslope") the sum of grad·∂f/∂p over the
	// rows. "" when the activation has no such form.
	PerColumn, PerColumnName, Param string

	// API holds the doc comment of each exported function (without the
	// comment markers), by shape.
	API map[Shape]string

	// Exactness is what the outputs are: Exact, the result of the lane
	// operations as a Go loop of binary32 operations would give it, or
	// CorrectlyRounded, the mathematical function's value rounded once.
	Exactness Exactness
	// GradFromOutput: the gradient is a function of the forward output y
	// only, its argument named y (Sigmoid, Tanh).
	GradFromOutput bool
	// RoundedForward and RoundedGrad say that Forward (Grad) calls
	// Lane.Rounded: the kernels made of it are Rounded (see Kernel).
	RoundedForward, RoundedGrad bool

	// Ref and GradRef are the contract again, as the body of a Go
	// function of float32 values: Ref of func(x, <Scalars> float32)
	// float32, GradRef of func(g, x, <Scalars> float32) float32. They are
	// what the API's Go loops say, written as plainly as that, with no
	// lane operation in them: the tests check every path against them
	// (internal/kerneltest's Kernel.Ref), so they must stay independent of
	// Forward and Grad. Every product is written float32(a*b), so that no
	// compiler fuses it.
	Ref, GradRef string

	// The Activation value of package kernels (ParseActivation, String):
	// Text is the canonical name ("leaky_relu"), Aliases the other
	// spellings shown in errors ("LeakyReLU"; case, spaces, '_' and '-'
	// never matter). Keys are the keywords each scalar may be given by
	// ({"alpha", "negative_slope"}), Defaults the value of each scalar
	// when the text gives none, as a Go constant expression
	// ("DefaultLeakyReLUAlpha"); nil when the scalars must be given.
	// ParseHint follows the error for parameters given to an activation
	// that takes none.
	Text      string
	Aliases   []string
	Keys      [][]string
	Defaults  []string
	ParseHint string
	// FromOutput is a Go boolean expression over the scalars: whether the
	// gradient may be given the forward output y in place of x (Go's
	// Activation.GradientFromOutput, and GradBias's y). "true" when it
	// always may.
	FromOutput string

	// Via names the activation whose kernels an Activation value without
	// kernels of its own runs (Identity: "LeakyReLU"), with ViaScalars
	// those kernels' scalars, as Go expressions ("1"). Such an activation
	// is in Values, not in All.
	Via        string
	ViaScalars []string
}

// Exactness is the kind of definition an activation's outputs have.
type Exactness int

const (
	// Exact: a loop of binary32 operations, each exactly rounded, in the
	// order the lane operations give; selects keep their operand's bits.
	Exact Exactness = iota
	// CorrectlyRounded: the exact mathematical value, rounded once to
	// nearest even.
	CorrectlyRounded
)

// An ActivationForm is a Form of an activation's forward operation.
type ActivationForm struct {
	Name    string
	When    Bits
	Vectors int
	Forward func(l Lane, x Value, p []Value) Value
}

// All is every activation of the package, in the order of their kernels.
var All = []Activation{relu, leakyReLU, relu6, hardSigmoid, hardSwish, hardTanh,
	sigmoid, tanh, silu, gelu, geluTanh, elu, softplus, mish}

// The kernels the shapes make of every activation: Elementwise on slices
// of one length, Layer on matrices with per-column slices.
var Elementwise, Layer = shapes(All)

// Vectorized returns the kernels of ks that are not Rounded: those the
// assembly backends emit.
func Vectorized(ks []Kernel) []Kernel {
	var v []Kernel
	for _, k := range ks {
		if !k.Rounded {
			v = append(v, k)
		}
	}
	return v
}

func shapes(acts []Activation) (elementwise, layer []Kernel) {
	for _, a := range acts {
		elementwise = append(elementwise, a.forward())
	}
	for _, a := range acts {
		elementwise = append(elementwise, a.grad())
	}
	for _, a := range acts {
		layer = append(layer, a.bias())
	}
	for _, a := range acts {
		layer = append(layer, a.gradBias())
	}
	for _, a := range acts {
		if a.PerColumn != "" {
			layer = append(layer, a.perColumn(), a.perColumnGrad())
		}
	}
	return elementwise, layer
}

// scalars returns the activation's scalars as Lane values.
func scalars(l Lane, n int) []Value {
	var p []Value
	for i := 0; i < n; i++ {
		p = append(p, l.Scalar(i))
	}
	return p
}

// doc fills in a Doc template.
func (a Activation) doc(t, x, g, p, d string) string {
	param := ""
	if len(a.Scalars) > 0 {
		param = a.Scalars[0]
	}
	if p != "" {
		param = p
	}
	return strings.NewReplacer("{x}", x, "{g}", g, "{a}", param, "{d}", d).Replace(t)
}

// forward is f on a slice: dst[i] = f(src[i]).
func (a Activation) forward() Kernel {
	k := Kernel{
		Name: a.Func, Inputs: []string{"src"}, Scalars: a.Scalars,
		Activation: &a, Public: a.Name, Shape: Forward, API: a.API[Forward], Rounded: a.RoundedForward,
		Doc: "dst[i] = " + a.doc(a.Doc, "src[i]", "", "", ""),
		Op: func(l Lane) Value {
			return a.Forward(l, l.In(0), scalars(l, len(a.Scalars)))
		},
	}
	for _, f := range a.Forms {
		k.Forms = append(k.Forms, Form{Name: f.Name, When: f.When, Vectors: f.Vectors,
			Op: func(l Lane) Value { return f.Forward(l, l.In(0), scalars(l, len(a.Scalars))) }})
	}
	return k
}

// grad is the gradient on a slice: dst[i] = grad[i]·f'(x[i]).
func (a Activation) grad() Kernel {
	arg := "x"
	if a.GradFromOutput {
		arg = "y"
	}
	return Kernel{
		Name: a.Func + "Grad", Inputs: []string{"grad", arg}, Scalars: a.Scalars,
		Activation: &a, Public: a.Name + "Grad", Shape: Grad, API: a.API[Grad], Rounded: a.RoundedGrad,
		Doc: "dst[i] = " + a.doc(a.GradDoc, arg+"[i]", "grad[i]", "", ""),
		Op: func(l Lane) Value {
			return a.Grad(l, l.In(0), l.In(1), scalars(l, len(a.Scalars)), nil)
		},
	}
}

// bias is the layer's forward pass with the bias fused in:
// dst[i] = f(src[i] + bias[j]), j = i % len(bias).
func (a Activation) bias() Kernel {
	return Kernel{
		Name: "bias" + a.Name, Inputs: []string{"src", "bias"}, Scalars: a.Scalars, PerCol: []string{"bias"},
		Activation: &a, Public: "Bias" + a.Name, Shape: BiasForward, API: a.API[BiasForward], Rounded: a.RoundedForward,
		Doc: "z = src[i] + bias[j]; dst[i] = " + a.doc(a.Doc, "z", "", "", "") + " (j = i % len(bias))",
		Op: func(l Lane) Value {
			z := l.Add(l.In(0), l.In(1))
			return a.Forward(l, z, scalars(l, len(a.Scalars)))
		},
	}
}

// blockSumLoop ends the Go loop of a GradBias kernel's API text, after
// dst[i] = d: the bias gradient's sums in blocks of BlockRows rows.
const blockSumLoop = `		j := i % cols
		if i/cols%BlockRows == 0 {
			s[j] = float32(math.Copysign(0, -1)) // a block starts from -0
		}
		s[j] += d // one binary32 addition, rows in order
		if i/cols%BlockRows == BlockRows-1 || i+cols >= len(dst) {
			dbias[j] += s[j] // one binary32 addition, blocks in order
		}
	}
`

// gradBias is the layer's backward pass: the gradient from the output y,
// and the bias gradient dbias[j] += dst[i], rows in order.
func (a Activation) gradBias() Kernel {
	return Kernel{
		Name: a.Func + "GradBias", Inputs: []string{"dbias", "grad", "y"}, Scalars: a.Scalars,
		PerCol: []string{"dbias"}, Acc: "dbias",
		Activation: &a, Public: a.Name + "GradBias", Shape: GradBias, API: a.API[GradBias], Rounded: a.RoundedGrad,
		Doc: "dst[i] = " + a.doc(a.GradDoc, "y[i]", "grad[i]", "", "") +
			"; dbias[j] += dst[i], rows in order (j = i % len(dbias))",
		Op: func(l Lane) Value {
			d := a.Grad(l, l.In(1), l.In(2), scalars(l, len(a.Scalars)), nil)
			l.Add(l.In(0), d)
			return d
		},
	}
}

// perColumn is the forward pass with the parameter per column.
func (a Activation) perColumn() Kernel {
	p := a.Param + "[j]"
	return Kernel{
		Name: a.PerColumn, Inputs: []string{"src", a.Param}, PerCol: []string{a.Param},
		Activation: &a, Public: a.PerColumnName, Shape: PerColumn, API: a.API[PerColumn],
		Doc: "dst[i] = " + a.doc(a.Doc, "src[i]", "", p, "") + " (j = i % len(" + a.Param + "))",
		Op: func(l Lane) Value {
			return a.Forward(l, l.In(0), []Value{l.In(1)})
		},
	}
}

// perColumnGrad is its gradient, with the parameter's gradient summed over
// the rows in order.
func (a Activation) perColumnGrad() Kernel {
	p, dp := a.Param+"[j]", "d"+a.Param
	return Kernel{
		Name: a.PerColumn + "Grad", Inputs: []string{dp, "grad", "x", a.Param}, PerCol: []string{dp, a.Param}, Acc: dp,
		Activation: &a, Public: a.PerColumnName + "Grad", Shape: PerColumnGrad, API: a.API[PerColumnGrad],
		Doc: "dst[i] = " + a.doc(a.GradDoc, "x[i]", "grad[i]", p, "") + "; " +
			a.doc(a.ParamGradDoc, "x[i]", "grad[i]", p, dp+"[j]") + ", rows in order (j = i % len(" + a.Param + "))",
		Op: func(l Lane) Value {
			return a.Grad(l, l.In(1), l.In(2), []Value{l.In(3)}, []Value{l.In(0)})
		},
	}
}
