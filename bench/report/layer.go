package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/bench"
)

// The layer kernels' part of the report: a table per kernel, a row per
// contender (the rows of the implementation table that have it, fused,
// unfused, single-pass), a column per matrix shape.

// LayerTable holds the figures of one layer kernel. Missing figures are NaN.
type LayerTable struct {
	Kernel bench.LayerKernel
	Shapes []bench.Shape
	Rows   []Row
}

func (t *LayerTable) find(name string) *Row {
	for i := range t.Rows {
		if t.Rows[i].Name == name {
			return &t.Rows[i]
		}
	}
	return nil
}

// bytesText says what the kernel moves: "8 bytes per element + 4 per column".
func (t *LayerTable) bytesText() string {
	return fmt.Sprintf("%d bytes per element + %d per column", t.Kernel.BytesPerElement(), t.Kernel.BytesPerColumn())
}

// layerRatios are the ratio blocks of a layer table: each row's GB/s over
// the unfused two passes' (how many times faster: the fused kernels' target
// is 1.5x forward past L2, 1.4x backward) and over one elementwise pass's
// (the forward target: 0.9 or more).
var layerRatios = []struct {
	base, title, suffix string
}{
	{"unfused", "× unfused (time of the two passes ÷ this one's)", "x"},
	{"single-pass", "÷ single-pass (1.00 = as fast as one elementwise pass)", ""},
}

// layerRatio is row r's ratio to base at column j, NaN when r is base or
// the single pass, or a figure is missing.
func layerRatio(t *LayerTable, r *Row, base string, j int) float64 {
	b := t.find(base)
	if b == nil || r.Name == base || r.Role == bench.Roofline {
		return math.NaN()
	}
	return ratio(r.GBps[j], b.GBps[j])
}

// WriteLayerText prints t for a terminal: GB/s, then the ratios to the
// unfused two passes and to the single pass.
func WriteLayerText(w io.Writer, t *LayerTable) {
	nameW := len("impl")
	for _, r := range t.Rows {
		nameW = max(nameW, len(r.Name))
	}
	colW := 8
	for _, s := range t.Shapes {
		colW = max(colW, len(s.String()))
	}
	line := func(name string, cells []string) {
		fmt.Fprintf(w, "  %-*s", nameW, name)
		for _, c := range cells {
			fmt.Fprintf(w, " %*s", colW, c)
		}
		fmt.Fprintln(w)
	}
	header := make([]string, len(t.Shapes))
	for j, s := range t.Shapes {
		header[j] = s.String()
	}
	fmt.Fprintf(w, "%s: GB/s, %s (higher is better)\n", t.Kernel, t.bytesText())
	line("impl", header)
	for _, r := range t.Rows {
		cells := make([]string, len(t.Shapes))
		for j := range t.Shapes {
			cells[j] = num(r.GBps[j])
		}
		line(r.Name, cells)
	}
	for _, rb := range layerRatios {
		if t.find(rb.base) == nil {
			continue
		}
		fmt.Fprintf(w, "  %s\n", rb.title)
		for i := range t.Rows {
			r := &t.Rows[i]
			if r.Name == rb.base || r.Role == bench.Roofline {
				continue
			}
			cells := make([]string, len(t.Shapes))
			for j := range t.Shapes {
				q := layerRatio(t, r, rb.base, j)
				cells[j] = num(q)
				if !math.IsNaN(q) {
					cells[j] += rb.suffix
				}
			}
			line(r.Name, cells)
		}
	}
	fmt.Fprintln(w)
}

