//go:build !purego && !noasm

package kernels

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/klauspost/cpuid/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Zen 1/2 forms (useZen12) give the same bits as the others: CI runs
// the kernels tests and the full sweeps of the kernels that have one with
// FASTRELU_TUNE=zen12 on the avx2 path. This file checks the choice.

// TestTuningEnvironment runs this test binary again with FASTRELU_TUNE set
// and checks the choice the child makes: the CPU's family when unset, the
// value's when known, and for an unknown value one line on stderr, never a
// crash.
func TestTuningEnvironment(t *testing.T) {
	if os.Getenv("FASTRELU_TEST_CHILD") != "" {
		fmt.Printf("zen12=%v\n", useZen12)
		os.Exit(0)
	}
	t.Logf("fastrelu: useZen12=%v FASTRELU_TUNE=%q (%s family %#x)", useZen12, os.Getenv("FASTRELU_TUNE"), cpuid.CPU.VendorID, cpuid.CPU.Family)
	family := zen12Family()
	args := kerneltest.ChildCommand(t, "-test.run=^TestTuningEnvironment$")
	for value, want := range map[string]bool{
		"": family, "zen12": true, " ZEN12\n": true, "default": false, "Default ": false,
		"zen1": family, "zen3": family, "auto": family,
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "FASTRELU_TEST_CHILD=1", "FASTRELU_TUNE="+value)
		var o, e strings.Builder
		cmd.Stdout, cmd.Stderr = &o, &e
		require.NoError(t, cmd.Run(), "FASTRELU_TUNE=%q must not stop the process; stderr %q", value, e.String())
		assert.Equal(t, fmt.Sprintf("zen12=%v\n", want), o.String(), "FASTRELU_TUNE=%q", value)
		switch strings.ToLower(strings.TrimSpace(value)) {
		case "", "zen12", "default":
			assert.Empty(t, e.String(), "FASTRELU_TUNE=%q", value)
		default:
			assert.Equal(t, fmt.Sprintf("kernels: FASTRELU_TUNE=%q is not a known tuning (valid: zen12, default, any case); ignored\n", value),
				e.String(), "FASTRELU_TUNE=%q: one line on stderr", value)
		}
	}
}
