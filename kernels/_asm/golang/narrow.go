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
// storage type: every one. Those whose value is a binary32 computation
// (the ReLU family, the gradients, ELU's alpha ⊗ expm1) round that value
// once more to the storage type; the forward kernels of the correctly
// rounded functions (Sigmoid, Tanh, SiLU, GELU, GELUTanh, Softplus, Mish)
// are correctly rounded to it (see Rounded).
func Narrowed(k kernel.Kernel) bool { return !k.Layer() }

// bitsParams is k's parameter list on a storage type's slices: "dst, src
// []Bits, alpha float32".
func bitsParams(k kernel.Kernel) string {
	return strings.Replace(params(k), "[]float32", "[]Bits", 1)
}

// Fused reports whether k has fused kernels on amd64 (kernels/_asm/amd64's
// storage.go, storageKernels): those the backends vectorize, binary32 operations with no
// Rounded call. On whole blocks of 32 elements where a vector path runs,
// the form calls them (fusedLen); the rest of the slice, and every element
// elsewhere, goes through a chunk.
func Fused(k kernel.Kernel) bool { return !k.Rounded && Narrowed(k) }

// Rounded reports whether k's storage form is correctly rounded to the
// storage type: the float32 value, correctly rounded, rounded again is the
// nearest value of the storage type to the exact one except where it is
// exactly a midpoint of the storage type, and there the package's table of
// ties (internal/halftest/ties, from internal/oracle) gives the value.
func Rounded(k kernel.Kernel) bool {
	return k.Shape == kernel.Forward && k.Activation.Exactness == kernel.CorrectlyRounded && len(k.Scalars) == 0
}

// Tabled reports whether k's storage form answers long calls from a table
// of its values at all 2^16 inputs (half.Table): the correctly rounded
// forward kernels, whose per-element cost is high, and ELU at alpha = 1
// (PyTorch's and Keras' default), which has the one scalar of them. The
// table is filled by the kernel's own computation, so its bits are the
// computation's; the tests compare the two on every input.
func Tabled(k kernel.Kernel) bool {
	return k.Shape == kernel.Forward && k.Rounded && len(k.Scalars) <= 1 && Narrowed(k)
}

