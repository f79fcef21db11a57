package f64

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestRaceDetectorSeesKernels builds testdata/racy with -race and runs it
// on every path this CPU runs: two goroutines write the same dst through
// the public API (and, in one case, one reads what the other writes). The
// race detector cannot see inside the assembly; the public functions tell
// it what they read and write, so every path must report the race.
func TestRaceDetectorSeesKernels(t *testing.T) {
	if runtime.GOOS+"/"+runtime.GOARCH != "linux/amd64" && runtime.GOOS+"/"+runtime.GOARCH != "linux/arm64" {
		t.Skipf("the race detector is checked on linux/amd64 and linux/arm64, not %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	if testing.Short() {
		t.Skip("builds a program with -race: not under -short")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := exec.Command(exe, "-test.run=^$").Run(); errors.Is(err, syscall.ENOEXEC) {
		t.Skip("emulated test binary: the race detector's runtime does not run under qemu-user")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the racy program")
	}
	bin := filepath.Join(t.TempDir(), "racy")
	build := exec.Command(goCmd, "build", "-race", "-o", bin, "./testdata/racy")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		if strings.Contains(string(out), "-race requires cgo") || strings.Contains(string(out), "C compiler") {
			t.Skipf("cannot build with -race here: %s", out)
		}
		t.Fatalf("go build -race ./testdata/racy: %v\n%s", err, out)
	}
	names := []string{"generic"}
	for _, p := range paths {
		if p.available {
			names = append(names, p.name)
		}
	}
	for _, path := range names {
		for _, which := range []string{"ReLU", "LeakyReLUGrad", "ReadWrite", "BiasLeakyReLU", "LeakyReLUGradBias", "PReLUGrad", "Parallel"} {
			cmd := exec.Command(bin, which)
			cmd.Env = append(os.Environ(), "FASTRELU_ISA="+path, "GORACE=halt_on_error=0 exitcode=66")
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				t.Fatalf("%s %s: %v\n%s", path, which, err, out)
			}
			if !strings.Contains(string(out), "implementation="+path+"\n") {
				t.Errorf("%s %s: ran another path:\n%s", path, which, out)
			}
			if !strings.Contains(string(out), "WARNING: DATA RACE") {
				t.Errorf("%s %s: no race reported:\n%s", path, which, out)
			}
		}
	}
}
