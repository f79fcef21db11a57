// Command _asm generates the assembly of package kernels and its Go side,
// from one description per activation (package kernel): kernels_amd64.s
// and kernels_amd64.go through the amd64 backend (avo), kernels_arm64.s and
// kernels_arm64.go through the neon backend (its own encoder),
// kernels_riscv64.s and kernels_riscv64.go through the rvv backend, and the Go
// glue through the golang backend: the exported functions, the Parallel
// methods, the runner's jobs, the table of paths, the entry points of the
// builds without assembly, internal/impl's Impl. Run "go generate" in kernels/ (see generate.go there);
// scripts/check-generated.sh checks that the committed files are what this
// program writes. It also writes internal/lanecheck's kernels, one per
// operation of kernel.Arith (kernel.Checks), from the same backends. It is
// a module of its own, so that users of package kernels never download avo.
// And it writes the 16-bit storage packages' (kernels/bf16, kernels/f16)
// AVX2, AVX-512 and NEON conversions, their kernels on their types, and
// on amd64 the fused forms of the binary32 kernels (amd64/storage.go: the
// same lane operations between 16-bit loads and stores).
//
// Adding an activation is one file in kernel/ with its description, and
// its line in kernel.All: every backend emits its kernels (the function,
// its gradient, the layer forms) from it.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/fastrelu/fastrelu/kernels/_asm/amd64"
	"github.com/fastrelu/fastrelu/kernels/_asm/golang"
	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/fastrelu/fastrelu/kernels/_asm/neon"
	"github.com/fastrelu/fastrelu/kernels/_asm/rvv"
)

