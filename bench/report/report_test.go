package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fastrelu/fastrelu/bench"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The report's pure parts: no measuring, so these run in milliseconds.

func sampleTables() []*Table {
	sizes := []int{16, 4096, 1 << 24}
	mk := func(name string, role bench.Role, g ...float64) Row {
		ns := make([]float64, len(g))
		for i := range g {
			ns[i] = 8 * float64(sizes[i]) / g[i]
		}
		return Row{Name: name, Role: role, GBps: g, Ns: ns}
	}
	return []*Table{
		{Kernel: bench.LeakyReLU, Data: bench.Cold, Sizes: sizes, Rows: []Row{
			mk("avx2", bench.Path, 30, 120, 22),
			mk("generic", bench.Path, 5, 6, math.NaN()),
			mk("public", bench.Public, 28, 119, 22),
			mk("odd<&>\"name", bench.Rival, 10, 40, 12),
			mk("naive", bench.Baseline, 1, 0.8, 0.9),
			mk("copy", bench.Roofline, 32, 125, 23),
		}},
		{Kernel: bench.ReLUGrad, Data: bench.Cold, Sizes: sizes, Rows: []Row{
			mk("avx2", bench.Path, 40, 150, 30),
			mk("naive", bench.Baseline, 1.2, 1, 1),
			mk("copy", bench.Roofline, 32, 125, 23),
		}},
		{Kernel: bench.ReLUGrad, Data: bench.Hot, Sizes: sizes[:2], Rows: []Row{
			mk("avx2", bench.Path, 41, 210),
			mk("copy", bench.Roofline, 33, 300),
		}},
	}
}

func TestSVGIsWellFormedXML(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteSVG(&b, `title with <, & and "quotes"`, coldTables(sampleTables())))
	d := xml.NewDecoder(bytes.NewReader(b.Bytes()))
	polylines, dashed, root := 0, 0, ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the SVG must be well-formed XML")
		if se, ok := tok.(xml.StartElement); ok {
			if root == "" {
				root = se.Name.Local
				assert.Equal(t, "http://www.w3.org/2000/svg", se.Name.Space)
			}
			if se.Name.Local == "polyline" {
				polylines++
				for _, a := range se.Attr {
					if a.Name.Local == "data-impl" && a.Value == "copy" {
						dashed++
						assert.Contains(t, b.String(), `stroke-dasharray="7 5" points=`)
					}
				}
			}
		}
	}
	assert.Equal(t, "svg", root)
	assert.Equal(t, 6+3, polylines, "one line per contender per kernel")
	assert.Equal(t, 2, dashed, "copy() in each panel")
	assert.NotContains(t, b.String(), "NaN", "missing figures are left out, not plotted")
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	WriteText(&b, sampleTables()[0])
	out := b.String()
	t.Log("\n" + out)
	lines := strings.Split(out, "\n")
	assert.Equal(t, "LeakyReLU, cold data: GB/s, 8 bytes moved per element (higher is better)", lines[0])
	assert.Regexp(t, `^  impl\s+n=16\s+n=4Ki\s+n=16Mi$`, lines[1])
	assert.Regexp(t, `^  avx2\s+30\.0\s+120\s+22\.0$`, lines[2])
	assert.Regexp(t, `(?m)^  generic\s+5\.00\s+6\.00\s+-$`, out)
	assert.Regexp(t, `(?m)^  naive\s+0\.031\s+0\.006\s+0\.039$`, out) // ratio to copy, small
	assert.Contains(t, out, "÷ copy()")
	assert.Regexp(t, `(?m)^  avx2\s+0\.94\s+0\.96\s+0\.96$`, out)             // ratio to copy
	assert.Regexp(t, `(?m)^  avx2\s+30\.0x\s+150x\s+24\.4x$`, out)            // ratio to naive
	assert.Regexp(t, `(?m)^  ns per call at n=16: avx2 4\.27, generic `, out) // 128 bytes / 30 GB/s
	// Columns line up: every table line of the GB/s block has the same length.
	for _, l := range lines[1:8] {
		assert.Len(t, l, len(lines[1]), "%q", l)
	}

	// A hot table has no naive loop, so no ratios to it.
	b.Reset()
	WriteText(&b, sampleTables()[2])
	out = b.String()
	t.Log("\n" + out)
	assert.True(t, strings.HasPrefix(out, "ReLUGrad, hot data: GB/s, 12 bytes moved per element (higher is better)\n"))
	assert.Regexp(t, `(?m)^  avx2\s+1\.24\s+0\.70$`, out) // ratio to copy
	assert.NotContains(t, out, "naive")
}

