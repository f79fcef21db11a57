package main

import (
	"bytes"
	"encoding/xml"
	"errors"
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

func sampleLayerTables() []*LayerTable {
	shapes := []bench.Shape{{Rows: 64, Cols: 256}, {Rows: 1024, Cols: 256}, {Rows: 4096, Cols: 4096}}
	mk := func(name string, role bench.Role, g ...float64) Row {
		ns := make([]float64, len(g))
		for i := range g {
			ns[i] = float64(bench.BiasLeakyReLU.Bytes(shapes[i])) / g[i]
		}
		return Row{Name: name, Role: role, GBps: g, Ns: ns}
	}
	return []*LayerTable{
		{Kernel: bench.BiasLeakyReLU, Shapes: shapes, Rows: []Row{
			mk("avx512", bench.Path, 60, 30, 9.5),
			mk("generic", bench.Path, 5, 4, math.NaN()),
			mk("fused", bench.Public, 57, 29, 9.4),
			mk("unfused", bench.Baseline, 30, 15, 5),
			mk("single-pass", bench.Roofline, 60, 32, 10),
		}},
		{Kernel: bench.PReLU, Shapes: shapes[:2], Rows: []Row{
			mk("fused", bench.Public, 40, 20),
			mk("single-pass", bench.Roofline, 50, 25),
		}},
	}
}

func TestWriteLayerText(t *testing.T) {
	var b bytes.Buffer
	WriteLayerText(&b, sampleLayerTables()[0])
	out := b.String()
	t.Log("\n" + out)
	lines := strings.Split(out, "\n")
	assert.Equal(t, "BiasLeakyReLU: GB/s, 8 bytes per element + 4 per column (higher is better)", lines[0])
	assert.Regexp(t, `^  impl\s+64x256\s+1024x256\s+4096x4096$`, lines[1])
	assert.Regexp(t, `^  avx512\s+60\.0\s+30\.0\s+9\.50$`, lines[2])
	assert.Regexp(t, `(?m)^  generic\s+5\.00\s+4\.00\s+-$`, out)
	assert.Contains(t, out, "\n  × unfused (time of the two passes ÷ this one's)\n")
	assert.Regexp(t, `(?m)^  fused\s+1\.90x\s+1\.93x\s+1\.88x$`, out)
	assert.Contains(t, out, "\n  ÷ single-pass (1.00 = as fast as one elementwise pass)\n")
	assert.Regexp(t, `(?m)^  fused\s+0\.95\s+0\.91\s+0\.94$`, out)
	assert.Regexp(t, `(?m)^  unfused\s+0\.50\s+0\.47\s+0\.50$`, out)
	ratios := out[strings.Index(out, "  × unfused"):]
	toUnfused := ratios[:strings.Index(ratios, "  ÷ single-pass")]
	assert.NotContains(t, toUnfused, "  unfused ", "unfused has no ratio to itself")
	assert.NotContains(t, ratios, "  single-pass ", "the single pass has no ratio rows")
	for _, l := range lines[1:7] {
		assert.Len(t, l, len(lines[1]), "%q: the columns line up", l)
	}

	// PReLU has no unfused row: no block of ratios to it.
	b.Reset()
	WriteLayerText(&b, sampleLayerTables()[1])
	out = b.String()
	t.Log("\n" + out)
	assert.NotContains(t, out, "unfused")
	assert.Regexp(t, `(?m)^  fused\s+0\.80\s+0\.80$`, out)
}

func TestWriteLayerMarkdown(t *testing.T) {
	var b bytes.Buffer
	WriteLayerMarkdown(&b, sampleLayerTables()[0])
	out := b.String()
	t.Log("\n" + out)
	assert.True(t, strings.HasPrefix(out, "### BiasLeakyReLU\n\n8 bytes per element + 4 per column; each cell: GB/s (× unfused, ÷ single-pass)\n\n"), out)
	assert.Contains(t, out, "| impl | 64x256 | 1024x256 | 4096x4096 |\n|:--|--:|--:|--:|\n")
	assert.Contains(t, out, "| avx512 | 60.0 (2.00×, 1.00) | 30.0 (2.00×, 0.94) | 9.50 (1.90×, 0.95) |\n")
	assert.Contains(t, out, "| generic | 5.00 (0.17×, 0.083) | 4.00 (0.27×, 0.12) | - |\n")
	assert.Contains(t, out, "| fused | 57.0 (1.90×, 0.95) | 29.0 (1.93×, 0.91) | 9.40 (1.88×, 0.94) |\n")
	assert.Contains(t, out, "| unfused | 30.0 (0.50) | 15.0 (0.47) | 5.00 (0.50) |\n")
	assert.Contains(t, out, "| single-pass | 60.0 | 32.0 | 10.0 |\n")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[4:] {
		assert.Equal(t, 5, strings.Count(l, "|"), "%q", l)
	}

	b.Reset()
	WriteLayerMarkdown(&b, sampleLayerTables()[1])
	out = b.String()
	assert.True(t, strings.HasPrefix(out, "### PReLU\n\n8 bytes per element + 4 per column; each cell: GB/s (÷ single-pass)\n\n"), out)
	assert.Contains(t, out, "| fused | 40.0 (0.80) | 20.0 (0.80) |\n| single-pass | 50.0 | 25.0 |\n")
}

func TestLayerSVG(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteLayerSVG(&b, "layer <&>", sampleLayerTables()))
	svg := b.String()
	d := xml.NewDecoder(strings.NewReader(svg))
	polylines, dashed, panels := 0, 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the SVG must be well-formed XML")
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range se.Attr {
			switch {
			case se.Name.Local == "g" && a.Name.Local == "id":
				panels++
				assert.Contains(t, []string{"panel-BiasLeakyReLU", "panel-PReLU"}, a.Value)
			case se.Name.Local == "polyline" && a.Name.Local == "data-impl":
				polylines++
				if a.Value == "single-pass" {
					dashed++
				}
			}
		}
	}
	assert.Equal(t, 2, panels)
	assert.Equal(t, 5+2, polylines, "one line per contender per kernel")
	assert.Equal(t, 2, dashed)
	assert.Contains(t, svg, `data-impl="single-pass" fill="none" stroke="#000000" stroke-width="2" stroke-dasharray="7 5"`)
	assert.Contains(t, svg, ">4096x4096</text>")
	assert.Contains(t, svg, "<title>BiasLeakyReLU fused 1024x256: 29.0 GB/s</title>")
	assert.Contains(t, svg, ">single-pass</text>", "the legend")
	assert.NotContains(t, svg, ">copy()</text>")
	assert.NotContains(t, svg, "NaN")
}

