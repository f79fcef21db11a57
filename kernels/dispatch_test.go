package kernels

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImplementationTable(t *testing.T) {
	t.Logf("kernels.Implementation() = %s", Implementation())
	for _, r := range implementations {
		t.Logf("row %-8s available=%-5v %s", r.Name, r.Available, r.Missing)
	}
	require.Equal(t, implementations, impl.All(), "internal/impl must expose this package's table")
	last := implementations[len(implementations)-1]
	assert.Equal(t, "generic", last.Name, "generic is the last row")
	assert.True(t, last.Available)
	seen := map[string]bool{}
	for _, r := range implementations {
		assert.False(t, seen[r.Name], "duplicate row %s", r.Name)
		seen[r.Name] = true
		assert.Contains(t, isaNames, r.Name, "every row is selectable through FASTRELU_ISA")
		assert.True(t, r.Available || r.Missing != "", "row %s: unavailable rows say why", r.Name)
	}
	if os.Getenv("FASTRELU_ISA") == "" {
		for _, r := range implementations {
			if r.Available {
				assert.Equal(t, r.Name, Implementation(), "the default is the best available row")
				break
			}
		}
	}
}

// TestSelectImplementation checks the fallback rules in this process.
func TestSelectImplementation(t *testing.T) {
	available := map[string]bool{}
	for _, r := range implementations {
		available[r.Name] = r.Available
	}
	for _, want := range isaNames {
		got := selectImplementation(want).Name
		name := want
		for !available[name] {
			name = fallbacks[name]
		}
		assert.Equal(t, name, got, "FASTRELU_ISA=%s", want)
	}
	assert.PanicsWithValue(t, "kernels: FASTRELU_ISA=sse9 is not a known path; valid values: avx512, avx2, neon, generic",
		func() { selectImplementation("sse9") })
}

// TestEnvironmentVariable runs this test binary again with FASTRELU_ISA set
// and checks what the child process reports, including a panic at start-up
// for an unknown name.
func TestEnvironmentVariable(t *testing.T) {
	if name := os.Getenv("FASTRELU_TEST_CHILD"); name != "" {
		os.Stdout.WriteString("implementation=" + Implementation() + "\n")
		os.Exit(0)
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	args := []string{exe, "-test.run=^TestEnvironmentVariable$"}
	// Under "go test -exec qemu-aarch64" without binfmt_misc (as in CI), the
	// test binary cannot be executed directly: run the child under the same
	// emulator.
	if err := exec.Command(exe, "-test.run=^$").Run(); errors.Is(err, syscall.ENOEXEC) {
		emulator, lerr := exec.LookPath(map[string]string{"arm64": "qemu-aarch64"}[runtime.GOARCH])
		require.NoError(t, lerr, "the test binary does not run natively (%v) and no emulator was found", err)
		args = append([]string{emulator}, args...)
	}
	run := func(isa string) (string, error) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "FASTRELU_TEST_CHILD=1", "FASTRELU_ISA="+isa)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for _, isa := range isaNames {
		out, err := run(isa)
		require.NoError(t, err, out)
		assert.Contains(t, out, "implementation="+selectImplementation(isa).Name+"\n", "FASTRELU_ISA=%s", isa)
	}
	out, err := run("avx1024")
	require.Error(t, err, "an unknown FASTRELU_ISA must stop the process")
	assert.True(t, strings.Contains(out, "kernels: FASTRELU_ISA=avx1024 is not a known path; valid values: avx512, avx2, neon, generic"), out)
}