func TestWriteMarkdown(t *testing.T) {
	var b bytes.Buffer
	WriteMarkdown(&b, sampleTables()[0])
	out := b.String()
	t.Log("\n" + out)
	assert.True(t, strings.HasPrefix(out, "### LeakyReLU, cold data\n\n8 bytes per element; each cell: GB/s (÷ copy(), × the naive loop)\n\n"), out)
	assert.Contains(t, out, "| impl | n=16 | n=4Ki | n=16Mi |\n|:--|--:|--:|--:|\n")
	assert.Contains(t, out, "| avx2 | 30.0 (0.94, 30.0×) | 120 (0.96, 150×) | 22.0 (0.96, 24.4×) |")
	assert.Contains(t, out, "| naive | 1.00 (0.031) |")
	assert.Contains(t, out, "| copy() | 32.0 | 125 | 23.0 |")
	assert.Contains(t, out, "| generic | 5.00 (0.16, 5.00×) | 6.00 (0.048, 7.50×) | - |")
	assert.Contains(t, out, "\nns per call at n=16: avx2 4.27, ")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[2:] {
		if strings.HasPrefix(l, "|") {
			assert.Equal(t, 5, strings.Count(l, "|"), "%q", l)
		}
	}

	b.Reset()
	WriteMarkdown(&b, sampleTables()[2])
	out = b.String()
	assert.True(t, strings.HasPrefix(out, "### ReLUGrad, hot data\n\n12 bytes per element; each cell: GB/s (÷ copy())\n\n"), out)
	assert.Contains(t, out, "| avx2 | 41.0 (1.24) | 210 (0.70) |\n| copy() | 33.0 | 300 |\n")
}

func TestWriteDoc(t *testing.T) {
	var b bytes.Buffer
	doc := &Doc{
		Command: "GOEXPERIMENT=simd go run ./bench/report -thorough -markdown docs/bench.md -svg docs/bench.svg",
		Date:    "2026-12-03",
		Lines:   [][2]string{{"CPU", "Some CPU (family 6 model 207)"}, {"Method", "fastest of 10"}},
		Tables:  sampleTables(),
		Notes:   []string{"avx2: fastrelu's avx2 path", "naive: the loop; cold data only"},
		Allocs:  []string{"ReLU/impl=x/data=hot/n=16: 1 allocs per call"},
		Chart:   "bench.svg",
	}
	require.NoError(t, WriteDoc(&b, doc))
	out := b.String()
	t.Log("\n" + out)
	assert.True(t, strings.HasPrefix(out, "# fastrelu: speed on one machine\n\n"))
	assert.Contains(t, out, "Made on 2026-12-03 by `"+doc.Command+"`, from the repository root")
	assert.Contains(t, out, "\n- **CPU**: Some CPU (family 6 model 207)\n- **Method**: fastest of 10\n")
	assert.Contains(t, out, "- **Cold data**: below n = 64Ki each call reads the next window")
	assert.Contains(t, out, "- **Hot data**: every call reads the same n inputs")
	assert.Contains(t, out, "without the naive loop")
	assert.Contains(t, out, "](bench.svg)\n")
	// Every table, in order, each as a heading with its table below.
	last := 0
	for _, h := range []string{"## Tables", "### LeakyReLU, cold data", "### ReLUGrad, cold data", "### ReLUGrad, hot data", "## Contenders"} {
		i := strings.Index(out, "\n"+h+"\n")
		if assert.True(t, i > last, "%q missing or out of order", h) {
			last = i
		}
	}
	assert.Equal(t, 3, strings.Count(out, "| impl |"))
	assert.Contains(t, out, "\n- avx2: fastrelu's avx2 path\n- naive: the loop; cold data only\n- note: ReLU/impl=x/data=hot/n=16: 1 allocs per call\n")

	b.Reset()
	doc.Chart = ""
	require.NoError(t, WriteDoc(&b, doc))
	assert.NotContains(t, b.String(), "![")
}

