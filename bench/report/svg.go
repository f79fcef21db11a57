package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/fastrelu/fastrelu/bench"
)

// The charts, written by hand so that the report needs no plotting library:
// one panel per kernel, GB/s against n on a log axis (or against the
// matrix shape, for the layer kernels), one line per contender, the
// roofline dashed: copy(), or one elementwise pass beside a layer kernel.

// colors gives the usual contenders fixed colours, so that charts from
// different machines read alike; others take the spares in turn.
var colors = map[string]string{
	"avx512":   "#d62728",
	"avx2":     "#ff7f0e",
	"neon":     "#9467bd",
	"generic":  "#2ca02c",
	"public":   "#1f77b4",
	"archsimd": "#8c564b",
	"vek":      "#e377c2",
	"naive":    "#7f7f7f",
	"copy":     "#000000",

	// The layer chart.
	"fused":       "#1f77b4",
	"unfused":     "#7f7f7f",
	"single-pass": "#000000",
}

var spare = []string{"#17becf", "#bcbd22", "#393b79", "#637939"}

func colorOf(name string, spareUsed map[string]string) string {
	if c, ok := colors[name]; ok {
		return c
	}
	if c, ok := spareUsed[name]; ok {
		return c
	}
	c := spare[len(spareUsed)%len(spare)]
	spareUsed[name] = c
	return c
}

