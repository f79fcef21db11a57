package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
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
		{Kernel: bench.LeakyReLU, Sizes: sizes, Rows: []Row{
			mk("avx2", bench.Path, 30, 120, 22),
			mk("generic", bench.Path, 5, 6, math.NaN()),
			mk("public", bench.Public, 28, 119, 22),
			mk("odd<&>\"name", bench.Rival, 10, 40, 12),
			mk("naive", bench.Baseline, 1, 0.8, 0.9),
			mk("copy", bench.Roofline, 32, 125, 23),
		}},
		{Kernel: bench.ReLUGrad, Sizes: sizes, Rows: []Row{
			mk("avx2", bench.Path, 40, 150, 30),
			mk("naive", bench.Baseline, 1.2, 1, 1),
			mk("copy", bench.Roofline, 32, 125, 23),
		}},
	}
}

func TestSVGIsWellFormedXML(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteSVG(&b, `title with <, & and "quotes"`, sampleTables()))
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
	assert.Equal(t, "LeakyReLU: GB/s, 8 bytes moved per element (higher is better)", lines[0])
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
}

func TestWriteMarkdown(t *testing.T) {
	var b bytes.Buffer
	WriteMarkdown(&b, sampleTables()[0])
	out := b.String()
	t.Log("\n" + out)
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
