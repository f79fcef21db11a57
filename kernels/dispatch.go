package kernels

import (
	"os"
	"strconv"
	"strings"

	"github.com/fastrelu/fastrelu/internal/impl"
)

// Feature detection and path selection.
//
// Two libraries, each for what it does best:
//   - golang.org/x/sys/cpu (in the per-architecture files) answers "may this
//     process execute these instructions": it checks both the CPU's feature
//     bits and that the OS saves the YMM, ZMM and opmask registers (XCR0), the
//     same test the Go runtime and x/crypto use. Dispatch rests on it alone.
//   - github.com/klauspost/cpuid/v2 describes the CPU: its cache sizes, which
//     set the size above which the amd64 kernels use streaming stores, and
//     its brand string, which the benchmark report prints.

// implementations is the table of every path compiled into this build, best
// first, generic last. Tests, fuzz targets and benchmarks walk it (through
// internal/impl); adding a path is one row in an architecture's file.
var implementations = append(archImplementations(), genericRow())

// active is the row every public function dispatches to, chosen once.
var active = chooseImplementation()

// The table, the exported functions as a row and the path selector, for
// tests, fuzz targets and benchmarks (internal/impl says who owns what).
func init() {
	impl.Register(implementations, publicRow(), usePath)
}

// chooseImplementation selects the row from FASTRELU_ISA. An unknown value
// must not stop a program that merely imports this package: it prints one
// line on stderr and the default path runs.
func chooseImplementation() impl.Impl {
	r, warning := selectImplementation(os.Getenv("FASTRELU_ISA"))
	if warning != "" {
		os.Stderr.WriteString(warning + "\n")
	}
	return r
}

// selectImplementation returns the row FASTRELU_ISA's value want asks for,
// ignoring surrounding space and case: the best available row when want is
// empty; the row named want if this CPU runs it, otherwise the best
// available row below it in the table. The valid names are the table's
// rows. For any other value it returns the best available row and a
// warning naming the value and the valid names.
func selectImplementation(want string) (impl.Impl, string) {
	name := strings.ToLower(strings.TrimSpace(want))
	found := name == ""
	for _, r := range implementations {
		found = found || r.Name == name
		if found && r.Available {
			return r, ""
		}
	}
	best, _ := selectImplementation("")
	names := make([]string, len(implementations))
	for i, r := range implementations {
		names[i] = r.Name
	}
	return best, "kernels: FASTRELU_ISA=" + strconv.Quote(want) + " is not a known path (valid: " +
		strings.Join(names, ", ") + ", any case); using " + best.Name
}

// Implementation names the code path this process uses: "avx512", "avx2",
// "neon", "rvv" or "generic". It is chosen once, at start-up, from what the CPU and
// OS support, or from the FASTRELU_ISA environment variable: a path of this
// build, in any case, surrounding space ignored; when the CPU cannot run
// it, the best path below it. Any other value prints one line on stderr
// and leaves the default path in use.
func Implementation() string { return active.Name }
