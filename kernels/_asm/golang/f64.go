package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// Package f64 is package kernels on []float64: the same descriptions, the
// same Go side, with binary64 operations. Its files come from two sources:
//   - the generators of this package, run with wide set: they write the
//     float32 package's text, whose every float32 word the rules of
//     widenText then turn into float64 (the generic kernels' constants are
//     already float64 bits, and their masks uint64: see goLane);
//   - the hand-written files of package kernels that hold no binary32
//     specifics (the checks, the chunks, the runner, the Matrix views, the
//     Activation parser), through the same rules, so that one text serves
//     both packages, as gonum writes its float32 BLAS from the float64 one.
//
// The activations of kernel.Widens are in it: those whose kernels are
// binary operations and calls of internal/rounded's functions that have
// binary64 forms (Sigmoid64, ...; within 1 ulp, not correctly rounded),
// which the generic kernels call on every path.

// wide is set while the generators write package f64.
var wide bool

// F64Files are the hand-written files of package kernels that package f64
// takes, widened.
var F64Files = []string{"activation.go", "check.go", "chunk.go", "layer_check.go", "matrix.go", "norace.go", "parallel.go", "race.go"}

// wideConst is kernel.WideConst.
func wideConst(b uint32) uint64 { return kernel.WideConst(b) }

// signBit is the sign's bit in an element.
func signBit() int {
	if wide {
		return 63
	}
	return 31
}

// narrowOnly panics while writing package f64: op works on float32 lanes
// (or makes float64 ones from them), which no kernel of Widens' uses.
func narrowOnly(op string) {
	if wide {
		panic(op + ": package f64 has no kernel that calls it")
	}
}

// widenRules turn float32 text into float64 text, in order.
var widenRules = []string{
	"package kernels", "package f64",
	`"kernels.`, `"f64.`,
	`"kernels: `, `"f64: `,
	"float32", "float64",
	"Float32", "Float64",
	"binary32", "binary64",
	"lanemath.Sub32(", "lanemath.Sub64(",
	"lanemath.Div32(", "lanemath.Div64(",
	"lanemath.FMA32(", "lanemath.FMA64(",
	// The one inexact constant's bits, where a contract names them.
	"rounded to float32, 0x3e2aaaab", "rounded to float64, 0x3fc5555555555555",
}

// docRules turn the generated docs' claims of correct rounding, which hold
// for float32, into package f64's: the binary64 forms of internal/rounded
// are within 1 ulp.
var docRules = []string{
	"correctly rounded: the\n// exact real value rounded once to the nearest float64, ties to even, for\n// every input (proven on all 2^32).",
	"within 1 ulp of\n// the exact real value for every input (measured against math/big).",
	"expm1(x) = e^x − 1 correctly rounded (proven on all 2^32 inputs), then one",
	"expm1(x) = e^x − 1 within 1 ulp, then one",
	"exp correctly rounded:", "exp within 1 ulp:",
	"\n// correctly rounded. As a Go loop:", "\n// within 1 ulp. As a Go loop:",
	"// the exact value, rounded once", "// the exact value within 1 ulp",
	"// the derivative rounded once,", "// the derivative within 1 ulp,",
	"// expm1 rounded once,", "// expm1 within 1 ulp,",
	"// exp rounded once,", "// exp within 1 ulp,",
}

// roundedClaim is a claim of correct rounding that docRules should have
// turned into package f64's.
var roundedClaim = regexp.MustCompile(`correctly rounded|rounded once|proven on all 2\^32`)

// roundedCall is a call of internal/rounded, whose binary64 form package
// f64 calls.
var roundedCall = regexp.MustCompile(`\brounded\.\w+\(`)

// float32Bits is a float32 written as its bits, which float64 text should
// not hold.
var float32Bits = regexp.MustCompile(`\b0x[0-9a-f]{8}\b`)

