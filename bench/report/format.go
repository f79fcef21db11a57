package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fastrelu/fastrelu/bench"
)

// Table holds the figures of one kernel on hot or cold data: a row per
// contender, a column per size. Missing figures are NaN.
type Table struct {
	Kernel bench.Kernel
	Data   bench.Data
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

// Title names the table: "LeakyReLU, cold data".
func (t *Table) Title() string { return fmt.Sprintf("%s, %s data", t.Kernel, t.Data) }

// coldTables returns the tables of cold data, which the chart shows: every
// size and every contender, the naive loop included.
func coldTables(ts []*Table) []*Table {
	var out []*Table
	for _, t := range ts {
		if t.Data == bench.Cold {
			out = append(out, t)
		}
	}
	return out
}

// dataText says what cold and hot data mean, for the header and the page.
var dataText = fmt.Sprintf("cold: below n = %s, each call reads the next window of a %s-element input pool (from L2; signs the branch predictor has not seen); "+
	"hot: every call reads the same n inputs and writes the same dst (from L1 while they fit), measured below n = %s, where it differs from cold, "+
	"and without the naive loop, whose branches would be learnt", sizeLabel(bench.PoolElems), sizeLabel(bench.PoolElems), sizeLabel(bench.PoolElems))

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
	fmt.Fprintf(w, "%s: GB/s, %d bytes moved per element (higher is better)\n", t.Title(), t.Kernel.BytesPerElement())
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

// WriteMarkdown prints t as a GitHub markdown table under a heading: a row
// per contender, a column per size, each cell "GB/s (ratio to copy(), ratio
// to naive)"; the ratio to naive only where the table has the naive loop.
func WriteMarkdown(w io.Writer, t *Table) {
	ratios := "÷ copy()"
	if t.find("naive") != nil {
		ratios += ", × the naive loop"
	}
	fmt.Fprintf(w, "### %s\n\n%d bytes per element; each cell: GB/s (%s)\n\n", t.Title(), t.Kernel.BytesPerElement(), ratios)
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

// Doc is the markdown page -markdown writes.
type Doc struct {
	Command string          // the command line that made it
	Date    string          // when, YYYY-MM-DD (UTC)
	Lines   [][2]string     // the machine and the method: CPU, Features, ..., Method
	Tables  []*Table        // in report order: per kernel, cold then hot
	Layer   []*LayerTable   // the layer kernels, in report order
	Calls   []*CallTable    // the fixed cost per call, in report order
	Workers []*WorkersTable // the layers on several workers
	Peers   *PeerTable      // the activations against the peers; nil for none
	Storage []*StorageTable // the activations on each element type
	Notes   []string        // the contenders' legend, "name: note"
	Allocs  []string        // allocations seen, if any
	Chart   string          // the chart's path relative to the page; empty for none

	LayerChart string // the layer chart's path relative to the page; empty for none
}

// WriteDoc writes the page: a title, the command and date, the machine,
// how to read the cells, the chart, every table, and the legend.
func WriteDoc(w io.Writer, d *Doc) error {
	var b strings.Builder
	b.WriteString("# fastrelu: speed on one machine\n\n")
	fmt.Fprintf(&b, "Made on %s by `%s`, from the repository root (bench/report; `-h` for its flags). "+
		"Run it on your own machine: the figures depend on the CPU, its caches and memory, and the load.\n\n", d.Date, d.Command)
	for _, l := range d.Lines {
		fmt.Fprintf(&b, "- **%s**: %s\n", l[0], l[1])
	}
	if len(d.Tables) > 0 {
		b.WriteString("\nEach cell is GB/s (÷ `copy()`, × the naive loop): the bytes a kernel must move per second, " +
			"8 per element forward (read `src`, write `dst`) and 12 for the gradients (read `grad` and `x`, write `dst`), " +
			"beside the same figure for `copy(dst, src)`, the memory roofline (always 8 bytes per element), and for the `if x <= 0` loop. " +
			"Higher is better.\n\n" +
			"- **Cold data**: below n = " + sizeLabel(bench.PoolElems) + " each call reads the next window of n inputs from a " +
			sizeLabel(bench.PoolElems) + "-element pool, so they come from L2 and their signs are new to the branch predictor, " +
			"like fresh pre-activations; from n = " + sizeLabel(bench.PoolElems) + " up every call reads the same n inputs, which then live in L2, L3 or memory by size.\n" +
			"- **Hot data**: every call reads the same n inputs and writes the same `dst`, as a layer applied to a small tensor in a loop does: " +
			"they stay in L1 while they fit. Measured below n = " + sizeLabel(bench.PoolElems) + " only (from there on it is the cold case), " +
			"and without the naive loop: on inputs it has seen before, the branch predictor learns their signs and the loop would look several times faster than it is on fresh data.\n\n")
	} else {
		b.WriteString("\n")
	}
	if d.Chart != "" {
		fmt.Fprintf(&b, "![GB/s against n for each implementation on cold data, copy() dashed](%s)\n\n", d.Chart)
	}
	if len(d.Tables) > 0 {
		b.WriteString("## Tables\n\n")
	}
	for _, t := range d.Tables {
		WriteMarkdown(&b, t)
	}
	if len(d.Layer) > 0 {
		b.WriteString("## Layer kernels\n\n")
		b.WriteString(layerIntro(bench.Alpha))
		if d.LayerChart != "" {
			fmt.Fprintf(&b, "![GB/s against rows x cols for each layer kernel, one elementwise pass dashed](%s)\n\n", d.LayerChart)
		}
		for _, t := range d.Layer {
			WriteLayerMarkdown(&b, t)
		}
	}
	if len(d.Workers) > 0 {
		b.WriteString("## Layers on several workers\n\n" + workersIntro)
		for _, t := range d.Workers {
			WriteWorkersMarkdown(&b, t)
		}
	}
	if d.Peers != nil {
		b.WriteString("## The activations against the peers\n\n" + peerIntro)
		WritePeerMarkdown(&b, d.Peers)
	}
	if len(d.Storage) > 0 {
		b.WriteString("## The element types\n\n" + storageIntro)
		for _, t := range d.Storage {
			WriteStorageMarkdown(&b, t)
		}
	}
	if len(d.Calls) > 0 {
		b.WriteString("## Fixed cost per call\n\n" + callIntro)
		for _, t := range d.Calls {
			WriteCallMarkdown(&b, t)
		}
	}
	b.WriteString("## Contenders\n\n")
	for _, n := range d.Notes {
		b.WriteString("- " + n + "\n")
	}
	for _, a := range d.Allocs {
		b.WriteString("- note: " + a + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// commandLine is the command that reproduces this run, as a shell would
// read it: the environment that changes what is measured, then
// go run ./bench/report and the flags, quoted where needed.
func commandLine(args []string) string {
	var parts []string
	if bench.ArchsimdBuilt() {
		parts = append(parts, "GOEXPERIMENT=simd")
	}
	if isa := os.Getenv("FASTRELU_ISA"); isa != "" {
		parts = append(parts, "FASTRELU_ISA="+shellQuote(isa))
	}
	parts = append(parts, "go", "run")
	var tags []string
	if bench.CPeer != nil {
		tags = append(tags, "cpeers")
	}
	if bench.CPeersBuilt() {
		tags = append(tags, "peers")
	}
	if len(tags) > 0 {
		parts = append(parts, "-tags", strings.Join(tags, ","))
	}
	parts = append(parts, "./bench/report")
	for _, a := range args {
		parts = append(parts, shellQuote(a))
	}
	return strings.Join(parts, " ")
}

// shellQuote returns s as one shell word.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=+,./:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// chartLink is the chart's path relative to the page's directory, with
// forward slashes, or "" when the chart lies outside that directory (the
// default fastrelu-bench.svg beside a docs/bench.md, say), where a
// committed page would link to a file that is not committed.
func chartLink(page, chart string) string {
	p, err1 := filepath.Abs(page)
	c, err2 := filepath.Abs(chart)
	if err1 != nil || err2 != nil {
		return ""
	}
	rel, err := filepath.Rel(filepath.Dir(p), c)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// writeTextTable prints a table for a terminal: its title line, then the
// header and the rows, the first column left-aligned and the others right,
// each as wide as its widest cell in characters.
func writeTextTable(w io.Writer, title string, h []string, rows [][]string) {
	width := func(c string) int { return utf8.RuneCountInString(c) }
	widths := make([]int, len(h))
	for j, c := range h {
		widths[j] = width(c)
		for _, r := range rows {
			widths[j] = max(widths[j], width(r[j]))
		}
	}
	line := func(cells []string) {
		fmt.Fprintf(w, "  %s%s", cells[0], strings.Repeat(" ", widths[0]-width(cells[0])))
		for j, c := range cells[1:] {
			fmt.Fprintf(w, "  %s%s", strings.Repeat(" ", widths[j+1]-width(c)), c)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, title)
	line(h)
	for _, r := range rows {
		line(r)
	}
	fmt.Fprintln(w)
}

// writeMarkdownTable prints a table under a heading, with a line saying
// what its cells are: the first column left-aligned, the others right.
func writeMarkdownTable(w io.Writer, heading, cells string, h []string, rows [][]string) {
	fmt.Fprintf(w, "### %s\n\n%s\n\n| %s |\n|:--|", heading, cells, strings.Join(h, " | "))
	for range h[1:] {
		fmt.Fprint(w, "--:|")
	}
	fmt.Fprintln(w)
	for _, r := range rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
	fmt.Fprintln(w)
}

// allocsPerCall is res's allocations per call, for the notes: none when
// the benchmark ran a single call, where an allocation the runtime makes
// on its own (a goroutine's start, a GC's) would count as the call's. Every
// kernel also runs at sizes with many calls, where one of its own shows.
func allocsPerCall(res testing.BenchmarkResult) int64 {
	if res.N < 2 {
		return 0
	}
	return res.AllocsPerOp()
}