func TestWriteDocLayer(t *testing.T) {
	doc := &Doc{Command: "go run ./bench/report", Date: "2026-12-03", Tables: sampleTables(), Layer: sampleLayerTables(),
		Chart: "bench.svg", LayerChart: "bench-layer.svg", Notes: []string{"fused: the public functions"}}
	var b bytes.Buffer
	require.NoError(t, WriteDoc(&b, doc))
	out := b.String()
	last := 0
	for _, h := range []string{"## Tables", "### ReLUGrad, hot data", "## Layer kernels", "### BiasLeakyReLU", "### PReLU", "## Contenders"} {
		i := strings.Index(out, "\n"+h+"\n")
		if assert.True(t, i > last, "%q missing or out of order", h) {
			last = i
		}
	}
	layer := out[strings.Index(out, "## Layer kernels"):]
	assert.Contains(t, layer, "](bench-layer.svg)\n")
	assert.Contains(t, layer, "- **unfused**: ")
	assert.Contains(t, layer, "at least 1.5× unfused")
	assert.Equal(t, 2, strings.Count(layer, "| impl |"))

	// Layer kernels alone: no elementwise intro, no empty heading.
	doc.Tables, doc.Chart = nil, ""
	b.Reset()
	require.NoError(t, WriteDoc(&b, doc))
	out = b.String()
	assert.NotContains(t, out, "## Tables")
	assert.NotContains(t, out, "Cold data")
	assert.Contains(t, out, "## Layer kernels")
}

func TestLayerChartFile(t *testing.T) {
	assert.Equal(t, "docs/bench-layer.svg", layerChartFile("docs/bench.svg"))
	assert.Equal(t, "fastrelu-bench-layer.svg", layerChartFile("fastrelu-bench.svg"))
	assert.Equal(t, "chart-layer", layerChartFile("chart"))
}

