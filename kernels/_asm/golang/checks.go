package golang

import (
	"fmt"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The Go side of internal/lanecheck: the generic function of every kernel
// of ks, and the table of the kernels of every path, so that the test runs
// each kernel on each path without naming any.

// checkCall is a kernel of ks called with its inputs in a slice.
func checkCall(k kernel.Kernel, fn string) string {
	var in []string
	for i := range k.Inputs {
		in = append(in, fmt.Sprintf("in[%d]", i))
	}
	return fmt.Sprintf("func(dst []float32, in [][]float32) { %s(dst, %s) }", fn, strings.Join(in, ", "))
}

// GenericChecks returns lanecheck's generic functions (<name>Generic) and
// its table of kernels.
func GenericChecks(pkg string, ks []kernel.Kernel) ([]byte, error) {
	var b w
	header(&b, "", pkg)
	b.p("import (")
	b.p(`"math"`)
	b.p("")
	b.p("%q", lanemathImport)
	b.p(")")
	b.p("")
	b.p("// The generic path of every check kernel, as package kernels' generic")
	b.p("// kernels are written, and the table of the kernels.")
	b.p("")
	b.p("// checks are the kernels, in kernel.Checks order: name, inputs, generic function.")
	b.p("var checks = []check{")
	for _, k := range ks {
		b.p("{%q, %d, %s},", k.Name, len(k.Inputs), checkCall(k, k.Name+"Generic"))
	}
	b.p("}")
	for _, k := range ks {
		if len(k.Scalars) > 0 || k.Layer() {
			return nil, fmt.Errorf("%s: a check kernel is elementwise, without scalars", k.Name)
		}
		b.p("")
		b.p("// %sGeneric: %s.", k.Name, k.Doc)
		b.p("func %sGeneric(%s) {", k.Name, params(k))
		loops(&b, k, false)
		b.p("}")
	}
	return b.source()
}

// ChecksTable returns lanecheck_table_<goarch>.go: the assembly paths of
// goarch, best first, each with its kernel of every check.
func ChecksTable(pkg, goarch string, ks []kernel.Kernel) ([]byte, error) {
	var b w
	header(&b, "!purego && !noasm", pkg)
	b.p("// asmPaths are the assembly paths, each with its kernel of every check")
	b.p("// (in the order of checks).")
	b.p("var asmPaths = []asmPath{")
	for _, p := range Paths[goarch] {
		b.p("{%q, []func(dst []float32, in [][]float32){", p.Name)
		for _, k := range ks {
			b.p("%s,", checkCall(k, k.Name+p.Suffix))
		}
		b.p("}},")
	}
	b.p("}")
	return b.source()
}