// niceCeil rounds v (plus 2%) up to a round number (1, 1.5, 2, 2.5, 3, 4,
// 5, 6 or 8 times a power of ten) and returns the tick step that divides it
// into 3 to 5 parts.
func niceCeil(v float64) (top, step float64) {
	if !(v > 0) || math.IsInf(v, 0) {
		return 1, 0.25
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []struct{ top, parts float64 }{{1, 5}, {1.5, 3}, {2, 4}, {2.5, 5}, {3, 3}, {4, 4}, {5, 5}, {6, 3}, {8, 4}, {10, 5}, {15, 3}} {
		if top, step = m.top*p, m.top*p/m.parts; top >= v*1.02 {
			break
		}
	}
	return top, step
}

// esc escapes text for an XML text node or attribute value.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// panel is one plot of a chart: a line per row, GB/s against x.
type panel struct {
	id, title string
	x         []float64 // per column of the rows: the position across the plot, 0 to 1
	xLabels   []string  // per column: the tick label
	xTitle    string
	rows      []Row
	point     func(r *Row, j int) string // a point's tooltip
}

// WriteSVG draws the tables, one panel each, two panels per row: GB/s
// against n on a log axis, one line per contender, copy() dashed.
func WriteSVG(w io.Writer, title string, tables []*Table) error {
	panels := make([]panel, len(tables))
	for i, t := range tables {
		lo, hi := math.Log2(float64(t.Sizes[0])), math.Log2(float64(t.Sizes[len(t.Sizes)-1]))
		if hi <= lo {
			lo, hi = lo-1, hi+1
		}
		p := panel{
			id:     t.Kernel.Name(),
			title:  fmt.Sprintf("%s (%d bytes/element)", t.Kernel, t.Kernel.BytesPerElement()),
			xTitle: "n (float32 elements, log scale)",
			rows:   t.Rows,
		}
		for _, n := range t.Sizes {
			p.x = append(p.x, (math.Log2(float64(n))-lo)/(hi-lo))
			p.xLabels = append(p.xLabels, sizeLabel(n))
		}
		p.point = func(r *Row, j int) string {
			return fmt.Sprintf("%s %s n=%d: %s GB/s", t.Kernel, r.Name, t.Sizes[j], num(r.GBps[j]))
		}
		panels[i] = p
	}
	return writeChart(w, title, panels)
}

// writeChart draws the panels, two per row, and a legend of every row name
// in order of first appearance.
func writeChart(w io.Writer, title string, panels []panel) error {
	const (
		panelW, panelH = 520, 330
		left, right    = 62, 16 // plot margins inside a panel
		top, bottom    = 34, 44
		headH          = 40
	)
	cols := min(2, max(1, len(panels)))
	rowsN := (len(panels) + cols - 1) / cols

	// Legend: every contender in order of first appearance.
	var names []string
	roles := map[string]bench.Role{}
	for _, p := range panels {
		for _, r := range p.rows {
			if _, ok := roles[r.Name]; !ok {
				names = append(names, r.Name)
				roles[r.Name] = r.Role
			}
		}
	}
	const legendItemW = 120
	perLine := max(1, cols*panelW/legendItemW)
	legendH := 24 * ((len(names) + perLine - 1) / perLine)
	width, height := cols*panelW, headH+rowsN*panelH+legendH+10

	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="24" text-anchor="middle" font-size="15" font-weight="bold">%s</text>`+"\n", width/2, esc(title))

	spareUsed := map[string]string{}
	for i, p := range panels {
		ox, oy := (i%cols)*panelW, headH+(i/cols)*panelH
		pw, ph := panelW-left-right, panelH-top-bottom
		x0, y0 := float64(ox+left), float64(oy+top) // plot's top left

		maxV := 0.0
		for _, r := range p.rows {
			for _, v := range r.GBps {
				if !math.IsNaN(v) {
					maxV = math.Max(maxV, v)
				}
			}
		}
		yTop, yStep := niceCeil(maxV)
		xAt := func(j int) float64 { return x0 + p.x[j]*float64(pw) }
		yAt := func(v float64) float64 { return y0 + float64(ph) - v/yTop*float64(ph) }

		fmt.Fprintf(&b, `<g id="panel-%s">`+"\n", esc(p.id))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="14" font-weight="bold">%s</text>`+"\n",
			x0+float64(pw)/2, y0-12, esc(p.title))
		// Grid and y axis labels.
		for i := 0; i <= 10 && float64(i)*yStep <= yTop*1.0001; i++ {
			v := float64(i) * yStep
			y := yAt(v)
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e0e0e0"/>`+"\n", x0, y, x0+float64(pw), y)
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n", x0-6, y+4, strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64))
		}
		// x ticks at the measured columns.
		for j := range p.x {
			x := xAt(j)
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e0e0e0"/>`+"\n", x, y0, x, y0+float64(ph))
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x, y0+float64(ph)+16, esc(p.xLabels[j]))
		}
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%d" height="%d" fill="none" stroke="#444444"/>`+"\n", x0, y0, pw, ph)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x0+float64(pw)/2, y0+float64(ph)+34, esc(p.xTitle))
		fmt.Fprintf(&b, `<text transform="translate(%.1f %.1f) rotate(-90)" text-anchor="middle">GB/s</text>`+"\n", float64(ox)+16, y0+float64(ph)/2)

		// Lines: the roofline (copy(), the single pass) first, under the others, dashed.
		order := make([]Row, 0, len(p.rows))
		for _, r := range p.rows {
			if r.Role == bench.Roofline {
				order = append([]Row{r}, order...)
			} else {
				order = append(order, r)
			}
		}
		for _, r := range order {
			c := colorOf(r.Name, spareUsed)
			var pts []string
			for j := range p.x {
				if v := r.GBps[j]; !math.IsNaN(v) {
					pts = append(pts, fmt.Sprintf("%.1f,%.1f", xAt(j), yAt(v)))
				}
			}
			style := `stroke-width="2"`
			switch r.Role {
			case bench.Roofline:
				style = `stroke-width="2" stroke-dasharray="7 5"`
			case bench.Public:
				style = `stroke-width="1.2" stroke-dasharray="2 3"`
			}
			fmt.Fprintf(&b, `<polyline class="series" data-impl="%s" fill="none" stroke="%s" %s points="%s"/>`+"\n",
				esc(r.Name), c, style, strings.Join(pts, " "))
			for j := range p.x {
				if v := r.GBps[j]; !math.IsNaN(v) {
					fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s</title></circle>`+"\n",
						xAt(j), yAt(v), c, esc(p.point(&r, j)))
				}
			}
		}
		fmt.Fprintln(&b, `</g>`)
	}

	// Legend.
	ly := headH + rowsN*panelH + 12
	for i, name := range names {
		x := 20 + (i%perLine)*legendItemW
		y := ly + (i/perLine)*24
		dash := ""
		switch roles[name] {
		case bench.Roofline:
			dash = ` stroke-dasharray="7 5"`
		case bench.Public:
			dash = ` stroke-dasharray="2 3"`
		}
		label := name
		if name == "copy" {
			label = "copy()"
		}
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", x, y, x+28, y, colorOf(name, spareUsed), dash)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", x+34, y+4, esc(label))
	}
	fmt.Fprintln(&b, `</svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}
