package golang

import (
	"fmt"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// A Storage is a 16-bit storage type with a package of its own
// (kernels/bf16, kernels/f16): Bits widens exactly to float32 and
// FromFloat32 narrows to nearest even.
type Storage struct {
	Pkg  string // "bf16"
	Name string // what the docs call it: "bfloat16"
}

// Storages are the 16-bit storage types.
var Storages = []Storage{{"bf16", "bfloat16"}, {"f16", "float16"}}

// Narrowed reports whether the elementwise kernel k has a form on a 16-bit
// storage type: every kernel whose value is a binary32 computation (the
// ReLU family, the gradients, ELU's alpha ⊗ expm1), which the storage form
// rounds once more to the storage type. The forward kernels of the
// correctly rounded functions (Sigmoid, Tanh, SiLU, GELU, GELUTanh,
// Softplus, Mish) have none yet: rounding their float32 value again would
// not give the nearest value of the storage type to the function's exact
// value, which is their contract.
func Narrowed(k kernel.Kernel) bool {
	if k.Layer() {
		return false
	}
	return !(k.Shape == kernel.Forward && k.Activation.Exactness == kernel.CorrectlyRounded && len(k.Scalars) == 0)
}

// Narrow returns kernels/<s.Pkg>/functions.go: the elementwise kernels of
// package kernels on slices of s's Bits, each widening a chunk of its
// inputs to float32, running the float32 kernel on it in place, and
// narrowing the result.
func Narrow(s Storage) ([]byte, error) {
	var b w
	header(&b, "", s.Pkg)
	b.p("import (")
	b.p("\"github.com/fastrelu/fastrelu/internal/half\"")
	b.p("\"github.com/fastrelu/fastrelu/kernels\"")
	b.p(")")
	b.p("")
	b.p("// The kernels of package kernels on %s slices, one per elementwise", s.Name)
	b.p("// kernel whose value is a binary32 computation. Each widens a chunk of")
	b.p("// its inputs to float32 (exactly), runs the float32 kernel on it, on this")
	b.p("// process's path, and rounds each result to the nearest %s, ties to even", s.Name)
	b.p("// (FromFloat32): the float32 kernel's value, rounded once more.")
	for _, k := range kernel.Elementwise {
		if !Narrowed(k) {
			continue
		}
		p := strings.Join(append([]string{"dst"}, k.Inputs...), ", ") + " []Bits"
		if len(k.Scalars) > 0 {
			p += ", " + strings.Join(k.Scalars, ", ") + " float32"
		}
		fn := s.Pkg + "." + k.Public
		b.p("")
		b.p("// %s sets dst[i] to kernels.%s of the inputs at i widened to float32,", k.Public, k.Public)
		b.p("// rounded to the nearest %s (ties to even):", s.Name)
		b.p("//")
		switch k.Shape {
		case kernel.Forward:
			b.p("//\tdst[i] = FromFloat32(f(src[i].Float32()))")
		case kernel.Grad:
			b.p("//\tdst[i] = FromFloat32(f(grad[i].Float32(), %s[i].Float32()))", k.Inputs[1])
		default:
			return nil, fmt.Errorf("%s: no storage form for shape %d", k.Name, k.Shape)
		}
		b.p("//")
		with := ""
		if len(k.Scalars) > 0 {
			with = ", with the same " + strings.Join(k.Scalars, " and ")
		}
		b.p("// where f is kernels.%s on one element%s. dst may be an input", k.Public, with)
		b.p("// itself (in place), but must not overlap one otherwise. It panics if")
		b.p("// the lengths differ.")
		b.p("func %s(%s) {", k.Public, p)
		ins := strings.Join(k.Inputs, ", ")
		call := "kernels." + k.Public + "(a, a"
		switch k.Shape {
		case kernel.Forward:
			b.p("half.CheckForward(%q, dst, %s)", fn, ins)
			b.p("var bufA [half.Chunk]float32")
			b.p("for len(dst) > 0 {")
			b.p("n := min(len(dst), half.Chunk)")
			b.p("a := bufA[:n]")
			b.p("ToFloat32s(a, %s[:n])", k.Inputs[0])
		case kernel.Grad:
			b.p("half.CheckGrad(%q, %q, dst, %s)", fn, k.Inputs[1], ins)
			b.p("var bufA, bufB [half.Chunk]float32")
			b.p("for len(dst) > 0 {")
			b.p("n := min(len(dst), half.Chunk)")
			b.p("a, c := bufA[:n], bufB[:n]")
			b.p("ToFloat32s(a, %s[:n])", k.Inputs[0])
			b.p("ToFloat32s(c, %s[:n])", k.Inputs[1])
			call += ", c"
		}
		for _, sc := range k.Scalars {
			call += ", " + sc
		}
		b.p("%s)", call)
		b.p("FromFloat32s(dst[:n], a)")
		next := append([]string{"dst"}, k.Inputs...)
		var rest []string
		for _, v := range next {
			rest = append(rest, v+"[n:]")
		}
		b.p("%s = %s", strings.Join(next, ", "), strings.Join(rest, ", "))
		b.p("}")
		b.p("}")
	}
	return b.source()
}

// NarrowTests returns kernels/<s.Pkg>/functions_calls_test.go: the table of
// the storage forms that internal/halftest's tests run, each called as
// internal/kerneltest calls the float32 kernel of the same name (one test
// scalar a: alpha itself, or HardTanh's [-a, a]).
func NarrowTests(s Storage) ([]byte, error) {
	var b w
	header(&b, "", s.Pkg)
	b.p("import \"github.com/fastrelu/fastrelu/internal/halftest\"")
	b.p("")
	b.p("// activations are this package's kernels, named as package kernels' float32")
	b.p("// kernels whose values they round.")
	b.p("var activations = []halftest.Kernel[Bits]{")
	for _, k := range kernel.Elementwise {
		if !Narrowed(k) {
			continue
		}
		v, x, a := "_", "_", "_"
		in := []string{"dst", "v"}
		if k.Shape == kernel.Grad {
			x = "x"
			in = append(in, "x")
		}
		v = "v"
		if len(k.Scalars) > 0 {
			a = "a"
		}
		call := strings.Join(append(in, testScalars(k, "a")...), ", ")
		b.p("{Name: %q, Call: func(dst, %s, %s []Bits, %s float32) { %s(%s) }},", k.Public, v, x, a, k.Public, call)
	}
	b.p("}")
	return b.source()
}
