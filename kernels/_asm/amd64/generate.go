// Package amd64 is the AVX2 and AVX-512 backend of the generator: it
// writes kernels/kernels_amd64.s and kernels_amd64.go with avo
// (github.com/mmcloughlin/avo), every kernel of package kernel's
// descriptions in the shapes of shape.go (elementwise) and rows.go (layer),
// with the lane operations of lane.go.
//
// What avo v0.5.0 does not express, and what this package does instead:
//   - A branch must target a label of its own function: the tail calls
//     (JMP ·f(SB), to another kernel or to the generic Go function) are
//     emitted as instructions avo does not see as branches (tailJump).
//   - No file-level comment in the assembly: the header comment is inserted
//     after the #include; the stubs' comment after the package clause.
//   - Build constraints in +build syntax only ("!purego,!noasm"); it prints
//     them as //go:build.
//   - No macros: Go functions are the macros; registers are physical ones,
//     chosen by newGen (no use of avo's register allocator), so that every
//     kernel's registers are chosen by one rule.
package amd64

import (
	"bytes"
	"fmt"
	"go/format"
	"os"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/ir"
	"github.com/mmcloughlin/avo/pass"
	"github.com/mmcloughlin/avo/printer"
)

// Generate writes the assembly to out and the Go declarations to stubs,
// in package pkg.
func Generate(out, stubs, pkg string) error {
	c := build.NewContext()
	c.ConstraintExpr("!purego,!noasm")
	for _, suffix := range []string{"", "Stream"} {
		for _, k := range kernel.Vectorized(kernel.Elementwise) {
			entry(c, k, suffix, "float32")
		}
	}
	for _, isa := range []ISA{avx2, avx512} {
		for _, k := range kernel.Vectorized(kernel.Elementwise) {
			newGen(c, k, isa).plain()
		}
		for _, k := range kernel.Vectorized(kernel.Elementwise) {
			newGen(c, k, isa).stream()
		}
	}
	// The layer kernels, after the four: their entry points, then their
	// kernels (no *Stream variants: see rows.go).
	for _, k := range kernel.Vectorized(kernel.Layer) {
		entry(c, k, "", "float32")
	}
	for _, isa := range []ISA{avx2, avx512} {
		for _, k := range kernel.Vectorized(kernel.Layer) {
			newGen(c, k, isa).layer()
		}
	}

	// The Checked kernels (checked.go), and their constants.
	table := &constTable{}
	for _, isa := range []ISA{avx2, avx512} {
		for _, k := range append(append([]Kernel{}, kernel.Elementwise...), kernel.Layer...) {
			if kernel.Checked(k) {
				checked(c, k, isa, table)
			}
		}
	}
	table.emit(c)

	return emitFiles(c, out, stubs, pkg, "kernels/_asm/amd64 from its kernel descriptions (go generate in kernels/)", asmHeader, stubsHeader)
}

// GenerateF64 writes package f64's assembly to out and its Go declarations
// to stubs: the same shapes on float64 elements (ISA.wide), for the
// activations kernel.Widens names (their kernels with no Rounded call), without the forms (see newGen).
func GenerateF64(out, stubs string) error {
	binary := func(ks []Kernel) []Kernel {
		var r []Kernel
		for _, k := range kernel.Vectorized(ks) {
			if kernel.Widens(k.Activation) {
				r = append(r, k)
			}
		}
		return r
	}
	elementwise, layer := binary(kernel.Elementwise), binary(kernel.Layer)
	c := build.NewContext()
	c.ConstraintExpr("!purego,!noasm")
	for _, suffix := range []string{"", "Stream"} {
		for _, k := range elementwise {
			entry(c, k, suffix, "float64")
		}
	}
	isas := []ISA{avx2.wide(), avx512.wide()}
	for _, isa := range isas {
		for _, k := range elementwise {
			newGen(c, k, isa).plain()
		}
		for _, k := range elementwise {
			newGen(c, k, isa).stream()
		}
	}
	for _, k := range layer {
		entry(c, k, "", "float64")
	}
	for _, isa := range isas {
		for _, k := range layer {
			newGen(c, k, isa).layer()
		}
	}
	// The smooth kernels whose functions have lane evaluations on float64
	// elements (kernel.WideEvaluations): the Checked shape, whose vectors
	// are all stored, since those evaluations Require nothing.
	table := &constTable{}
	for _, isa := range isas {
		for _, k := range append(append([]Kernel{}, kernel.Elementwise...), kernel.Layer...) {
			if kernel.WideChecked(k) {
				checked(c, k, isa, table)
			}
		}
	}
	table.emit(c)
	return emitFiles(c, out, stubs, "f64", "kernels/_asm/amd64 from its kernel descriptions (go generate in kernels/)", asmHeaderF64, stubsHeaderF64)
}

// emitFiles compiles what c holds and writes the assembly to out and the Go
// declarations to stubs, in package pkg, each with its header comment.
func emitFiles(c *build.Context, out, stubs, pkg, name, asmHeader, stubsHeader string) error {
	f, err := c.Result()
	if err != nil {
		return err
	}
	interleave(f)
	if err := pass.Compile.Execute(f); err != nil {
		return err
	}
	cfg := printer.Config{Name: name, Pkg: pkg}
	if err := write(out, f, printer.NewGoAsm(cfg), "#include \"textflag.h\"\n", asmHeader, false); err != nil {
		return err
	}
	return write(stubs, f, printer.NewStubs(cfg), "package "+pkg+"\n", stubsHeader, true)
}

// write prints f and inserts header after the line after.
func write(path string, f *ir.File, p printer.Printer, after, header string, gofmt bool) error {
	b, err := p.Print(f)
	if err != nil {
		return err
	}
	i := bytes.Index(b, []byte(after))
	if i < 0 {
		return fmt.Errorf("%s: no %q in the output", path, after)
	}
	i += len(after)
	b = append(append(append([]byte{}, b[:i]...), header...), b[i:]...)
	if gofmt {
		if b, err = format.Source(b); err != nil {
			return err
		}
	}
	return os.WriteFile(path, b, 0o644)
}
