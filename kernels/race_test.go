package kernels

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// raceSupported lists the platforms where "go build -race" works (the go
// command's own list, cmd/internal/sys.RaceDetectorSupported).
var raceSupported = map[string]bool{
	"linux/amd64": true, "linux/ppc64le": true, "linux/arm64": true, "linux/s390x": true, "linux/loong64": true,
	"freebsd/amd64": true, "netbsd/amd64": true, "darwin/amd64": true, "darwin/arm64": true, "windows/amd64": true,
}

// TestRaceDetectorSeesKernels builds testdata/racy with -race and runs it
// on every available path: two goroutines write the same dst through the
// public API (and, in one case, one reads what the other writes). The race
// detector cannot see inside the assembly; the public functions tell it
// what they read and write, so every path must report the race.
func TestRaceDetectorSeesKernels(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	if !raceSupported[platform] {
		t.Skipf("no race detector on %s", platform)
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	if err := exec.Command(exe, "-test.run=^$").Run(); errors.Is(err, syscall.ENOEXEC) {
		t.Skip("emulated test binary: the race detector's runtime does not run under qemu-user")
	}
	// go test puts its own GOROOT/bin first in the test's PATH.
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the racy program")
	}
	bin := filepath.Join(t.TempDir(), "racy")
	build := exec.Command(goCmd, "build", "-race", "-o", bin, "./testdata/racy")
	build.Env = append(os.Environ(), "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH, "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		if strings.Contains(string(out), "-race requires cgo") || strings.Contains(string(out), "C compiler") {
			t.Skipf("cannot build with -race here: %s", out)
		}
		require.NoError(t, err, "go build -race ./testdata/racy: %s", out)
	}
	for _, r := range implementations {
		if !r.Available {
			continue
		}
		for _, which := range []string{"ReLU", "LeakyReLU", "ReLUGrad", "LeakyReLUGrad", "ReadWrite",
			"BiasLeakyReLU", "PReLU", "LeakyReLUGradBias", "PReLUGrad", "Parallel"} {
			cmd := exec.Command(bin, which)
			cmd.Env = append(os.Environ(), "FASTRELU_ISA="+r.Name, "GORACE=halt_on_error=0 exitcode=66")
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.True(t, err == nil || errors.As(err, &exit), "%s %s: %v\n%s", r.Name, which, err, out)
			assert.Contains(t, string(out), "implementation="+r.Name+"\n")
			assert.Contains(t, string(out), "WARNING: DATA RACE", "%s %s: no race reported:\n%s", r.Name, which, out)
		}
	}
}
