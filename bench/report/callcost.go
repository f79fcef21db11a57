package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/bench"
)

// The fixed cost per call: a table per kernel, a row per contender of
// bench.CallContenders (the paths called directly, the public functions,
// the C loop when built with -tags cpeers, copy() and an empty function), a
// column per n of bench.CallSizes, each cell nanoseconds per call on hot
// data. The public row minus its path's row is what the argument checks and
// the dispatch cost; the empty function is the harness's own cost.

// CallTable holds the nanoseconds per call of one kernel. Missing figures
// are NaN. Rows' GBps is unused.
type CallTable struct {
	Kernel bench.Kernel
	Sizes  []int
	Rows   []Row
}

func (t *CallTable) find(name string) *Row {
	for i := range t.Rows {
		if t.Rows[i].Name == name {
			return &t.Rows[i]
		}
	}
	return nil
}

// callContenders returns the call-cost contenders to measure: all, or those
// named in impls, always with public, the C loop, copy and empty.
func callContenders(impls []string) []bench.Contender {
	all := bench.CallContenders()
	if len(impls) == 0 {
		return all
	}
	var out []bench.Contender
	for _, c := range all {
		if c.Role != bench.Path || slices.Contains(impls, c.Name) {
			out = append(out, c)
		}
	}
	return out
}

func newCallTables(ks []bench.Kernel, cs []bench.Contender, sizes []int) (tables []*CallTable, cells int) {
	for _, k := range ks {
		t := &CallTable{Kernel: k, Sizes: sizes}
		for _, c := range cs {
			t.Rows = append(t.Rows, Row{Name: c.Name, Role: c.Role, GBps: nanRow(len(sizes)), Ns: nanRow(len(sizes))})
			cells += len(sizes)
		}
		tables = append(tables, t)
	}
	return tables, cells
}

// measureCalls fills t: each n measured count times per contender,
// interleaved, the fastest kept, as for the other tables.
func measureCalls(t *CallTable, cs []bench.Contender, count int, progress io.Writer) (allocNotes []string, err error) {
	k := t.Kernel
	fmt.Fprintf(progress, "  %-14s call n =", k)
	for j, n := range t.Sizes {
		samples := make([][]float64, len(cs))
		for rep := 0; rep < count; rep++ {
			for o := range cs {
				r := (o + rep) % len(cs) // rotate who goes first
				c := &cs[r]
				res := testing.Benchmark(func(b *testing.B) { bench.RunCall(b, k, c, n) })
				if res.N == 0 {
					return allocNotes, fmt.Errorf("benchmark CallCost/kernel=%s/impl=%s/n=%d did not run (it failed or panicked)", k, c.Name, n)
				}
				samples[r] = append(samples[r], float64(res.T.Nanoseconds())/float64(res.N))
				if a := allocsPerCall(res); a > 0 && rep == 0 {
					allocNotes = append(allocNotes, fmt.Sprintf("CallCost/kernel=%s/impl=%s/n=%d: %d allocs per call", k, c.Name, n, a))
				}
			}
		}
		for r := range cs {
			t.Rows[r].Ns[j] = slices.Min(samples[r])
		}
		fmt.Fprintf(progress, " %d", n)
	}
	fmt.Fprintln(progress)
	return allocNotes, nil
}

// title names the table: "ReLU, fixed cost".
func (t *CallTable) title() string { return fmt.Sprintf("%s, fixed cost", t.Kernel) }

// ratioLabel names the last line of a table with the C loop.
const ratioLabel = "(public - empty) ÷ c-avx2"

// ratioCells returns, per size, the public function's time less the
// harness's (empty) over the C loop's, when the C loop was measured: the C
// loop is timed from a loop in C, so it pays no harness, and a Go caller
// pays no indirect call either. Above 1, the call from Go costs more.
func (t *CallTable) ratioCells(suffix string) (cells []string, ok bool) {
	pub, c, e := t.find("public"), t.find("c-avx2"), t.find("empty")
	if pub == nil || c == nil || e == nil {
		return nil, false
	}
	for j := range t.Sizes {
		q := ratio(pub.Ns[j]-e.Ns[j], c.Ns[j])
		s := num(q)
		if !math.IsNaN(q) {
			s += suffix
		}
		cells = append(cells, s)
	}
	return cells, true
}

// WriteCallText prints t for a terminal.
func WriteCallText(w io.Writer, t *CallTable) {
	nameW := len(ratioLabel)
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
	fmt.Fprintf(w, "%s: ns per call, hot data (lower is better)\n", t.title())
	line("impl", header)
	for _, r := range t.Rows {
		cells := make([]string, len(t.Sizes))
		for j := range t.Sizes {
			cells[j] = num(r.Ns[j])
		}
		line(r.Name, cells)
	}
	if cells, ok := t.ratioCells("x"); ok {
		line(ratioLabel, cells)
	}
	fmt.Fprintln(w)
}

// WriteCallMarkdown prints t as a markdown table under a heading.
func WriteCallMarkdown(w io.Writer, t *CallTable) {
	fmt.Fprintf(w, "### %s\n\nns per call, hot data (lower is better)\n\n| impl |", t.title())
	for _, n := range t.Sizes {
		fmt.Fprintf(w, " n=%s |", sizeLabel(n))
	}
	fmt.Fprint(w, "\n|:--|")
	for range t.Sizes {
		fmt.Fprint(w, "--:|")
	}
	fmt.Fprintln(w)
	row := func(name string, cells []string) {
		fmt.Fprintf(w, "| %s | %s |\n", name, strings.Join(cells, " | "))
	}
	for _, r := range t.Rows {
		cells := make([]string, len(t.Sizes))
		for j := range t.Sizes {
			cells[j] = num(r.Ns[j])
		}
		name := r.Name
		if r.Role == bench.Roofline {
			name = "copy()"
		}
		row(name, cells)
	}
	if cells, ok := t.ratioCells("×"); ok {
		row(ratioLabel, cells)
	}
	fmt.Fprintln(w)
}

// callIntro is the page's text above the fixed-cost tables.
const callIntro = "The cost of one call on the same few elements (hot data, out of place), in nanoseconds: " +
	"each row of the implementation table called directly (no argument checks), `public` (the exported function: " +
	"the checks, then the same path), `c-avx2` when the report is built with `-tags cpeers` (the XNNPACK-style C AVX2 loop, " +
	"called from C, so no cgo cost per call), `copy()`, and `empty` (a function that returns at once: the harness's own cost, " +
	"to subtract from every row; the C loop pays none). `public` minus its path is what the checks and the dispatch cost; " +
	"the last line, with the C loop, is (public - empty) ÷ c-avx2.\n\n"
