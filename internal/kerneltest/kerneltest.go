// Package kerneltest is the test kit every test package of this module
// shares (kernels, fuzz, bench): walking the implementation rows of
// internal/impl as subtests, the public API as a row and under each path in
// turn, the special values and alphas, random inputs, bit-exact assertions,
// byte-misaligned slices, canaries and guard pages.
//
// It does not import package kernels (whose own tests import it): the rows,
// the public API as a row and the path selector reach it through
// internal/impl, which package kernels fills at init. A test package must
// import package kernels (or be it) for the table to be there.
//
// The references the kernels are checked against are not here: package
// kernels (on bits) and package fuzz (through float arithmetic) each keep
// their own, independent of each other and of this kit, for the activations
// they name; every other activation is checked against the contract its
// description states in plain Go (Kernel.Ref, generated into kernels.go),
// which shares nothing with the lane operations the paths are made of.
package kerneltest

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
)

// RowsEnv names the environment variable that, when set, is a regexp of
// the rows Rows and Paths run; the others are skipped. The emulators set
// it to the row only they can run (avx512 under Bochs), which the native
// runs cannot: every other row is tested natively already.
const RowsEnv = "FASTRELU_TEST_ROWS"

// skipRow skips t unless row name is one RowsEnv asks for.
func skipRow(t *testing.T, name string) {
	t.Helper()
	pattern := os.Getenv(RowsEnv)
	if pattern == "" {
		return
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		t.Fatalf("%s=%q: %v", RowsEnv, pattern, err)
	}
	if !re.MatchString(name) {
		t.Skipf("%s=%q leaves out row %s", RowsEnv, pattern, name)
	}
}

// Rows runs f as a subtest named after each row of the implementation
// table, best first, and then for the public API as a row named "public".
// Rows this CPU cannot run are skipped with the reason.
func Rows(t *testing.T, f func(t *testing.T, r impl.Impl)) {
	t.Helper()
	for _, r := range append(impl.All()[:len(impl.All()):len(impl.All())], impl.Public()) {
		t.Run(r.Name, func(t *testing.T) {
			if !r.Available {
				t.Skipf("%s: %s", r.Name, r.Missing)
			}
			skipRow(t, r.Name)
			f(t, r)
		})
	}
}

// Paths runs f as a subtest named after each row of the table, with that
// row as the path the public API dispatches to (see Use): f calls the
// public API through impl.Public(), and gets the row it runs on. Rows this
// CPU cannot run are skipped with the reason. Such subtests must not run in
// parallel with anything that calls the kernels.
func Paths(t *testing.T, f func(t *testing.T, r impl.Impl)) {
	t.Helper()
	for _, r := range impl.All() {
		t.Run(r.Name, func(t *testing.T) {
			if !r.Available {
				t.Skipf("%s: %s", r.Name, r.Missing)
			}
			skipRow(t, r.Name)
			Use(t, r.Name)
			f(t, r)
		})
	}
}

// Use makes the public API dispatch to the row named name until t ends.
func Use(t testing.TB, name string) {
	t.Helper()
	t.Cleanup(impl.Use(name))
}

// Generic returns the generic row.
func Generic() impl.Impl { return impl.Generic() }

// Kernel describes one of the element-wise kernels uniformly: v is the
// value that passes through or is scaled (src or grad), x the value tested
// (src or x; the forward kernels ignore it).
type Kernel struct {
	Name       string
	Activation string // the activation it is made of: its description's Name
	Grad       bool   // takes (grad, x) rather than src
	Leaky      bool   // takes alpha
	// Rounded: it calls internal/rounded, and every path runs its generic
	// kernel (no assembly evaluates it yet).
	Rounded bool
	// Checked: the amd64 assembly evaluates it (kernel.Checked), so that
	// where that assembly is built its Rounded is false (checked_amd64.go).
	Checked bool
	Call    func(r impl.Impl, dst, v, x []float32, alpha float32)
	// Ref is the contract of one element, as the activation's description
	// states it in plain Go (float32 arithmetic, so with two NaN operands
	// the NaN is this machine's pick): v passes through or is scaled, x is
	// tested (v itself for the forward kernels).
	Ref func(v, x, alpha float32) float32
}

// KernelIndex returns the index in Kernels of the kernel named name.
func KernelIndex(name string) int {
	return index(Kernels, name, func(k Kernel) string { return k.Name })
}

// LayerKernelIndex returns the index in LayerKernels of the kernel named
// name.
func LayerKernelIndex(name string) int {
	return index(LayerKernels, name, func(k LayerKernel) string { return k.Name })
}

