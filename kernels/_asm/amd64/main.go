// Command amd64 generates kernels/kernels_amd64.s and kernels_amd64.go with
// avo (github.com/mmcloughlin/avo). Run "go generate" in kernels/ (see
// generate.go there); scripts/check-generated.sh checks that the committed
// files are what this program writes. It is a module of its own, so that
// users of package kernels never download avo.
//
// Adding a kernel is one entry in kernels (kernels.go): its name, inputs,
// scalars and lane operation, written with the Lane methods (lane.go; add a
// method when an operation needs an instruction not there yet, with one
// branch for vector-register masks and one for opmasks). From it this
// program emits the AVX2 and AVX-512 kernels, their *Stream variants and
// the two dispatch entry points, all with the shapes of shape.go. The Go
// side needs the generic function (Name+"Generic"), a row in
// dispatch_amd64.go, and the entry points in dispatch_generic.go for the
// builds without assembly.
//
// What avo v0.5.0 does not express, and what this program does instead:
//   - A branch must target a label of its own function: the tail calls
//     (JMP ·f(SB), to another kernel or to the generic Go function) are
//     emitted as instructions avo does not see as branches (tailJump).
//   - No file-level comment in the assembly: the header comment is inserted
//     after the #include; the stubs' comment after the package clause.
//   - Build constraints in +build syntax only ("!purego,!noasm"); it prints
//     them as //go:build.
//   - No macros: Go functions are the macros; registers are physical ones,
//     chosen by newGen (no use of avo's register allocator), so that the
//     output is the hand-written file's code.
//   - avo's build package defines flags on flag.CommandLine: this program
//     parses its own FlagSet.
package main

import (
	"bytes"
	"flag"
	"go/format"
	"log"
	"os"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/ir"
	"github.com/mmcloughlin/avo/pass"
	"github.com/mmcloughlin/avo/printer"
)

func main() {
	// Not flag.CommandLine: avo's build package defines its own flags there.
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	out := fs.String("out", "", "assembly output `file`")
	stubs := fs.String("stubs", "", "Go stubs output `file`")
	pkg := fs.String("pkg", "kernels", "package name of the stubs")
	_ = fs.Parse(os.Args[1:])
	log.SetFlags(0)
	log.SetPrefix("kernels/_asm/amd64: ")
	if *out == "" || *stubs == "" {
		log.Fatal("need -out and -stubs")
	}

	c := build.NewContext()
	c.ConstraintExpr("!purego,!noasm")
	for _, suffix := range []string{"", "Stream"} {
		for _, k := range kernels {
			entry(c, k, suffix)
		}
	}
	for _, isa := range []ISA{avx2, avx512} {
		for _, k := range kernels {
			newGen(c, k, isa).plain()
		}
		for _, k := range kernels {
			newGen(c, k, isa).stream()
		}
	}
	// The layer kernels, after the four: their entry points, then their
	// kernels (no *Stream variants: see rows.go).
	for _, k := range layerKernels {
		entry(c, k, "")
	}
	for _, isa := range []ISA{avx2, avx512} {
		for _, k := range layerKernels {
			newGen(c, k, isa).layer()
		}
	}

	f, err := c.Result()
	if err != nil {
		log.Fatal(err)
	}
	if err := pass.Compile.Execute(f); err != nil {
		log.Fatal(err)
	}
	cfg := printer.Config{
		Name: "kernels/_asm/amd64 from its kernel descriptions (go generate in kernels/)",
		Pkg:  *pkg,
	}
	write(*out, f, printer.NewGoAsm(cfg), "#include \"textflag.h\"\n", asmHeader, false)
	write(*stubs, f, printer.NewStubs(cfg), "package "+*pkg+"\n", stubsHeader, true)
}

// write prints f and inserts header after the line after.
func write(path string, f *ir.File, p printer.Printer, after, header string, gofmt bool) {
	b, err := p.Print(f)
	if err != nil {
		log.Fatal(err)
	}
	i := bytes.Index(b, []byte(after))
	if i < 0 {
		log.Fatalf("%s: no %q in the output", path, after)
	}
	i += len(after)
	b = append(append(append([]byte{}, b[:i]...), header...), b[i:]...)
	if gofmt {
		if b, err = format.Source(b); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
}
