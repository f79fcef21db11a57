package main

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// palette colours the runs in order: ReLU first, then each LeakyReLU, then PReLU.
var palette = []string{"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"}

// plotSVG draws two panels against epoch, hand-written SVG with no
// dependency: on the left the fraction of dead hidden units (solid) and,
// for the LeakyReLU and PReLU runs, of inactive ones (dashed: pre-activation <= 0 for
// every example, which for ReLU is the same as dead); on the right the mean
// training loss. Non-finite values are left out of the lines. The output is
// a deterministic function of c and hist.
func plotSVG(c config, hist []history) string {
	const (
		width, height = 960, 420
		panelW        = 380
		panelH        = 270
		top           = 84
		left1, left2  = 70, 560
	)
	epochs := c.Epochs
	maxDead, maxLoss := 0.0, 0.0
	for _, h := range hist {
		for _, s := range h.Stats {
			for _, v := range []float64{s.Dead, s.Inactive} {
				if finite(v) {
					maxDead = max(maxDead, v)
				}
			}
			if finite(s.Loss) {
				maxLoss = max(maxLoss, s.Loss)
			}
		}
	}
	deadTop := niceCeil(max(100*maxDead, 1))
	lossTop := niceCeil(max(maxLoss, 0.01))

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="24" text-anchor="middle" font-size="16" font-weight="bold">Dying ReLU: %s</text>`+"\n",
		width/2, esc(fmt.Sprintf("%d-arm spiral, MLP 2-%s-%d, plain SGD, learning rate %g, seed %d",
			c.Classes, hiddenSizes(c), c.Classes, c.LR, c.Seed)))

	// Legend.
	x := 70
	for i, h := range hist {
		col := palette[i%len(palette)]
		fmt.Fprintf(&b, `<line x1="%d" y1="46" x2="%d" y2="46" stroke="%s" stroke-width="2.5"/>`, x, x+24, col)
		fmt.Fprintf(&b, `<text x="%d" y="50">%s</text>`+"\n", x+30, esc(h.Act.Name))
		x += 40 + 8*len(h.Act.Name)
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="46" x2="%d" y2="46" stroke="#555" stroke-width="2" stroke-dasharray="6 4"/>`, x+20, x+44)
	fmt.Fprintf(&b, `<text x="%d" y="50">dashed: inactive (pre-activation &lt;= 0 for every example)</text>`+"\n", x+50)

	panel := func(x0 int, title, yLabel string, yTop float64, yFmt string) {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold">%s</text>`+"\n", x0+panelW/2, top-10, esc(title))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#333"/>`+"\n", x0, top, panelW, panelH)
		for k := 0; k <= 5; k++ {
			y := top + panelH - k*panelH/5
			fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#ddd"/>`, x0, y, x0+panelW, y)
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", x0-6, y+4, fmt.Sprintf(yFmt, yTop*float64(k)/5))
		}
		step := max(1, (epochs+9)/10)
		for e := 0; e <= epochs; e += step {
			xe := x0 + e*panelW/max(epochs, 1)
			fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`, xe, top+panelH, xe, top+panelH+5)
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%d</text>`+"\n", xe, top+panelH+18, e)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">epoch (0: untrained)</text>`+"\n", x0+panelW/2, top+panelH+36)
		fmt.Fprintf(&b, `<text transform="translate(%d,%d) rotate(-90)" text-anchor="middle">%s</text>`+"\n", x0-48, top+panelH/2, esc(yLabel))
	}
	line := func(x0 int, yTop float64, vals []float64, col, dash string) {
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>`+"\n", col, dash, strings.Join(pts, " "))
			}
			pts = pts[:0]
		}
		for e, v := range vals {
			if !finite(v) {
				flush()
				continue
			}
			px := float64(x0) + float64(e)*panelW/float64(max(epochs, 1))
			py := float64(top+panelH) - math.Min(v/yTop, 1)*panelH
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, py))
		}
		flush()
	}

	panel(left1, "Hidden units dead (solid) or inactive (dashed)", "% of hidden units", deadTop, "%.0f%%")
	panel(left2, "Training loss (mean cross-entropy)", "loss", lossTop, "%.2f")
	for i, h := range hist {
		col := palette[i%len(palette)]
		var dead, inactive, loss []float64
		for _, s := range h.Stats {
			dead = append(dead, 100*s.Dead)
			inactive = append(inactive, 100*s.Inactive)
			loss = append(loss, s.Loss)
		}
		line(left1, deadTop, dead, col, "")
		if h.Act.Leaky || h.Act.PReLU {
			line(left1, deadTop, inactive, col, ` stroke-dasharray="6 4"`)
		}
		line(left2, lossTop, loss, col, "")
	}
	b.WriteString("</svg>\n")
	return b.String()
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// niceCeil rounds v > 0 up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

func esc(s string) string { return html.EscapeString(s) }

// hiddenSizes spells the hidden widths, e.g. "256-256-256".
func hiddenSizes(c config) string {
	s := make([]string, c.Layers)
	for i := range s {
		s[i] = fmt.Sprint(c.Hidden)
	}
	return strings.Join(s, "-")
}
