package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/fastrelu/fastrelu/bench"
)

// Table holds the figures of one kernel: a row per contender, a column per
// size. Missing figures are NaN.
type Table struct {
	Kernel bench.Kernel
	Sizes  []int
	Rows   []Row

	// FloorNs is what a call of an empty function costs in the same
	// harness at the smallest size; 0 if not measured.
	FloorNs float64
}

// Row is one contender's figures in a Table.
type Row struct {
	Name string
	Role bench.Role
	GBps []float64 // per size: bytes moved per nanosecond
	Ns   []float64 // per size: nanoseconds per call
}

// find returns the row named name, or nil.
func (t *Table) find(name string) *Row {
	for i := range t.Rows {
		if t.Rows[i].Name == name {
			return &t.Rows[i]
		}
	}
	return nil
}

// ratio is a/b, NaN when either is missing.
func ratio(a, b float64) float64 {
	if math.IsNaN(a) || math.IsNaN(b) || b <= 0 {
		return math.NaN()
	}
	return a / b
}

// sizeLabel writes n compactly: 16, 256, 4Ki, 64Ki, 1Mi, 16Mi.
func sizeLabel(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + "Mi"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + "Ki"
	}
	return strconv.Itoa(n)
}

// parseSize reads 4096, 4Ki, 16Mi, 1<<20 or 2^20.
func parseSize(s string) (int, error) {
	s = strings.TrimSpace(s)
	mul := 1
	for suffix, m := range map[string]int{"Ki": 1 << 10, "Mi": 1 << 20, "k": 1000, "K": 1 << 10, "M": 1 << 20} {
		if strings.HasSuffix(s, suffix) {
			s, mul = strings.TrimSuffix(s, suffix), m
			break
		}
	}
	for _, op := range []string{"<<", "^"} {
		if a, b, ok := strings.Cut(s, op); ok {
			base, err1 := strconv.Atoi(a)
			exp, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || exp < 0 || exp > 40 || (op == "^" && base != 2) || (op == "<<" && base < 1) {
				return 0, fmt.Errorf("bad size %q", s)
			}
			if op == "^" {
				base = 1
			}
			return base << exp * mul, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("bad size %q: want a positive count of elements such as 4096, 64Ki, 1<<20", s)
	}
	return n * mul, nil
}

// num formats a figure with about three significant digits.
func num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "-"
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case v < 0.1 && v > 0:
		return strconv.FormatFloat(v, 'f', 3, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

// WriteText prints t for a terminal: GB/s, then the ratios to copy() and to
// the naive loop, then nanoseconds per call at the smallest size.
func WriteText(w io.Writer, t *Table) {
	nameW := len("impl")
	for _, r := range t.Rows {
		nameW = max(nameW, len(r.Name))
	}
	const colW = 8
	line := func(name string, cells []string) {
		fmt.Fprintf(w, "  %-*s", nameW, name)
		for _, c := range cells {
			fmt.Fprintf(w, " %*s", colW, c)
		}
		fmt.Fprintln(w)
	}
	header := make([]string, len(t.Sizes))
	for j, n := range t.Sizes {
		header[j] = "n=" + sizeLabel(n)
	}
	cp, nv := t.find("copy"), t.find("naive")
	fmt.Fprintf(w, "%s: GB/s, %d bytes moved per element (higher is better)\n", t.Kernel, t.Kernel.BytesPerElement())
	line("impl", header)
	for _, r := range t.Rows {
		cells := make([]string, len(t.Sizes))
		for j := range t.Sizes {
			cells[j] = num(r.GBps[j])
		}
		line(r.Name, cells)
	}
	section := func(title string, base *Row, suffix string) {
		if base == nil {
			return
		}
		fmt.Fprintf(w, "  %s\n", title)
		for _, r := range t.Rows {
			if r.Name == base.Name || r.Role == bench.Roofline {
				continue
			}
			cells := make([]string, len(t.Sizes))
			for j := range t.Sizes {
				q := ratio(r.GBps[j], base.GBps[j])
				cells[j] = num(q)
				if !math.IsNaN(q) {
					cells[j] += suffix
				}
			}
			line(r.Name, cells)
		}
	}
	section("÷ copy() (1.00 = memory roofline)", cp, "")
	section("× the naive loop", nv, "x")
	if l := smallLine(t); l != "" {
		fmt.Fprintln(w, "  "+l)
	}
	fmt.Fprintln(w)
}

// WriteMarkdown prints t as a GitHub markdown table: a row per contender,
// a column per size, each cell "GB/s (ratio to copy(), ratio to naive)".
func WriteMarkdown(w io.Writer, t *Table) {
	fmt.Fprintf(w, "**%s** (%d bytes per element): GB/s (÷ copy(), × naive loop)\n\n", t.Kernel, t.Kernel.BytesPerElement())
	fmt.Fprint(w, "| impl |")
	for _, n := range t.Sizes {
		fmt.Fprintf(w, " n=%s |", sizeLabel(n))
	}
	fmt.Fprint(w, "\n|:--|")
	for range t.Sizes {
		fmt.Fprint(w, "--:|")
	}
	fmt.Fprintln(w)
	cp, nv := t.find("copy"), t.find("naive")
	for _, r := range t.Rows {
		name := r.Name
		if r.Role == bench.Roofline {
			name = "copy()"
		}
		fmt.Fprintf(w, "| %s |", name)
		for j := range t.Sizes {
			cell := num(r.GBps[j])
			var notes []string
			if cp != nil && r.Role != bench.Roofline {
				if q := ratio(r.GBps[j], cp.GBps[j]); !math.IsNaN(q) {
					notes = append(notes, num(q))
				}
			}
			if nv != nil && r.Name != nv.Name && r.Role != bench.Roofline {
				if q := ratio(r.GBps[j], nv.GBps[j]); !math.IsNaN(q) {
					notes = append(notes, num(q)+"×")
				}
			}
			if len(notes) > 0 && !math.IsNaN(r.GBps[j]) {
				cell += " (" + strings.Join(notes, ", ") + ")"
			}
			fmt.Fprintf(w, " %s |", cell)
		}
		fmt.Fprintln(w)
	}
	if l := smallLine(t); l != "" {
		fmt.Fprintln(w, "\n"+l)
	}
	fmt.Fprintln(w)
}

// smallLine gives the time per call at the smallest size, where the cost
// of a call matters more than bandwidth, with the harness's own cost.
func smallLine(t *Table) string {
	if len(t.Sizes) == 0 {
		return ""
	}
	var parts []string
	for _, r := range t.Rows {
		if r.Role != bench.Roofline && !math.IsNaN(r.Ns[0]) {
			parts = append(parts, fmt.Sprintf("%s %s", r.Name, num(r.Ns[0])))
		}
	}
	l := fmt.Sprintf("ns per call at n=%s: %s", sizeLabel(t.Sizes[0]), strings.Join(parts, ", "))
	if t.FloorNs > 0 {
		l += fmt.Sprintf(" (an empty function: %s)", num(t.FloorNs))
	}
	return l
}