func TestCommandLine(t *testing.T) {
	t.Setenv("FASTRELU_ISA", "")
	want := "./bench/report -sizes '1<<20,16' -markdown docs/bench.md -svg ''"
	switch {
	case bench.CPeer != nil && bench.CPeersBuilt():
		want = "-tags cpeers,peers " + want
	case bench.CPeer != nil:
		want = "-tags cpeers " + want
	case bench.CPeersBuilt():
		want = "-tags peers " + want
	}
	want = "go run " + want
	if bench.ArchsimdBuilt() {
		want = "GOEXPERIMENT=simd " + want
	}
	assert.Equal(t, want, commandLine([]string{"-sizes", "1<<20,16", "-markdown", "docs/bench.md", "-svg", ""}))
	assert.Equal(t, `'it'\''s'`, shellQuote("it's"))
	t.Setenv("FASTRELU_ISA", "avx2")
	assert.Contains(t, commandLine(nil), "FASTRELU_ISA=avx2 go run ")
}

func TestChartLink(t *testing.T) {
	for _, c := range []struct{ page, chart, want string }{
		{"docs/bench.md", "docs/bench.svg", "bench.svg"},
		{"docs/bench.md", "docs/img/b.svg", "img/b.svg"},
		{"bench.md", "b.svg", "b.svg"},
		{"docs/bench.md", "fastrelu-bench.svg", ""}, // the default chart, outside docs/: not committed
		{"docs/bench.md", "/elsewhere/b.svg", ""},
	} {
		assert.Equal(t, c.want, chartLink(c.page, c.chart), "%+v", c)
	}
}

