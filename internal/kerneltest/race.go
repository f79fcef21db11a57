package kerneltest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// raceSupported lists the platforms where "go build -race" works (the go
// command's own list, cmd/internal/sys.RaceDetectorSupported).
var raceSupported = map[string]bool{
	"linux/amd64": true, "linux/ppc64le": true, "linux/arm64": true, "linux/s390x": true, "linux/loong64": true,
	"freebsd/amd64": true, "netbsd/amd64": true, "darwin/amd64": true, "darwin/arm64": true, "windows/amd64": true,
}

// RaceReported builds the program in dir (a racy one: two goroutines that
// write, or read and write, the same slice through a package's kernels)
// with -race, runs it with each of cases as its argument on each of
// paths (FASTRELU_ISA), and fails t unless every run printed
// "implementation=<path>" and the race detector's report. The race
// detector cannot see inside the assembly; the public functions tell it
// what they read and write, so every path must report the race. It skips
// where no race detector or no go command can build the program, and
// under an emulator.
func RaceReported(t *testing.T, dir string, paths, cases []string) {
	t.Helper()
	platform := runtime.GOOS + "/" + runtime.GOARCH
	if !raceSupported[platform] {
		t.Skipf("no race detector on %s", platform)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := exec.Command(exe, "-test.run=^$").Run(); notExecutable(err) {
		t.Skip("emulated test binary: the race detector's runtime does not run under qemu-user")
	}
	// go test puts its own GOROOT/bin first in the test's PATH.
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the racy program")
	}
	bin := filepath.Join(t.TempDir(), "racy")
	build := exec.Command(goCmd, "build", "-race", "-o", bin, dir)
	build.Env = append(os.Environ(), "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH, "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		if strings.Contains(string(out), "-race requires cgo") || strings.Contains(string(out), "C compiler") {
			t.Skipf("cannot build with -race here: %s", out)
		}
		t.Fatalf("go build -race %s: %v\n%s", dir, err, out)
	}
	for _, path := range paths {
		for _, which := range cases {
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