// widenText returns src with float32 made float64; with bits, uint32 made
// uint64 too (the generic kernels' masks and the Activation's scalars),
// which the other files use for other things.
func widenText(src []byte, bits bool) ([]byte, error) {
	rules := widenRules
	if bits {
		rules = append(rules[:len(rules):len(rules)], "uint32", "uint64")
	}
	out := strings.NewReplacer(rules...).Replace(string(src))
	out = roundedCall.ReplaceAllStringFunc(out, func(call string) string {
		fn := call[len("rounded.") : len(call)-1]
		if kernel.WideFunctions[fn] == "" {
			return call // already a binary64 form, or not a function of internal/rounded
		}
		return "rounded." + kernel.WideFunctions[fn] + "("
	})
	if m := float32Bits.FindString(out); m != "" {
		return nil, fmt.Errorf("a float32's bits, %s, left in float64 text: give widenRules its float64", m)
	}
	b, err := format.Source([]byte(out))
	if err != nil {
		return nil, fmt.Errorf("%v in\n%s", err, out)
	}
	return b, nil
}

// F64 returns gen's file for package f64: gen run with wide set, its text
// widened.
func F64(gen func() ([]byte, error)) func() ([]byte, error) {
	return func() ([]byte, error) {
		wide = true
		defer func() { wide = false }()
		src, err := gen()
		if err != nil {
			return nil, err
		}
		src, err = widenText(src, true)
		if err != nil {
			return nil, err
		}
		out := strings.NewReplacer(docRules...).Replace(string(src))
		if m := roundedClaim.FindString(out); m != "" {
			return nil, fmt.Errorf("%q left in package f64's text, whose smooth functions are within 1 ulp: give docRules its float64 wording", m)
		}
		return []byte(out), nil
	}
}

// F64Entries returns f64's kernels_generic.go: in the builds without
// assembly, every entry point runs the generic kernel.
func F64Entries() ([]byte, error) {
	var b w
	header(&b, "purego || noasm || !(amd64 || arm64)", "kernels")
	b.p("// This build has no assembly: every entry point runs the generic kernel,")
	b.p("// the *Stream ones too.")
	genericEntries(&b, all())
	return b.source()
}

// WidenFile returns the hand-written file name of package kernels (in dir)
// as package f64's.
func WidenFile(dir, name string) ([]byte, error) {
	src, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf("// Code generated by go generate from kernels/%s, float32 made float64. DO NOT EDIT.\n\n", name)
	// A build constraint stays first.
	var build []byte
	if bytes.HasPrefix(src, []byte("//go:build")) {
		i := bytes.IndexByte(src, '\n') + 1
		build, src = append(src[:i:i], '\n'), bytes.TrimLeft(src[i:], "\n")
	}
	body, err := widenText(src, name == "activation.go")
	if err != nil {
		return nil, err
	}
	return append(append([]byte(head), build...), body...), nil
}

// bitsComment is a comment that gives a float32's bits, which a widened
// contract drops.
var bitsComment = regexp.MustCompile(` // 0x[0-9a-f]{8}\b`)

