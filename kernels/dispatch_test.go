package kernels

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
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
		got, warning := selectImplementation(r.Name)
		assert.Empty(t, warning, "every row is selectable through FASTRELU_ISA")
		if r.Available {
			assert.Equal(t, r.Name, got.Name, "FASTRELU_ISA=%s selects its row", r.Name)
		}
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

// validNames is what the warning for an unknown FASTRELU_ISA lists: the
// table's rows, best first.
func validNames() string {
	names := []string{}
	for _, r := range implementations {
		names = append(names, r.Name)
	}
	return strings.Join(names, ", ")
}

// bestBelow is the row FASTRELU_ISA=name selects: that row when available,
// else the first available row after it.
func bestBelow(t *testing.T, name string) string {
	found := false
	for _, r := range implementations {
		found = found || r.Name == name
		if found && r.Available {
			return r.Name
		}
	}
	t.Fatalf("no row %q", name)
	return ""
}

func defaultRow(t *testing.T) string { return bestBelow(t, implementations[0].Name) }

// TestSelectImplementation checks the fallback rules, the forgiving spelling
// and the warning for an unknown name in this process.
func TestSelectImplementation(t *testing.T) {
	for _, r := range implementations {
		for _, spelling := range []string{r.Name, strings.ToUpper(r.Name), " " + r.Name + "\n", "\t" + strings.ToUpper(r.Name[:1]) + r.Name[1:] + " "} {
			got, warning := selectImplementation(spelling)
			assert.Equal(t, bestBelow(t, r.Name), got.Name, "FASTRELU_ISA=%q", spelling)
			assert.Empty(t, warning, "FASTRELU_ISA=%q", spelling)
		}
	}
	for _, empty := range []string{"", " ", "\n"} {
		got, warning := selectImplementation(empty)
		assert.Equal(t, defaultRow(t), got.Name, "FASTRELU_ISA=%q", empty)
		assert.Empty(t, warning, "FASTRELU_ISA=%q", empty)
	}
	for _, unknown := range []string{"sse9", "avx 2", "avx2,generic", "\x00", "n\u00e9on"} {
		got, warning := selectImplementation(unknown)
		assert.Equal(t, defaultRow(t), got.Name, "FASTRELU_ISA=%q runs the default path", unknown)
		assert.Equal(t, fmt.Sprintf("kernels: FASTRELU_ISA=%q is not a known path (valid: %s, any case); using %s",
			unknown, validNames(), defaultRow(t)), warning)
		assert.NotContains(t, warning, "\n", "one line")
	}
}

// TestEnvironmentVariable runs this test binary again with FASTRELU_ISA set
// and checks what the child process reports: the path that runs, and for an
// unknown value one line on stderr, never a crash.
func TestEnvironmentVariable(t *testing.T) {
	if name := os.Getenv("FASTRELU_TEST_CHILD"); name != "" {
		os.Stdout.WriteString("implementation=" + Implementation() + "\n")
		os.Exit(0)
	}
	args := kerneltest.ChildCommand(t, "-test.run=^TestEnvironmentVariable$")
	run := func(isa string) (stdout, stderr string) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "FASTRELU_TEST_CHILD=1", "FASTRELU_ISA="+isa)
		var o, e strings.Builder
		cmd.Stdout, cmd.Stderr = &o, &e
		require.NoError(t, cmd.Run(), "FASTRELU_ISA=%q must not stop the process; stdout %q, stderr %q", isa, o.String(), e.String())
		return o.String(), e.String()
	}
	cases := map[string]string{"": defaultRow(t)} // value -> the path that must run
	for _, r := range implementations {
		cases[r.Name] = bestBelow(t, r.Name)
		cases[strings.ToUpper(r.Name)] = bestBelow(t, r.Name)
		cases[r.Name+" "] = bestBelow(t, r.Name)
		cases[r.Name+"\n"] = bestBelow(t, r.Name)
		cases["  "+r.Name+"\t"] = bestBelow(t, r.Name)
	}
	for isa, want := range cases {
		stdout, stderr := run(isa)
		assert.Equal(t, "implementation="+want+"\n", stdout, "FASTRELU_ISA=%q", isa)
		assert.Empty(t, stderr, "FASTRELU_ISA=%q", isa)
	}
	for _, typo := range []string{"avx1024", "avx2x", "gneric", "avx2\navx512"} {
		stdout, stderr := run(typo)
		assert.Equal(t, "implementation="+defaultRow(t)+"\n", stdout, "FASTRELU_ISA=%q: the default path runs", typo)
		assert.Equal(t, fmt.Sprintf("kernels: FASTRELU_ISA=%q is not a known path (valid: %s, any case); using %s\n",
			typo, validNames(), defaultRow(t)), stderr, "one line on stderr")
	}
}
