package kernel

import (
	"fmt"
	"math"
)

// A Kernel is one function of package kernels, as every backend emits it:
// func Name(dst, Inputs... []float32, Scalars... float32).
type Kernel struct {
	Name string
	// Inputs are the []float32 parameters after dst, in order, each as
	// long as dst unless it is in PerCol; the lane operation sees one
	// vector of each (In(i) is Inputs[i]).
	Inputs []string
	// Scalars are the float32 parameters after the slices, broadcast to
	// every lane once per call.
	Scalars []string
	// Doc says what dst[i] is, for the comments.
	Doc string
	// Op computes one vector of dst from one vector of each input.
	Op func(l Lane) Value
	// Forms are faster lane operations that are exact only for some values
	// of a scalar, on the backends whose Max and Min are x86's (amd64).
	// Each call tests the scalar once at entry and runs the whole kernel
	// with the first form whose When holds, or with Op when none does.
	Forms []Form

	// The layer kernels only: dst, and the inputs not in PerCol, are
	// row-major matrices with cols = the length of the first of PerCol;
	// the inputs in PerCol (bias, slope, dbias, dslope) are one row long,
	// read again for every row.
	PerCol []string
	// Acc is the input of PerCol the lane operation updates (dbias,
	// dslope): the shape stores it back after every vector, so that every
	// column takes its rows in order. "" if none.
	Acc string

	// The Go side: the exported function ("BiasReLU"), the shape of its
	// arguments, which decides its argument check and how the runner
	// splits it, and its doc comment (without the comment markers).
	Public string
	Shape  Shape
	API    string

	// Rounded: Op calls Lane.Rounded. The generic backend calls
	// internal/rounded; the assembly backends leave the kernel out of their
	// shapes and every path's entry point runs the generic kernel, except
	// the Checked ones (evaluate.go), which amd64 emits in a shape of
	// their own.
	Rounded bool

	// The tests' side: the activation the kernel is made of (its Name),
	// and the Go source of the contract it follows element by element,
	// the activation's Ref (forward shapes) or GradRef (gradients).
	Activation *Activation
}

// Ref returns the activation's contract the kernel follows, as the body
// of a Go function, and whether it is the gradient's.
func (k Kernel) Ref() (body string, grad bool) {
	switch k.Shape {
	case Grad, GradBias, PerColumnGrad:
		return k.Activation.GradRef, true
	}
	return k.Activation.Ref, false
}

// A Shape is the form of a kernel's arguments, made by one of the shapes
// of activation.go.
type Shape int

const (
	Forward       Shape = iota // f(dst, src)
	Grad                       // f(dst, grad, x)
	BiasForward                // f(dst, src, bias): f(src + bias)
	GradBias                   // f(dst, dbias, grad, y): the gradient and dbias += its column sums
	PerColumn                  // f(dst, src, p): a parameter per column
	PerColumnGrad              // f(dst, dp, grad, x, p): the gradient and dp += the parameter's
)

// Layer reports whether k is a layer kernel (a matrix with per-column
// slices).
func (k Kernel) Layer() bool { return len(k.PerCol) > 0 }

// A Form is a lane operation selected per call.
type Form struct {
	Name string // the suffix of its labels
	When Bits   // the calls it is exact for
	Op   func(l Lane) Value
	// Vectors per iteration of the body; 0 for the backend's default.
	Vectors int
}

// Bits holds when the bits of scalar Scalar, as an unsigned integer, are
// in [Lo, Hi]: for positive floats, an interval of values.
type Bits struct {
	Scalar int
	Lo, Hi uint32
}

// WideConst returns the bits of the float64 that a description's float32
// constant (its bits b) stands for in the kernels on float64 elements: its
// value, where the float32 holds it exactly with few bits (3, 0.5, 6), or
// the float64 nearest the number it rounds (float32(1.0/6) is 1/6). Any
// other constant panics, until its number is listed here.
func WideConst(b uint32) uint64 {
	rounded := map[uint32]float64{
		0x3e2aaaab: 1.0 / 6,
	}
	if v, ok := rounded[b]; ok {
		return math.Float64bits(v)
	}
	v := float64(math.Float32frombits(b))
	if b&0xfff != 0 && !math.IsNaN(v) {
		panic(fmt.Sprintf("the float32 constant %#08x (%v) has no float64 value listed", b, v))
	}
	return math.Float64bits(v)
}

// WideFunctions are the functions of internal/rounded (Lane.Rounded's
// names) that have binary64 forms, within 1 ulp: the name with 64 added.
var WideFunctions = map[string]string{
	"Sigmoid": "Sigmoid64", "Tanh": "Tanh64", "SiLU": "SiLU64", "Exp": "Exp64", "Expm1": "Expm1_64",
	"Softplus": "Softplus64", "Mish": "Mish64", "GELUTanh": "GELUTanh64",
	"SiLUDerivative": "SiLUDerivative64", "MishDerivative": "MishDerivative64",
	"GELUTanhDerivative": "GELUTanhDerivative64", "GELU": "GELU64", "GELUDerivative": "GELUDerivative64",
}

// Widens reports whether every kernel of a runs on float64 elements: its
// operations are binary, and each function it calls through Lane.Rounded
// has a binary64 form. These are the activations of package f64.
func Widens(a *Activation) bool {
	for _, k := range append(append([]Kernel(nil), Elementwise...), Layer...) {
		if !k.Rounded || k.Activation.Name != a.Name {
			continue
		}
		p := &probe{}
		k.Op(p)
		for _, fn := range p.fns {
			if WideFunctions[fn] == "" {
				return false
			}
		}
	}
	return true
}
