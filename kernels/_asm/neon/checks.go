package neon

import (
	"fmt"
	"go/format"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// GenerateChecks returns the assembly and the Go declarations, in package
// pkg, of the NEON kernels of ks (<name>NEON) in the shape of
// kernels/kernels_arm64.s, without entry points: the kernels that
// internal/lanecheck runs against the generic path.
func GenerateChecks(pkg string, ks []kernel.Kernel) (asm, stubs []byte, err error) {
	lowered := lower(ks)
	var a w
	a.asmFile()
	a.p("")
	a.p("// One tiny kernel per lane operation of kernel.Arith, in the shape of")
	a.p("// kernels/kernels_arm64.s, for internal/lanecheck. The WORDs are checked")
	a.p("// against aarch64-linux-gnu-as as kernels_arm64.s's are.")
	a.p("//")
	for _, k := range lowered {
		if err := k.check(); err != nil {
			return nil, nil, err
		}
		a.p("//\t%-15s %s", k.Name+":", chainZero(k))
	}
	for _, k := range lowered {
		a.p("")
		k.emit(&a)
	}

	var s w
	s.goFile(pkg)
	s.p("")
	s.p("// The kernels of lanecheck_arm64.s: slices of equal length, dst identical")
	s.p("// to an input or disjoint from it.")
	for _, k := range lowered {
		s.p("")
		s.p("//go:noescape")
		s.p("func %sNEON(%s)", k.Name, k.signature())
	}
	stubs, err = format.Source([]byte(s.String()))
	if err != nil {
		return nil, nil, fmt.Errorf("%v in\n%s", err, s.String())
	}
	return []byte(a.String()), stubs, nil
}

// chainZero is k's lane op as chain 0's instructions, in GNU syntax.
func chainZero(k Kernel) string {
	var s []string
	for _, st := range k.Steps {
		s = append(s, st.enc(Q, st.d.v(0), st.n.v(0), st.m.v(0)).GNU)
	}
	return strings.Join(s, "; ")
}
