package kernels

import (
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// TestRaceDetectorSeesKernels builds testdata/racy with -race and runs it
// on every available path: two goroutines write the same dst through the
// public API (and, in one case, one reads what the other writes); every
// path must report the race (kerneltest.RaceReported).
func TestRaceDetectorSeesKernels(t *testing.T) {
	var paths []string
	for _, r := range implementations {
		if r.Available {
			paths = append(paths, r.Name)
		}
	}
	kerneltest.RaceReported(t, "./testdata/racy", paths, []string{"ReLU", "LeakyReLU", "ReLUGrad", "LeakyReLUGrad", "ReadWrite",
		"BiasLeakyReLU", "PReLU", "LeakyReLUGradBias", "PReLUGrad", "Parallel"})
}