// F64Tests returns f64's kernels_test.go: every kernel of the package as a
// row of the tests' tables, and the contracts the descriptions state (Ref
// and GradRef), widened, for the tests to check the kernels against.
func F64Tests() ([]byte, error) {
	wide = true
	defer func() { wide = false }()
	var b w
	header(&b, "", "kernels")
	b.p("import (")
	b.p(`"math"`)
	b.p("")
	b.p(`"github.com/fastrelu/fastrelu/internal/rounded"`)
	b.p(")")
	b.p("")
	b.p("// elementwise are the elementwise kernels, forward ones first: s holds")
	b.p("// the scalars (alpha; lo and hi), x is nil for a forward kernel; the")
	b.p("// rounded ones call internal/rounded's binary64 functions.")
	b.p("var elementwise = []elementwiseKernel{")
	for _, k := range all() {
		if k.Layer() {
			continue
		}
		call := []string{"dst", "v"}
		ref := []string{"v"}
		if k.Shape == kernel.Grad {
			call = append(call, "x")
			ref = []string{"v", "x"}
		}
		for i := range k.Scalars {
			call = append(call, fmt.Sprintf("s[%d]", i))
			ref = append(ref, fmt.Sprintf("s[%d]", i))
		}
		name := "ref" + k.Activation.Name
		if k.Shape == kernel.Grad {
			name += "Grad"
		}
		b.p("{%q, %v, %d, %v, func(dst, v, x []float32, s []float32) { %s(%s) }, func(v, x float32, s []float32) float32 { return %s(%s) }},",
			k.Public, k.Shape == kernel.Grad, len(k.Scalars), k.Rounded, k.Public, strings.Join(call, ", "), name, strings.Join(ref, ", "))
	}
	b.p("}")
	b.p("")
	b.p("// layers are the layer kernels, as the tests call them: d the dst, a src")
	b.p("// or grad, y the value tested (nil for a forward kernel), p the bias or")
	b.p("// slope, acc the sums (nil where none); ref is the contract of its")
	b.p("// elements, v the value that passes or is scaled, x the one tested,")
	b.p("// and a the slope of PReLU's.")
	b.p("var layers = []layerKernel{")
	for _, k := range all() {
		if !k.Layer() {
			continue
		}
		r := roleOf(k)
		names := map[string]string{r.in: "a", r.test: "y", r.param: "p", r.sums: "acc"}
		call := []string{"d"}
		for _, in := range k.Inputs {
			call = append(call, names[in])
		}
		var sc []string
		for i := range k.Scalars {
			sc = append(sc, fmt.Sprintf("s[%d]", i))
		}
		name := "ref" + k.Activation.Name
		grad := k.Shape == kernel.GradBias || k.Shape == kernel.PerColumnGrad
		ref := []string{"v"}
		if grad {
			name += "Grad"
			ref = append(ref, "x")
		}
		if k.Shape == kernel.PerColumn || k.Shape == kernel.PerColumnGrad {
			ref = append(ref, "a")
		} else {
			ref = append(ref, sc...)
		}
		b.p("{%q, %d, %d, func(d, acc, a, y, p []float32, s []float32) { %s(%s) },", k.Public, int(k.Shape), len(k.Scalars), k.Public, strings.Join(append(call, sc...), ", "))
		b.p("func(par *Parallel, d, acc, a, y, p []float32, s []float32) { par.%s(%s) },", k.Public, strings.Join(append(call, sc...), ", "))
		b.p("func(v, x, a float32, s []float32) float32 { return %s(%s) }},", name, strings.Join(ref, ", "))
	}
	b.p("}")
	consts := laneConsts(all())
	b.p("")
	b.p("// constants are the constants of the kernels' operations, whose")
	b.p("// neighbours the tests try.")
	b.p("var constants = []uint32{")
	for _, c := range consts {
		b.p("%#016x, // %v", wideConst(c), math.Float64frombits(wideConst(c)))
	}
	b.p("}")
	b.p("")
	b.p("// The contracts, as the descriptions state them (their Ref and GradRef).")
	for _, k := range all() {
		if k.Shape != kernel.Forward {
			continue
		}
		a := k.Activation
		params := strings.Join(append([]string{"x"}, a.Scalars...), ", ")
		b.p("")
		b.p("func ref%s(%s float32) float32 {", a.Name, params)
		b.WriteString(bitsComment.ReplaceAllString(a.Ref, "") + "\n")
		b.p("}")
		b.p("")
		b.p("func ref%sGrad(g, %s float32) float32 {", a.Name, params)
		b.WriteString(bitsComment.ReplaceAllString(a.GradRef, "") + "\n")
		b.p("}")
	}
	b.p("")
	b.p("var _ = math.MaxFloat32 // for the contracts that need it")
	src, err := b.source()
	if err != nil {
		return nil, err
	}
	return widenText(src, true)
}
