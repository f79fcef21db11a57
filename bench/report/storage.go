package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"testing"

	"github.com/fastrelu/fastrelu/bench"
)

// The storage tables: every function of the peer cases on each element
// type (bench.StorageTypes: float32, bfloat16, float16), hot, in
// nanoseconds per element, each cell beside its speed over copy() of the
// same bytes of its type; at the large size, the 16-bit types' cells
// beside their speed over float32's instead, the figure that halving the
// bytes should raise. The same cases as go test -bench Storage ./bench.

// StorageTable holds Ns[f][t], function f of Funcs on type t of Types, at
// N elements; Funcs[0] is copy.
type StorageTable struct {
	N     int
	Funcs []string
	Types []bench.StorageType
	Ns    [][]float64
}

// large reports whether t is the table of the size where the 16-bit types
// are compared with float32 rather than with copy().
func (t *StorageTable) large() bool { return t.N > bench.PoolElems }

// newStorageTables returns a table per size of bench.StorageSizes in
// sizes, and their number of cells: every function at the small size, copy
// and the smooth activations at the large one.
func newStorageTables(sizes []int) ([]*StorageTable, int) {
	var ts []*StorageTable
	cells := 0
	for _, n := range bench.StorageSizes {
		if !slices.Contains(sizes, n) {
			continue
		}
		t := &StorageTable{N: n, Types: bench.StorageTypes}
		for _, fn := range bench.StorageFuncs() {
			if t.large() && fn != "copy" && !slices.ContainsFunc(bench.SmoothPeerFuncs, func(f bench.PeerFunc) bool { return f.Name == fn }) {
				continue
			}
			t.Funcs = append(t.Funcs, fn)
			t.Ns = append(t.Ns, nanRow(len(t.Types)))
			cells += len(t.Types)
		}
		ts = append(ts, t)
	}
	return ts, cells
}

// measureStorage fills t: every cell count times, the types of a function
// interleaved, the fastest kept.
func measureStorage(t *StorageTable, count int, progress io.Writer) (allocNotes []string, err error) {
	fmt.Fprintf(progress, "  %-18s n = %s:", "storage types", sizeLabel(t.N))
	for i, fn := range t.Funcs {
		samples := make([][]float64, len(t.Types))
		for rep := 0; rep < count; rep++ {
			for o := range t.Types {
				r := (o + rep) % len(t.Types)
				ty := t.Types[r]
				f := ty.Bind(fn, t.N)
				if f == nil {
					continue
				}
				f() // once before: any first-call cost out of the figure
				res := testing.Benchmark(func(b *testing.B) { bench.RunStorage(b, f, t.N) })
				if res.N == 0 {
					return allocNotes, fmt.Errorf("benchmark Storage/fn=%s/type=%s/n=%d did not run (it failed or panicked)", fn, ty.Name, t.N)
				}
				samples[r] = append(samples[r], float64(res.T.Nanoseconds())/float64(res.N)/float64(t.N))
				if a := allocsPerCall(res); a > 0 && rep == 0 {
					allocNotes = append(allocNotes, fmt.Sprintf("Storage/fn=%s/type=%s/n=%d: %d allocs per call", fn, ty.Name, t.N, a))
				}
			}
		}
		for r := range t.Types {
			if len(samples[r]) > 0 {
				t.Ns[i][r] = slices.Min(samples[r])
			}
		}
		fmt.Fprintf(progress, " %s", fn)
	}
	fmt.Fprintln(progress)
	return allocNotes, nil
}

func (t *StorageTable) header() []string {
	h := []string{"function"}
	for _, ty := range t.Types {
		h = append(h, ty.Name)
	}
	return h
}

// rows are the cells: ns per element, and its speed over copy() of the
// same bytes of the type (copy()'s time times 1.5 for a gradient, which
// moves three arrays to copy()'s two), or over float32 at the large size,
// for the 16-bit types.
func (t *StorageTable) rows(times string) [][]string {
	var out [][]string
	for i, fn := range t.Funcs {
		bytes := 1.0
		if slices.ContainsFunc(bench.HardPeerFuncs, func(f bench.PeerFunc) bool { return f.Name == fn && f.Gradient }) {
			bytes = 1.5
		}
		row := []string{fn}
		if fn == "copy" {
			row[0] = "copy()"
		}
		for ty := range t.Types {
			ns := t.Ns[i][ty]
			base := bytes * t.Ns[0][ty] // copy() of the same bytes
			if t.large() {
				base = t.Ns[i][0] // float32
			}
			switch {
			case math.IsNaN(ns):
				row = append(row, "—")
			case fn == "copy" || t.large() && ty == 0:
				row = append(row, fmt.Sprintf("%.3g", ns))
			default:
				row = append(row, fmt.Sprintf("%.3g (%s%s)", ns, num(base/ns), times))
			}
		}
		out = append(out, row)
	}
	return out
}

func (t *StorageTable) title() string {
	if t.large() {
		return fmt.Sprintf("The element types, n = %s, hot data: ns per element, lower is better (the 16-bit types' speed over float32's)", sizeLabel(t.N))
	}
	return fmt.Sprintf("The element types, n = %s, hot data: ns per element, lower is better (speed over copy() of the same bytes)", sizeLabel(t.N))
}

// WriteStorageText prints t for a terminal.
func WriteStorageText(w io.Writer, t *StorageTable) {
	writeTextTable(w, t.title(), t.header(), t.rows("x"))
}

// WriteStorageMarkdown prints t as a markdown table under a heading.
func WriteStorageMarkdown(w io.Writer, t *StorageTable) {
	title := t.title()
	i := len("The element types, n = " + sizeLabel(t.N) + ", hot data")
	writeMarkdownTable(w, title[:i], title[i+2:], t.header(), t.rows("×"))
}

// storageIntro is the page's text above the storage tables.
const storageIntro = "Every function of the peer table on each element type: package kernels on float32, and kernels/bf16 and " +
	"kernels/f16 on their 16-bit bits (the ReLU family and the binary32 gradients, on amd64's vector paths, in one pass: " +
	"widened, computed and narrowed in registers; the others widen a chunk to float32, run the float32 kernel and round back; " +
	"the smooth forward functions are correctly rounded to the 16-bit type, and from 1024 elements on read from a table of " +
	"their values at all 2^16 inputs), and kernels/f64 on float64 (its own kernels, from the same " +
	"descriptions; its smooth functions, within 1 ulp, evaluate in double-double, on amd64's vector paths lane by lane). " +
	"The inputs are the peer table's, rounded to the type. " +
	"Beside each figure: its speed over `copy()` of the same bytes of the type (a gradient moves three arrays, " +
	"so its `copy()` figure is copy()'s time times 1.5); at the large size, for the 16-bit types, " +
	"their speed over float32's (elements per second). The same cases, with benchstat's medians and intervals: " +
	"`go test -run '^$' -bench Storage ./bench`.\n\n"
