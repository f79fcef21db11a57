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
// shows in /proc/thread-self/exe (it fakes /proc/self/exe only, as the
// guest binary); else, where there is no /proc and the binary does not
// start, qemu-user's emulator for GOARCH. It skips t, saying why, where no
// child can run.
func ChildCommand(t testing.TB, args ...string) []string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("the test binary's path: %v", err)
	}
	emulator := strings.Fields(os.Getenv(EmulatorEnv))
	if host, herr := os.Readlink("/proc/thread-self/exe"); len(emulator) == 0 && herr == nil && !sameFile(host, exe) {
		emulator = []string{host}
	}
	if len(emulator) == 0 && !startsNatively(exe) {
		name := qemuUser[runtime.GOARCH]
		if name == "" {
			name = "qemu-" + runtime.GOARCH
		}
		path, lerr := exec.LookPath(name)
		if lerr != nil {
			t.Skipf("the test binary does not run natively, this process's emulator is unknown and %s is not "+
				"installed: set %s to the emulator's command to run the child processes", name, EmulatorEnv)
		}
		emulator = []string{path}
	}
	if len(emulator) > 0 && filepath.Base(emulator[0]) == "qemu-i386" {
		// Seen with qemu 7.2: the signal a child's exit sends the parent
		// (SIGCHLD) arrives on a corrupted goroutine, and the Go 386
		// runtime crashes ("exitsyscall: syscall frame is no longer
		// valid", "bad g in signal handler").
		t.Skip("qemu-i386 cannot run a Go 386 process that starts children: run the 386 tests natively to cover this")
	}
	return append(append(emulator, exe), args...)
}

// startsNatively reports whether exe starts when executed directly,
// whatever its exit status.
func startsNatively(exe string) bool {
	var exit *exec.ExitError
	err := exec.Command(exe, "-test.run=^$").Run()
	return err == nil || errors.As(err, &exit)
}

func sameFile(a, b string) bool {
	sa, erra := os.Stat(a)
	sb, errb := os.Stat(b)
	if erra != nil || errb != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(sa, sb)
}
