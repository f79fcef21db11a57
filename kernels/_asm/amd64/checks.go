package amd64

import (
	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/mmcloughlin/avo/build"
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
	return emitFiles(c, out, stubs, pkg, "kernels/_asm/amd64 from the descriptions of kernel.Checks (go generate in kernels/)", checksHeader, checksStubsHeader)
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