func main() {
	// Not flag.CommandLine: avo's build package defines its own flags there.
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	dir := fs.String("dir", "", "the `directory` of package kernels, where the files go")
	_ = fs.Parse(os.Args[1:])
	log.SetFlags(0)
	log.SetPrefix("kernels/_asm: ")
	if *dir == "" || fs.NArg() != 0 {
		log.Fatal("usage: go run . -dir ../")
	}
	path := func(name string) string { return filepath.Join(*dir, name) }
	if err := amd64.Generate(path("kernels_amd64.s"), path("kernels_amd64.go"), "kernels"); err != nil {
		log.Fatal(err)
	}
	if err := amd64.GenerateF64(path("f64/kernels_amd64.s"), path("f64/kernels_amd64.go")); err != nil {
		log.Fatal(err)
	}
	for _, name := range golang.F64Files {
		b, err := golang.WidenFile(*dir, name)
		if err == nil {
			err = os.WriteFile(path("f64/"+name), b, 0o644)
		}
		if err != nil {
			log.Fatal(err)
		}
	}
	if err := writeChecks(path("../internal/lanecheck")); err != nil {
		log.Fatal(err)
	}
	for _, s := range golang.Storages {
		if err := amd64.GenerateConversions(path(s.Pkg+"/convert_amd64.s"), path(s.Pkg+"/convert_amd64.go"), s.Pkg); err != nil {
			log.Fatal(err)
		}
		if err := amd64.GenerateStorage(path(s.Pkg+"/kernels_amd64.s"), path(s.Pkg+"/kernels_amd64.go"), s.Pkg); err != nil {
			log.Fatal(err)
		}
		asm, stubs, err := neon.GenerateConversions(s.Pkg)
		if err == nil {
			err = os.WriteFile(path(s.Pkg+"/convert_arm64.s"), asm, 0o644)
		}
		if err == nil {
			err = os.WriteFile(path(s.Pkg+"/convert_arm64.go"), stubs, 0o644)
		}
		if err != nil {
			log.Fatal(err)
		}
	}
	for name, gen := range map[string]func() ([]byte, error){
		"kernels_arm64.s":                   neon.GenerateAsm,
		"kernels_arm64.go":                  neon.GenerateStubs,
		"kernels_riscv64.s":                 rvv.GenerateAsm,
		"kernels_riscv64.go":                rvv.GenerateStubs,
		"table_riscv64.go":                  func() ([]byte, error) { return golang.ArchTable("riscv64") },
		"functions.go":                      golang.Functions,
		"parallel_methods.go":               golang.ParallelMethods,
		"jobs.go":                           golang.Jobs,
		"table.go":                          golang.Table,
		"table_amd64.go":                    func() ([]byte, error) { return golang.ArchTable("amd64") },
		"table_arm64.go":                    func() ([]byte, error) { return golang.ArchTable("arm64") },
		"kernels_generic.go":                golang.GenericEntries,
		"kernels_rounded.go":                golang.RoundedEntries,
		"kernels_checked_amd64.go":          golang.CheckedAMD64,
		"kernels_checked_other.go":          golang.CheckedOther,
		"../internal/impl/kernels.go":       golang.Impl,
		"../internal/kerneltest/kernels.go": golang.TestKit,
		"generic_kernels.go":                golang.GenericKernels,
		"parallel_calls_test.go":            golang.ParallelTests,
		"stream_calls_amd64_test.go":        golang.StreamTests,
		"../fuzz/targets_test.go":           golang.FuzzTargets,
		"activations.go":                    golang.Activations,
		"entry_calls_test.go":               golang.EntryTests,
		"bf16/functions.go":                 func() ([]byte, error) { return golang.Narrow(golang.Storages[0]) },
		"f16/functions.go":                  func() ([]byte, error) { return golang.Narrow(golang.Storages[1]) },
		"bf16/functions_calls_test.go":      func() ([]byte, error) { return golang.NarrowTests(golang.Storages[0]) },
		"f16/functions_calls_test.go":       func() ([]byte, error) { return golang.NarrowTests(golang.Storages[1]) },
		"bf16/fused_amd64.go":               func() ([]byte, error) { return golang.FusedAMD64(golang.Storages[0]) },
		"f16/fused_amd64.go":                func() ([]byte, error) { return golang.FusedAMD64(golang.Storages[1]) },
		"bf16/fused_other.go":               func() ([]byte, error) { return golang.FusedOther(golang.Storages[0]) },
		"f16/fused_other.go":                func() ([]byte, error) { return golang.FusedOther(golang.Storages[1]) },
		"f64/kernels_arm64.s":               neon.GenerateF64Asm,
		"f64/kernels_arm64.go":              neon.GenerateF64Stubs,
		"f64/functions.go":                  golang.F64(golang.Functions),
		"f64/parallel_methods.go":           golang.F64(golang.ParallelMethods),
		"f64/jobs.go":                       golang.F64(golang.Jobs),
		"f64/generic_kernels.go":            golang.F64(golang.GenericKernels),
		"f64/kernels_generic.go":            golang.F64(golang.F64Entries),
		"f64/kernels_rounded.go":            golang.F64(golang.RoundedEntries),
		"f64/kernels_checked_amd64.go":      golang.F64(golang.CheckedAMD64),
		"f64/kernels_checked_other.go":      golang.F64(golang.CheckedOther),
		"f64/kernels_test.go":               golang.F64Tests,
		"f64/activations.go":                golang.F64(golang.Activations),
	} {
		b, err := gen()
		if err == nil {
			err = os.WriteFile(path(name), b, 0o644)
		}
		if err != nil {
			log.Fatal(err)
		}
	}
}

// writeChecks writes internal/lanecheck's kernels into dir: one per
// operation of kernel.Arith (kernel.Checks), from every backend.
func writeChecks(dir string) error {
	const pkg = "lanecheck"
	path := func(name string) string { return filepath.Join(dir, name) }
	ks := kernel.Checks
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := amd64.GenerateChecks(path("lanecheck_amd64.s"), path("lanecheck_amd64.go"), pkg, ks); err != nil {
		return err
	}
	asm, stubs, err := neon.GenerateChecks(pkg, ks)
	if err != nil {
		return err
	}
	files := map[string][]byte{"lanecheck_arm64.s": asm, "lanecheck_arm64.go": stubs}
	if files["generic_checks.go"], err = golang.GenericChecks(pkg, ks); err != nil {
		return err
	}
	for _, goarch := range []string{"amd64", "arm64"} {
		if files["table_"+goarch+".go"], err = golang.ChecksTable(pkg, goarch, ks); err != nil {
			return err
		}
	}
	for name, b := range files {
		if err := os.WriteFile(path(name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