func index[K any](ks []K, name string, nameOf func(K) string) int {
	for i, k := range ks {
		if nameOf(k) == name {
			return i
		}
	}
	panic("kerneltest: no kernel " + name)
}

// EachKernel runs f as a subtest named after each of Kernels.
func EachKernel(t *testing.T, f func(t *testing.T, k Kernel)) {
	t.Helper()
	for _, k := range Kernels {
		t.Run(k.Name, func(t *testing.T) {
			skipRounded(t, k.Rounded)
			f(t, k)
		})
	}
}

// Repeats reports whether running a Rounded kernel (rounded true) under t
// repeats a test already run: under a subtest of Paths named after a row
// other than the generic one, the public function of a Rounded kernel runs
// the same generic function as under the generic row.
func Repeats(t *testing.T, rounded bool) bool {
	return rounded && (underRow(t, "generic") != "" || RoundedOff())
}

// RoundedOff reports whether FASTRELU_TEST_ROUNDED=off leaves the Rounded
// kernels out of the table tests altogether: for a second run of the same
// build where only the vector code differs (scripts/rvv-test.sh's second
// VLEN), since the Rounded kernels run no vector code.
func RoundedOff() bool { return os.Getenv("FASTRELU_TEST_ROUNDED") == "off" }

// underRow returns the row of the table t runs under, a subtest of Rows or
// Paths named after it, unless that row is except; "" if none.
func underRow(t *testing.T, except string) string {
	for _, seg := range strings.Split(t.Name(), "/") {
		for _, r := range impl.All() {
			if seg == r.Name && r.Name != except {
				return r.Name
			}
		}
	}
	return ""
}

// skipRounded skips t for a Rounded kernel under a subtest of Rows or Paths
// named after a row of the table: every row runs that kernel's generic
// function, which the public functions' row runs too, through their
// argument checks and chunking, so that row alone tests it.
func skipRounded(t *testing.T, rounded bool) {
	t.Helper()
	if row := underRow(t, ""); rounded && row != "" {
		t.Skipf("a Rounded kernel: row %s runs its generic function, tested through the public row", row)
	}
	if rounded && RoundedOff() {
		t.Skip("a Rounded kernel: FASTRELU_TEST_ROUNDED=off")
	}
}

// LayerKernel describes one of the layer kernels uniformly. The arguments
// of Call: dst; acc (dbias or dslope); a (src or grad); b (y or x); par
// (the bias or the per-column parameter). cols is len(par), or len(acc) for
// the bias gradients.
type LayerKernel struct {
	Name       string
	Activation string // the activation it is made of
	Grad       bool   // takes grad and y/x, and accumulates into acc
	Leaky      bool   // takes a slope: alpha, or the per-column parameter
	Bias       bool   // adds par as a bias
	Param      bool   // takes par (a bias or a per-column parameter)
	PerColumn  bool   // par is the activation's parameter, one per column
	Rounded    bool   // as Kernel.Rounded
	Checked    bool   // as Kernel.Checked
	Call       func(r impl.Impl, dst, acc, a, b, par []float32, alpha float32)
	// Ref is the contract of one element of dst given z (the sum with the
	// bias for BiasForward), as Kernel.Ref; alpha is the per-column
	// parameter for the PerColumn kernels.
	Ref func(v, x, alpha float32) float32
}

// HasPar tells whether the kernel takes par (bias or slope).
func (k LayerKernel) HasPar() bool { return k.Param }

// HasAcc tells whether the kernel accumulates into acc (dbias or dslope).
func (k LayerKernel) HasAcc() bool { return k.Grad }

// Kernels and LayerKernels, the tables of every kernel, are in kernels.go,
// generated from the kernel descriptions.

// EachLayerKernel runs f as a subtest named after each of LayerKernels.
func EachLayerKernel(t *testing.T, f func(t *testing.T, k LayerKernel)) {
	t.Helper()
	for _, k := range LayerKernels {
		t.Run(k.Name, func(t *testing.T) {
			skipRounded(t, k.Rounded)
			f(t, k)
		})
	}
}

// Available returns the rows this CPU runs, best first, and the public API
// as a row last: for loops that cannot run subtests (fuzz targets) or that
// name their own.
func Available() []impl.Impl {
	var rs []impl.Impl
	for _, r := range impl.All() {
		if r.Available {
			rs = append(rs, r)
		}
	}
	return append(rs, impl.Public())
}
