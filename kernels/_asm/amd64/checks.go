package amd64

import (
	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/pass"
	"github.com/mmcloughlin/avo/printer"
)

// GenerateChecks writes, to out and stubs in package pkg, the AVX2 and
// AVX-512 kernels of ks (<name>AVX2, <name>AVX512) in the shape of
// kernels/kernels_amd64.s, without entry points or *Stream forms: the
// kernels that internal/lanecheck runs against the generic path.
func GenerateChecks(out, stubs, pkg string, ks []kernel.Kernel) error {
	c := build.NewContext()
	c.ConstraintExpr("!purego,!noasm")
	for _, isa := range []ISA{avx2, avx512} {
		for _, k := range ks {
			newGen(c, k, isa).plain()
		}
	}
	f, err := c.Result()
	if err != nil {
		return err
	}
	if err := pass.Compile.Execute(f); err != nil {
		return err
	}
	cfg := printer.Config{
		Name: "kernels/_asm/amd64 from the descriptions of kernel.Checks (go generate in kernels/)",
		Pkg:  pkg,
	}
	if err := write(out, f, printer.NewGoAsm(cfg), "#include \"textflag.h\"\n", checksHeader, false); err != nil {
		return err
	}
	return write(stubs, f, printer.NewStubs(cfg), "package "+pkg+"\n", checksStubsHeader, true)
}

const checksHeader = `
// One tiny kernel per lane operation of kernel.Arith, in the shape of
// kernels/kernels_amd64.s, for internal/lanecheck: AVX2 and AVX-512 (which
// runs the AVX2 kernel for n < 16). Generated; never edit this file.
`

const checksStubsHeader = `
// The kernels of lanecheck_amd64.s: slices of equal length, dst identical
// to an input or disjoint from it. The avx2 kernels need AVX2, the avx512
// ones AVX512F and AVX2; those of FMA need FMA3 too.
`