// computed is the name of k's computation, which a Tabled k's public
// function calls below half.TableMin and to fill its table.
func computed(k kernel.Kernel) string { return "computed" + k.Public }

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
	b.p("// kernel. Each widens a chunk of its inputs to float32 (exactly), runs")
	b.p("// the float32 kernel on it, on this process's path, and rounds each result")
	b.p("// to the nearest %s, ties to even (FromFloat32): the float32 kernel's", s.Name)
	b.p("// value, rounded once more; or, for the correctly rounded functions,")
	b.p("// the exact value's nearest %s (fromRounded). Where amd64's vector paths", s.Name)
	b.p("// run, the binary32 kernels' forms take whole blocks of 32 elements in one")
	b.p("// pass instead (fusedLen): widened, computed and narrowed in registers, the")
	b.p("// same bits. The Tabled kernels answer calls of half.TableMin elements or")
	b.p("// more from a table of their values at all 2^16 inputs.")
	b.p("")
	b.p("// useTables lets the Tabled kernels use their tables; the tests turn it")
	b.p("// off to run the computation on every path.")
	b.p("var useTables = true")
	b.p("")
	b.p("// The tables of the Tabled kernels, each filled on first use.")
	b.p("var (")
	for _, k := range kernel.Elementwise {
		if Tabled(k) {
			b.p("table%s half.Table[Bits]", k.Public)
		}
	}
	b.p(")")
	for _, k := range kernel.Elementwise {
		if !Narrowed(k) {
			continue
		}
		p := bitsParams(k)
		fn := s.Pkg + "." + k.Public
		b.p("")
		if err := narrowDoc(&b, s, k); err != nil {
			return nil, err
		}
		if Tabled(k) {
			at, when := "", "useTables && len(dst) >= half.TableMin"
			fill := computed(k)
			if len(k.Scalars) == 1 {
				at = fmt.Sprintf(" at %s = 1", k.Scalars[0])
				when = k.Scalars[0] + " == 1 && " + when
				fill = fmt.Sprintf("func(dst, src []Bits) { %s(dst, src, 1) }", computed(k))
			}
			b.p("//")
			b.p("// A call of half.TableMin elements or more%s looks each value up in a", at)
			b.p("// table of all 2^16 inputs, which the first such call fills by this")
			b.p("// computation: the same bits, a load per element.")
			b.p("func %s(%s) {", k.Public, p)
			b.p("half.CheckForward(%q, dst, %s)", fn, strings.Join(k.Inputs, ", "))
			b.p("if %s {", when)
			b.p("table%s.Lookup(dst, src, %s)", k.Public, fill)
			b.p("return")
			b.p("}")
			b.p("%s(%s)", computed(k), strings.Join(append([]string{"dst", "src"}, k.Scalars...), ", "))
			b.p("}")
			b.p("")
			b.p("// %s is %s's computation.", computed(k), k.Public)
		}
		call := "kernels." + k.Public + "(a, a"
		if k.Shape == kernel.Grad {
			call += ", c"
		}
		for _, sc := range k.Scalars {
			call += ", " + sc
		}
		switch {
		case Tabled(k):
			b.p("func %s(%s) {", computed(k), p)
		case k.Shape == kernel.Forward:
			b.p("func %s(%s) {", k.Public, p)
			b.p("half.CheckForward(%q, dst, %s)", fn, strings.Join(k.Inputs, ", "))
		case k.Shape == kernel.Grad:
			b.p("func %s(%s) {", k.Public, p)
			b.p("half.CheckGrad(%q, %q, dst, %s)", fn, k.Inputs[1], strings.Join(k.Inputs, ", "))
		}
		slices := append([]string{"dst"}, k.Inputs...)
		if Fused(k) {
			var cut, rest []string
			for _, v := range slices {
				cut = append(cut, v+"[i:j]")
				rest = append(rest, v+"[n:]")
			}
			b.p("if n := fusedLen(len(dst)); n > 0 {")
			b.p("half.Blocks(n, func(i, j int) { fused%s(%s) })", k.Public, strings.Join(append(cut, k.Scalars...), ", "))
			b.p("if n == len(dst) {")
			b.p("return")
			b.p("}")
			b.p("%s = %s", strings.Join(slices, ", "), strings.Join(rest, ", "))
			b.p("}")
		}
		// Go zeroes a buffer where it is declared: a short call gets a
		// short one, and is one chunk.
		// n is the chunk's length: a slice's [:n] is the slice itself
		// where n is len(dst).
		body := func(n string) {
			cut := "[:" + n + "]"
			if n == "len(dst)" {
				cut = ""
			}
			if k.Shape == kernel.Grad {
				b.p("a, c := bufA[:%s], bufB[:%s]", n, n)
			} else {
				b.p("a := bufA[:%s]", n)
			}
			b.p("ToFloat32s(a, %s%s)", k.Inputs[0], cut)
			if k.Shape == kernel.Grad {
				b.p("ToFloat32s(c, %s%s)", k.Inputs[1], cut)
			}
			b.p("%s)", call)
			if Rounded(k) {
				b.p("fromRounded(dst%s, src%s, a, ties%s)", cut, cut, k.Public)
			} else {
				b.p("FromFloat32s(dst%s, a)", cut)
			}
		}
		bufs := "var bufA [half.%s]float32"
		if k.Shape == kernel.Grad {
			bufs = "var bufA, bufB [half.%s]float32"
		}
		b.p("if len(dst) <= half.Small {")
		b.p(bufs, "Small")
		body("len(dst)")
		b.p("return")
		b.p("}")
		b.p(bufs, "Chunk")
		b.p("for len(dst) > 0 {")
		b.p("n := min(len(dst), half.Chunk)")
		body("n")
		var rest []string
		for _, v := range slices {
			rest = append(rest, v+"[n:]")
		}
		b.p("%s = %s", strings.Join(slices, ", "), strings.Join(rest, ", "))
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
	b.p("")
	b.p("// tabledNames are the kernels with tables (useTables), whose scalar,")
	b.p("// where they have one, is 1 for the table.")
	b.p("var tabledNames = map[string]bool{")
	for _, k := range kernel.Elementwise {
		if Tabled(k) {
			b.p("%q: true,", k.Public)
		}
	}
	b.p("}")
	b.p("")
	b.p("// fusedNames are the kernels with fused forms (fusedLen).")
	b.p("var fusedNames = map[string]bool{")
	for _, k := range kernel.Elementwise {
		if Fused(k) {
			b.p("%q: true,", k.Public)
		}
	}
	b.p("}")
	return b.source()
}

