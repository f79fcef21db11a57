package main

import (
	"bytes"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/bench"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleCallTable(withC bool) *CallTable {
	t := &CallTable{Kernel: bench.ReLU, Sizes: []int{0, 16, 256}, Rows: []Row{
		{Name: "avx2", Role: bench.Path, Ns: []float64{3, 3.5, 10}},
		{Name: "public", Role: bench.Public, Ns: []float64{4, 4.5, 11}},
		{Name: "copy", Role: bench.Roofline, Ns: []float64{2, 3, math.NaN()}},
		{Name: "empty", Role: bench.Baseline, Ns: []float64{1.5, 1.5, 1.5}},
	}}
	if withC {
		t.Rows = append(t.Rows, Row{Name: "c-avx2", Role: bench.Rival, Ns: []float64{2, 3, 8}})
	}
	return t
}

func TestWriteCallText(t *testing.T) {
	var b bytes.Buffer
	WriteCallText(&b, sampleCallTable(true))
	out := b.String()
	t.Log("\n" + out)
	assert.True(t, strings.HasPrefix(out, "ReLU, fixed cost: ns per call, hot data (lower is better)\n"), out)
	assert.Regexp(t, `(?m)^  impl\s+n=0\s+n=16\s+n=256$`, out)
	assert.Regexp(t, `(?m)^  public\s+4\.00\s+4\.50\s+11\.0$`, out)
	assert.Regexp(t, `(?m)^  copy\s+2\.00\s+3\.00\s+-$`, out)
	assert.Regexp(t, `(?m)^  \(public - empty\) ÷ c-avx2\s+1\.25x\s+1\.00x\s+1\.19x$`, out)

	b.Reset()
	WriteCallText(&b, sampleCallTable(false))
	assert.NotContains(t, b.String(), "c-avx2", "no C loop, no ratio to it")
}

func TestWriteCallMarkdown(t *testing.T) {
	var b bytes.Buffer
	WriteCallMarkdown(&b, sampleCallTable(true))
	out := b.String()
	t.Log("\n" + out)
	assert.True(t, strings.HasPrefix(out, "### ReLU, fixed cost\n\nns per call, hot data (lower is better)\n\n| impl | n=0 | n=16 | n=256 |\n|:--|--:|--:|--:|\n"), out)
	assert.Contains(t, out, "| avx2 | 3.00 | 3.50 | 10.0 |\n")
	assert.Contains(t, out, "| copy() | 2.00 | 3.00 | - |\n")
	assert.Contains(t, out, "| (public - empty) ÷ c-avx2 | 1.25× | 1.00× | 1.19× |\n")
}

// TestCallCostPage runs the report with only the fixed-cost tables and reads
// the page: every call size, each contender, no allocation.
func TestCallCostPage(t *testing.T) {
	bt := flag.Lookup("test.benchtime")
	require.NotNil(t, bt)
	defer bt.Value.Set(bt.Value.String())
	md := filepath.Join(t.TempDir(), "bench.md")
	cfg, err := parseFlags([]string{"-benchtime", "1ms", "-count", "1", "-kernels", "LeakyReLUGrad", "-sizes", "16",
		"-impls", "generic", "-svg", "", "-markdown", md}, io.Discard)
	require.NoError(t, err)
	assert.True(t, cfg.calls)
	var stdout, progress bytes.Buffer
	require.NoError(t, run(cfg, &stdout, &progress))
	assert.Contains(t, stdout.String(), "LeakyReLUGrad, fixed cost: ns per call")
	page, err := os.ReadFile(md)
	require.NoError(t, err)
	out := string(page)
	sec := out[strings.Index(out, "## Fixed cost per call"):strings.Index(out, "## Contenders")]
	t.Log("\n" + sec)
	assert.Contains(t, sec, "| impl | n=0 | n=1 | n=16 | n=64 | n=256 |")
	for _, row := range []string{"| generic | ", "| public | ", "| copy() | ", "| empty | "} {
		assert.Contains(t, sec, row)
	}
	assert.NotContains(t, sec, "| avx2 | ", "-impls keeps only the paths named")
	assert.NotContains(t, out, "allocs per call")

	cfg, err = parseFlags([]string{"-calls=false"}, io.Discard)
	require.NoError(t, err)
	assert.False(t, cfg.calls)
}
