package kernels

import (
	"os"
	"strings"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/klauspost/cpuid/v2"
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
var implementations = append(archImplementations(), impl.Impl{
	Name:          "generic",
	Available:     true,
	ReLU:          reluGeneric,
	LeakyReLU:     leakyReLUGeneric,
	ReLUGrad:      reluGradGeneric,
	LeakyReLUGrad: leakyReLUGradGeneric,

	BiasReLU:          biasReLUGeneric,
	BiasLeakyReLU:     biasLeakyReLUGeneric,
	ReLUGradBias:      reluGradBiasGeneric,
	LeakyReLUGradBias: leakyReLUGradBiasGeneric,
	PReLU:             preluGeneric,
	PReLUGrad:         preluGradGeneric,
})

// isaNames lists the values FASTRELU_ISA accepts, best first.
var isaNames = []string{"avx512", "avx2", "neon", "generic"}

// fallbacks maps every name FASTRELU_ISA accepts, on any platform, with the
// path to try next when this build or CPU cannot run it.
var fallbacks = map[string]string{
	"avx512":  "avx2",
	"avx2":    "generic",
	"neon":    "generic",
	"generic": "",
}

// active is the row every public function dispatches to, chosen once.
var active = selectImplementation(os.Getenv("FASTRELU_ISA"))

func init() { impl.Set(implementations) }

// selectImplementation returns the best available row, or, when want names
// a path, that path if this CPU runs it and otherwise the best available one
// below it. An unknown name panics: a typo must not silently measure or test
// another path than the one asked for.
func selectImplementation(want string) impl.Impl {
	if want == "" {
		for _, r := range implementations {
			if r.Available {
				return r
			}
		}
	}
	if _, ok := fallbacks[want]; !ok {
		panic("kernels: FASTRELU_ISA=" + want + " is not a known path; valid values: " + strings.Join(isaNames, ", "))
	}
	for name := want; ; name = fallbacks[name] {
		for _, r := range implementations {
			if r.Name == name && r.Available {
				return r
			}
		}
	}
}

// streamingThreshold is the number of bytes a call touches, dst and its
// inputs together (8 per element for ReLU and LeakyReLU, 12 for the
// gradients), from which the amd64 kernels write dst with non-temporal
// stores, out of place only: a working set that large does not stay in the
// last-level cache anyway, and streaming dst out of the way saves the
// read-for-ownership of every line written. 3/4 of the largest cache (the
// L3), since the L3 also holds other data: on the Zen 5 this was tuned on
// (L3 32 MiB), non-temporal stores lose up to 30% at 16 MiB touched and win
// 10-25% from 24 MiB on (LeakyReLU at 16M floats: 1.3x faster); in place,
// regular stores are faster at every size.
// 0 disables streaming.
var streamingThreshold = largestCache() / 4 * 3

// largestCache returns the size in bytes of the largest cache, the L3 where
// there is one, or 0 when cpuid does not know it.
func largestCache() int {
	for _, c := range []int{cpuid.CPU.Cache.L3, cpuid.CPU.Cache.L2} {
		if c > 0 {
			return c
		}
	}
	return 0
}