func TestParseShape(t *testing.T) {
	for in, want := range map[string]bench.Shape{"1024x256": {Rows: 1024, Cols: 256}, " 4Kix16 ": {Rows: 4096, Cols: 16}, "64*256": {Rows: 64, Cols: 256}, "1x1": {Rows: 1, Cols: 1}} {
		got, err := parseShape(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, got, in)
		}
	}
	for _, in := range []string{"", "1024", "0x16", "16x0", "x16", "axb", "65536x65536"} {
		_, err := parseShape(in)
		assert.Error(t, err, in)
	}
}

func TestLayerFlags(t *testing.T) {
	cfg, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, bench.LayerKernels, cfg.layer)
	assert.Equal(t, bench.LayerShapes, cfg.shapes)

	cfg, err = parseFlags([]string{"-kernels", "LeakyReLU,biasleakyrelu,PReLUGrad", "-shapes", "4096x4096,64x256,64x256"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, []bench.Kernel{bench.LeakyReLU}, cfg.kernels)
	assert.Equal(t, []bench.LayerKernel{bench.BiasLeakyReLU, bench.PReLUGrad}, cfg.layer)
	assert.Equal(t, []bench.Shape{{Rows: 64, Cols: 256}, {Rows: 4096, Cols: 4096}}, cfg.shapes, "sorted by elements, once each")

	_, err = parseFlags([]string{"-shapes", "64"}, io.Discard)
	assert.Error(t, err)
	_, err = contenders([]string{"fused", "unfused"})
	assert.NoError(t, err, "the layer contenders are valid names too")
	cs := layerContenders([]string{"no-row"})
	for _, c := range cs {
		assert.NotEqual(t, bench.Path, c.Role, "a row not named is left out")
	}
	assert.Len(t, cs, 3, "fused, unfused and single-pass stay for the ratios")
}

// TestLayerPage runs the report end to end for two layer kernels on tiny
// shapes and reads the page and the layer chart it writes.
func TestLayerPage(t *testing.T) {
	dir := t.TempDir()
	md, svg := filepath.Join(dir, "bench.md"), filepath.Join(dir, "bench.svg")
	// -storage=false: the default sizes would measure the element types at
	// 16Mi elements, which takes minutes under an emulator.
	args := []string{"-benchtime", "1ms", "-count", "1", "-kernels", "LeakyReLUGradBias,PReLU", "-shapes", "5x17,2x3",
		"-impls", "generic", "-storage=false", "-markdown", md, "-svg", svg}
	cfg, err := parseFlags(args, io.Discard)
	require.NoError(t, err)
	var stdout, progress bytes.Buffer
	require.NoError(t, run(cfg, &stdout, &progress))
	t.Log("\n" + stdout.String())
	assert.Contains(t, stdout.String(), "LeakyReLUGradBias: GB/s, 12 bytes per element + 8 per column")
	assert.Contains(t, stdout.String(), "layer chart: "+filepath.Join(dir, "bench-layer.svg"))

	page, err := os.ReadFile(md)
	require.NoError(t, err)
	out := string(page)
	assert.Contains(t, out, "](bench-layer.svg)\n")
	assert.NotContains(t, out, "](bench.svg)", "no elementwise kernel, no chart of them")
	grad := out[strings.Index(out, "### LeakyReLUGradBias"):strings.Index(out, "### PReLU")]
	assert.Contains(t, grad, "| impl | 2x3 | 5x17 |")
	for _, row := range []string{"| generic | ", "| fused | ", "| unfused | ", "| single-pass | "} {
		assert.Contains(t, grad, row)
	}
	prelu := out[strings.Index(out, "### PReLU"):strings.Index(out, "## Contenders")]
	assert.NotContains(t, prelu, "unfused")
	assert.NotContains(t, out, "NaN")
	assert.NotContains(t, out, "\n- copy:", "only the contenders measured are in the legend")

	_, err = os.Stat(svg)
	assert.True(t, os.IsNotExist(err), "no elementwise kernel measured, no chart of them")
	chart, err := os.ReadFile(filepath.Join(dir, "bench-layer.svg"))
	require.NoError(t, err)
	assert.Equal(t, 4+3, strings.Count(string(chart), "<polyline"), "generic, fused, unfused, single-pass; generic, fused, single-pass")
}
