package f64

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// TestRaceDetectorSeesKernels builds testdata/racy with -race and runs it
// on every path this CPU runs: two goroutines write the same dst through
// the public API (and, in one case, one reads what the other writes); every
// path must report the race (kerneltest.RaceReported).
func TestRaceDetectorSeesKernels(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program with -race: not under -short")
	}
	if len(paths) == 0 {
		t.Skip("no assembly in this build: the generic path's annotations are checked where it runs beside the assembly")
	}
	names := []string{"generic"}
	for _, p := range paths {
		if p.available {
			names = append(names, p.name)
		}
	}
	kerneltest.RaceReported(t, "./testdata/racy", names,
		[]string{"ReLU", "LeakyReLUGrad", "ReadWrite", "BiasLeakyReLU", "LeakyReLUGradBias", "PReLUGrad", "Parallel"})
}