// TestMarkdownPage runs the report end to end at the smallest settings
// (1ms per cell, one size, one kernel) and reads the page and chart it
// writes: what go run ./bench/report -markdown docs/bench.md does.
func TestMarkdownPage(t *testing.T) {
	bt := flag.Lookup("test.benchtime")
	require.NotNil(t, bt)
	defer bt.Value.Set(bt.Value.String())
	dir := t.TempDir()
	md, svg := filepath.Join(dir, "bench.md"), filepath.Join(dir, "bench.svg")
	args := []string{"-benchtime", "1ms", "-count", "1", "-kernels", "LeakyReLU", "-sizes", "16", "-impls", "generic",
		"-markdown", md, "-svg", svg}
	cfg, err := parseFlags(args, io.Discard)
	require.NoError(t, err)
	var stdout, progress bytes.Buffer
	require.NoError(t, run(cfg, &stdout, &progress))
	assert.Contains(t, stdout.String(), "LeakyReLU, hot data: GB/s")
	assert.Contains(t, stdout.String(), "markdown: "+md)

	page, err := os.ReadFile(md)
	require.NoError(t, err)
	out := string(page)
	t.Log("\n" + out)
	assert.Contains(t, out, commandLine([]string{"-benchtime", "1ms", "-count", "1", "-kernels", "LeakyReLU", "-sizes", "16", "-impls", "generic", "-markdown", md}))
	assert.Contains(t, out, "./bench/report -benchtime 1ms -count 1 -kernels LeakyReLU -sizes 16 -impls generic -markdown "+md)
	assert.Contains(t, out, "- **CPU**: ")
	assert.Contains(t, out, "](bench.svg)\n")
	cold := out[strings.Index(out, "### LeakyReLU, cold data"):strings.Index(out, "### LeakyReLU, hot data")]
	hot := out[strings.Index(out, "### LeakyReLU, hot data"):strings.Index(out, "## Contenders")]
	for _, row := range []string{"| generic | ", "| naive | ", "| copy() | "} {
		assert.Contains(t, cold, row)
	}
	assert.Contains(t, hot, "| generic | ")
	assert.Contains(t, hot, "| copy() | ")
	assert.NotContains(t, hot, "naive", "the naive loop runs on cold data only")
	assert.NotContains(t, out, "NaN")

	chart, err := os.ReadFile(svg)
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(string(chart), "<polyline"), "the chart: cold data, one line per contender")
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int{"16": 16, "4Ki": 4096, "64Ki": 65536, "1Mi": 1 << 20, "16Mi": 1 << 24,
		"1<<20": 1 << 20, "2^24": 1 << 24, " 256 ": 256, "3K": 3072} {
		got, err := parseSize(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, got, in)
		}
	}
	for _, in := range []string{"", "0", "-4", "x", "3^4", "1<<x", "Mi"} {
		_, err := parseSize(in)
		assert.Error(t, err, in)
	}
	for n, want := range map[int]string{16: "16", 1000: "1000", 4096: "4Ki", 1 << 24: "16Mi", 3 << 19: "1536Ki"} {
		assert.Equal(t, want, sizeLabel(n))
	}
}

func TestFlags(t *testing.T) {
	cfg, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 40*time.Second, cfg.budget)
	assert.Equal(t, 3, cfg.count)
	assert.Equal(t, bench.Kernels, cfg.kernels)
	assert.Equal(t, bench.Sizes, cfg.sizes)
	assert.Equal(t, "fastrelu-bench.svg", cfg.svg)

	cfg, err = parseFlags([]string{"-quick", "-kernels", "leakyrelu,ReLUGrad", "-sizes", "16Mi,16,4Ki,16", "-svg", ""}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 1, cfg.count)
	assert.Equal(t, []bench.Kernel{bench.LeakyReLU, bench.ReLUGrad}, cfg.kernels)
	assert.Equal(t, []int{16, 4096, 1 << 24}, cfg.sizes)
	assert.Empty(t, cfg.svg)
	assert.Empty(t, cfg.markdown)
	assert.Equal(t, []string{"-quick", "-kernels", "leakyrelu,ReLUGrad", "-sizes", "16Mi,16,4Ki,16", "-svg", ""}, cfg.args)

	cfg, err = parseFlags([]string{"-thorough", "-count", "5"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 5*time.Minute, cfg.budget)
	assert.Equal(t, 5, cfg.count)

	for _, bad := range [][]string{{"-quick", "-thorough"}, {"-kernels", "GELU"}, {"-sizes", "0"}, {"extra"}} {
		_, err := parseFlags(bad, io.Discard)
		assert.Error(t, err, "%q", bad)
	}
	_, err = contenders([]string{"no-such-impl"})
	assert.ErrorContains(t, err, "available:")
}

func TestNiceCeil(t *testing.T) {
	for v, want := range map[float64]float64{0: 1, 0.7: 0.8, 3: 4, 23: 25, 119: 150, 130: 150, 285: 300, 9.9: 15, 10: 15, 480: 500} {
		top, step := niceCeil(v)
		assert.Equal(t, want, top, "niceCeil(%v)", v)
		parts := math.Round(top / step)
		assert.InDelta(t, parts, top/step, 1e-9)
		assert.True(t, parts >= 3 && parts <= 5, "%v steps", parts)
	}
}
