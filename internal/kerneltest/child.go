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

// EmulatorEnv names the variable that gives the command (an emulator and
// its flags, split at spaces) under which ChildCommand runs the test binary
// again, for setups it cannot work out itself.
const EmulatorEnv = "FASTRELU_TEST_EMULATOR"

// qemuUser is the name Debian's qemu-user gives the emulator of each GOARCH,
// where it is not qemu-GOARCH.
var qemuUser = map[string]string{
	"386": "qemu-i386", "amd64": "qemu-x86_64", "arm64": "qemu-aarch64", "loong64": "qemu-loongarch64",
	"mipsle": "qemu-mipsel", "mips64le": "qemu-mips64el",
}

// ChildCommand returns the command line that runs this test binary again
// with args, for tests that check what a fresh process does. Under
// "go test -exec qemu-<arch>" without binfmt_misc (as in CI) the binary
// cannot be executed directly, so the child runs under an emulator: the one
// EmulatorEnv names; else the one this process runs under, which qemu-user
// shows in /proc/thread-self/exe (it fakes /proc/self/exe as the guest
// binary only); else qemu-user's emulator for GOARCH. It skips t, saying
// why, when none is found.
func ChildCommand(t testing.TB, args ...string) []string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("the test binary's path: %v", err)
	}
	// A binary that starts, whatever its exit status, runs natively.
	var exit *exec.ExitError
	if err = exec.Command(exe, "-test.run=^$").Run(); err == nil || errors.As(err, &exit) {
		return append([]string{exe}, args...)
	}
	if e := strings.Fields(os.Getenv(EmulatorEnv)); len(e) > 0 {
		return append(append(e, exe), args...)
	}
	if host, herr := os.Readlink("/proc/thread-self/exe"); herr == nil && !sameFile(host, exe) {
		return append([]string{host, exe}, args...)
	}
	name := qemuUser[runtime.GOARCH]
	if name == "" {
		name = "qemu-" + runtime.GOARCH
	}
	emulator, lerr := exec.LookPath(name)
	if lerr != nil {
		t.Skipf("the test binary does not run natively (%v), this process's emulator is unknown and %s is not "+
			"installed: set %s to the emulator's command to run the child processes", err, name, EmulatorEnv)
	}
	return append([]string{emulator, exe}, args...)
}

func sameFile(a, b string) bool {
	sa, erra := os.Stat(a)
	sb, errb := os.Stat(b)
	if erra != nil || errb != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(sa, sb)
}