// FusedAMD64 returns kernels/<s.Pkg>/fused_amd64.go: each fused kernel's
// dispatch to its AVX-512 or AVX2 form (kernels_amd64.s), by the flags
// the conversions take.
func FusedAMD64(s Storage) ([]byte, error) {
	var b w
	header(&b, "!purego && !noasm", s.Pkg)
	b.p("import \"github.com/fastrelu/fastrelu/internal/half\"")
	b.p("")
	b.p("// fusedLen returns how many leading elements of a slice of n the fused")
	b.p("// kernels run: its whole blocks of 32 where useAVX512 or useAVX2 is set,")
	b.p("// else none.")
	b.p("func fusedLen(n int) int {")
	b.p("if useAVX512 || useAVX2 {")
	b.p("return n &^ 31")
	b.p("}")
	b.p("return 0")
	b.p("}")
	b.p("")
	b.p("// kernelPaths are the fused kernels' paths besides the generic one, for")
	b.p("// the tests: the conversions'.")
	b.p("var kernelPaths = paths")
	for _, k := range kernel.Elementwise {
		if !Fused(k) {
			continue
		}
		slices := append([]string{"dst"}, k.Inputs...)
		p := bitsParams(k)
		var args []string
		for _, v := range slices {
			args = append(args, "half.Uint16s("+v+")")
		}
		args = append(args, k.Scalars...)
		b.p("")
		b.p("func fused%s(%s) {", k.Public, p)
		for _, v := range k.Inputs {
			b.p("half.RaceRead(%s)", v)
		}
		b.p("half.RaceWrite(dst)")
		b.p("if useAVX512 {")
		b.p("%sAVX512(%s)", k.Name, strings.Join(args, ", "))
		b.p("return")
		b.p("}")
		b.p("%sAVX2(%s)", k.Name, strings.Join(args, ", "))
		b.p("}")
	}
	return b.source()
}

// FusedOther returns kernels/<s.Pkg>/fused_other.go: no fused kernels
// (fusedLen is 0), so no form calls the stubs it declares.
func FusedOther(s Storage) ([]byte, error) {
	var b w
	header(&b, "purego || noasm || !amd64", s.Pkg)
	b.p("// No fused kernels here: every element goes through a chunk.")
	b.p("")
	b.p("func fusedLen(int) int { return 0 }")
	b.p("")
	b.p("var kernelPaths []path")
	b.p("")
	b.p("// The fused kernels' names, never called.")
	for _, k := range kernel.Elementwise {
		if !Fused(k) {
			continue
		}
		p := bitsParams(k)
		b.p("func fused%s(%s) {}", k.Public, p)
	}
	return b.source()
}

// narrowDoc writes the doc comment of k's form on s.
func narrowDoc(b *w, s Storage, k kernel.Kernel) error {
	if Rounded(k) {
		api := k.Activation.API[kernel.Forward]
		math := strings.TrimPrefix(api[:strings.Index(api, " at x = src[i]")], k.Public+" sets dst[i] to ")
		comment(b, kernel.Wrap(fmt.Sprintf("%s sets dst[i] to %s at x = src[i] correctly rounded to %s: "+
			"the exact value rounded once to the nearest %s, ties to even, for every input "+
			"(proven on all 2^16 against internal/oracle). A NaN gives its NaN back, quieted; the "+
			"infinities give the limits; subnormals are kept. The float32 kernel's value rounded "+
			"again would miss that where it is exactly halfway between two %s values and the "+
			"exact value is not: see [kernels.%s].", k.Public, math, s.Name, s.Name, s.Name, k.Public)))
		b.p("//")
		b.p("// dst may be src itself (in place), but must not overlap it otherwise.")
		b.p("// It panics if the lengths differ.")
		return nil
	}
	b.p("// %s sets dst[i] to kernels.%s of the inputs at i widened to float32,", k.Public, k.Public)
	b.p("// rounded to the nearest %s (ties to even):", s.Name)
	b.p("//")
	switch k.Shape {
	case kernel.Forward:
		b.p("//\tdst[i] = FromFloat32(f(src[i].Float32()))")
	case kernel.Grad:
		b.p("//\tdst[i] = FromFloat32(f(grad[i].Float32(), %s[i].Float32()))", k.Inputs[1])
	default:
		return fmt.Errorf("%s: no storage form for shape %d", k.Name, k.Shape)
	}
	b.p("//")
	with := ""
	if len(k.Scalars) > 0 {
		with = ", with the same " + strings.Join(k.Scalars, " and ")
	}
	b.p("// where f is kernels.%s on one element%s. dst may be an input", k.Public, with)
	b.p("// itself (in place), but must not overlap one otherwise. It panics if")
	b.p("// the lengths differ.")
	return nil
}