// WriteLayerMarkdown prints t as a GitHub markdown table under a heading: a
// row per contender, a column per shape, each cell "GB/s (× unfused,
// ÷ single-pass)", each ratio where the table has that row.
func WriteLayerMarkdown(w io.Writer, t *LayerTable) {
	var ratios []string
	if t.find("unfused") != nil {
		ratios = append(ratios, "× unfused")
	}
	if t.find("single-pass") != nil {
		ratios = append(ratios, "÷ single-pass")
	}
	fmt.Fprintf(w, "### %s\n\n%s; each cell: GB/s", t.Kernel, t.bytesText())
	if len(ratios) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(ratios, ", "))
	}
	fmt.Fprint(w, "\n\n| impl |")
	for _, s := range t.Shapes {
		fmt.Fprintf(w, " %s |", s)
	}
	fmt.Fprint(w, "\n|:--|")
	for range t.Shapes {
		fmt.Fprint(w, "--:|")
	}
	fmt.Fprintln(w)
	for i := range t.Rows {
		r := &t.Rows[i]
		fmt.Fprintf(w, "| %s |", r.Name)
		for j := range t.Shapes {
			cell := num(r.GBps[j])
			var notes []string
			if q := layerRatio(t, r, "unfused", j); !math.IsNaN(q) {
				notes = append(notes, num(q)+"×")
			}
			if q := layerRatio(t, r, "single-pass", j); !math.IsNaN(q) {
				notes = append(notes, num(q))
			}
			if len(notes) > 0 && !math.IsNaN(r.GBps[j]) {
				cell += " (" + strings.Join(notes, ", ") + ")"
			}
			fmt.Fprintf(w, " %s |", cell)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

// layerIntro explains the layer tables on the markdown page.
func layerIntro(alpha float64) string {
	return fmt.Sprintf("The six layer kernels on row-major matrices, rows x cols, against what a Go user writes today with the elementwise kernels. "+
		"Every call reads the same inputs (the matrix lives in L1, L2, L3 or memory by its size) and writes a distinct `dst`; alpha = %g; "+
		"bias uniform in [-1, 1), slopes in [0, 0.5); a gradient call starts from a zeroed `dbias` (`dslope`), the clear timed. "+
		"GB/s counts the bytes the fused kernel must move, for every row, so the ratios are ratios of time: "+
		"8 per element forward, 12 backward, plus the bias or slope (4 per column), `dbias` (8: read and written) or, for `PReLUGrad`, slope and `dslope` (12).\n\n"+
		"- **fused**: the public function (`kernels.BiasLeakyReLU` and the others): one pass.\n"+
		"- **unfused**: a bias-add loop, then `kernels.LeakyReLU` (or `ReLU`) in place; `kernels.LeakyReLUGrad` (or `ReLUGrad`), then a column-sum loop over its output. "+
		"Two passes, the same bits. The elementwise kernels have no per-column slope, so PReLU has no unfused row.\n"+
		"- **single-pass**: one elementwise kernel over the same matrix, no bias (`LeakyReLU` beside `BiasLeakyReLU` and `PReLU`, `LeakyReLUGrad` beside `LeakyReLUGradBias` and `PReLUGrad`, and so on).\n"+
		"- The other rows are the paths of the implementation table that have the kernel.\n\n"+
		"The targets (issue 12): fused forward at least 1.5× unfused once the matrix is past L2, and within 10%% of the single pass (0.90 or more); fused backward at least 1.4× unfused.\n\n", alpha)
}

// layerChartFile names the layer chart beside the main one:
// docs/bench.svg gives docs/bench-layer.svg.
func layerChartFile(svg string) string {
	ext := filepath.Ext(svg)
	return strings.TrimSuffix(svg, ext) + "-layer" + ext
}

// WriteLayerSVG draws the layer tables, one panel each: GB/s against the
// shapes, evenly spaced in the tables' order (by element count), one line
// per contender, the single pass dashed.
func WriteLayerSVG(w io.Writer, title string, tables []*LayerTable) error {
	panels := make([]panel, len(tables))
	for i, t := range tables {
		p := panel{
			id:     t.Kernel.Name(),
			title:  fmt.Sprintf("%s (%d bytes/element + %d/column)", t.Kernel, t.Kernel.BytesPerElement(), t.Kernel.BytesPerColumn()),
			xTitle: "rows x cols",
			rows:   t.Rows,
		}
		for j, s := range t.Shapes {
			// Evenly spaced, half a step in from each side, so that
			// the edge labels fit.
			p.x = append(p.x, (float64(j)+0.5)/float64(len(t.Shapes)))
			p.xLabels = append(p.xLabels, s.String())
		}
		p.point = func(r *Row, j int) string {
			return fmt.Sprintf("%s %s %s: %s GB/s", t.Kernel, r.Name, t.Shapes[j], num(r.GBps[j]))
		}
		panels[i] = p
	}
	return writeChart(w, title, panels)
}

// layerContenders returns the layer contenders to measure: all that run
// here, or the rows named, always with fused, unfused and single-pass,
// which the ratios need. Names are checked by contenders.
func layerContenders(names []string) []bench.LayerContender {
	all := bench.LayerContenders()
	if len(names) == 0 {
		return all
	}
	var out []bench.LayerContender
	for _, c := range all {
		if c.Role != bench.Path || slices.Contains(names, c.Name) {
			out = append(out, c)
		}
	}
	return out
}

// newLayerTables makes the empty tables: a row per contender that has the
// kernel, NaN figures.
func newLayerTables(ks []bench.LayerKernel, cs []bench.LayerContender, shapes []bench.Shape) (tables []*LayerTable, cells int) {
	for _, k := range ks {
		t := &LayerTable{Kernel: k, Shapes: shapes}
		for i := range cs {
			if cs[i].Has(k) {
				t.Rows = append(t.Rows, Row{Name: cs[i].Name, Role: cs[i].Role,
					GBps: nanRow(len(shapes)), Ns: nanRow(len(shapes))})
				cells += len(shapes)
			}
		}
		tables = append(tables, t)
	}
	return tables, cells
}

// measureLayer fills t: each shape measured count times per contender,
// interleaved, the fastest kept, as for the elementwise tables.
func measureLayer(t *LayerTable, cs []bench.LayerContender, count int, progress io.Writer) (allocNotes []string, err error) {
	k := t.Kernel
	var idx []int // positions in cs of the contenders in t, in t.Rows' order
	for i := range cs {
		if cs[i].Has(k) {
			idx = append(idx, i)
		}
	}
	fmt.Fprintf(progress, "  %-17s", k)
	for j, s := range t.Shapes {
		samples := make([][]float64, len(idx))
		for rep := 0; rep < count; rep++ {
			for o := range idx {
				r := (o + rep) % len(idx) // rotate who goes first
				c := &cs[idx[r]]
				res := testing.Benchmark(func(b *testing.B) { bench.RunLayer(b, k, c, s) })
				if res.N == 0 {
					return allocNotes, fmt.Errorf("benchmark Layer/kernel=%s/impl=%s/shape=%s did not run (it failed or panicked)", k, c.Name, s)
				}
				samples[r] = append(samples[r], float64(res.T.Nanoseconds())/float64(res.N))
				if a := allocsPerCall(res); a > 0 && rep == 0 {
					allocNotes = append(allocNotes, fmt.Sprintf("Layer/kernel=%s/impl=%s/shape=%s: %d allocs per call", k, c.Name, s, a))
				}
			}
		}
		for r := range idx {
			ns := slices.Min(samples[r])
			t.Rows[r].Ns[j] = ns
			t.Rows[r].GBps[j] = float64(k.Bytes(s)) / ns
		}
		fmt.Fprintf(progress, " %s", s)
	}
	fmt.Fprintln(progress)
	return allocNotes, nil
}

// parseShape reads 1024x256 (or 1024*256, 4Kix256).
func parseShape(s string) (bench.Shape, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "x")
	if !ok {
		a, b, ok = strings.Cut(strings.TrimSpace(s), "*")
	}
	if !ok {
		return bench.Shape{}, fmt.Errorf("bad shape %q: want rows x cols such as 1024x256", s)
	}
	rows, err1 := parseSize(a)
	cols, err2 := parseSize(b)
	if err1 != nil || err2 != nil {
		return bench.Shape{}, fmt.Errorf("bad shape %q: want rows x cols such as 1024x256", s)
	}
	if rows > 1<<28/cols {
		return bench.Shape{}, fmt.Errorf("shape %q is above 1<<28 elements (1 GiB per slice)", s)
	}
	return bench.Shape{Rows: rows, Cols: cols}, nil
}
