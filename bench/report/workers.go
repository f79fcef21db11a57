package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/bench"
)

// The layers on several workers: a table per kernel of bench.WorkerKernels
// (a forward pass and its backward pass), a row per shape of
// bench.WorkerShapes, the GB/s of a kernels.Parallel of each worker count
// of bench.WorkerCounts, then what the most workers gain over one, beside
// what copy() of the same elements gains on as many goroutines over one
// (the memory's ceiling on this machine), and the one over the other.

// WorkersTable holds one kernel's figures: GBps[shape][w] for the kernel
// and CopyGBps[shape][w] for copy(), w indexing Workers. Missing: NaN.
type WorkersTable struct {
	Kernel   bench.LayerKernel
	Shapes   []bench.Shape
	Workers  []int
	GBps     [][]float64
	CopyGBps [][]float64
}

func newWorkersTables(ks []bench.LayerKernel, shapes []bench.Shape, workers []int) (tables []*WorkersTable, cells int) {
	for _, k := range ks {
		if !slices.Contains(bench.WorkerKernels, k) {
			continue
		}
		t := &WorkersTable{Kernel: k, Shapes: shapes, Workers: workers}
		for range shapes {
			t.GBps = append(t.GBps, nanRow(len(workers)))
			t.CopyGBps = append(t.CopyGBps, nanRow(len(workers)))
			cells += 2 * len(workers)
		}
		tables = append(tables, t)
	}
	return tables, cells
}

// measureWorkers fills t: every cell count times, the kernel and copy()
// at each worker count interleaved, the fastest kept.
func measureWorkers(t *WorkersTable, count int, progress io.Writer) (allocNotes []string, err error) {
	k := t.Kernel
	fmt.Fprintf(progress, "  %-18s workers, shape =", k)
	for i, s := range t.Shapes {
		type cell struct {
			copy bool
			w    int
		}
		var cells []cell
		for w := range t.Workers {
			cells = append(cells, cell{false, w}, cell{true, w})
		}
		samples := make([][]float64, len(cells))
		for rep := 0; rep < count; rep++ {
			for o := range cells {
				r := (o + rep) % len(cells)
				c := cells[r]
				run := func(b *testing.B) { bench.RunLayerWorkers(b, k, s, t.Workers[c.w]) }
				if c.copy {
					run = func(b *testing.B) { bench.RunCopyWorkers(b, k, s, t.Workers[c.w]) }
				}
				res := testing.Benchmark(run)
				if res.N == 0 {
					return allocNotes, fmt.Errorf("benchmark LayerWorkers/kernel=%s/shape=%s/workers=%d (copy %v) did not run", k, s, t.Workers[c.w], c.copy)
				}
				samples[r] = append(samples[r], float64(res.T.Nanoseconds())/float64(res.N))
				if a := allocsPerCall(res); a > 0 && rep == 0 && !c.copy {
					allocNotes = append(allocNotes, fmt.Sprintf("LayerWorkers/kernel=%s/shape=%s/workers=%d: %d allocs per call", k, s, t.Workers[c.w], a))
				}
			}
		}
		for r, c := range cells {
			gbps := float64(k.Bytes(s)) / slices.Min(samples[r])
			if c.copy {
				t.CopyGBps[i][c.w] = gbps
			} else {
				t.GBps[i][c.w] = gbps
			}
		}
		fmt.Fprintf(progress, " %s", s)
	}
	fmt.Fprintln(progress)
	return allocNotes, nil
}

// header and rows are the table's cells: per shape, GB/s per worker count,
// then the most workers' gain over one, copy()'s, and their ratio.
func (t *WorkersTable) header() []string {
	h := []string{"shape"}
	for _, w := range t.Workers {
		h = append(h, "workers="+strconv.Itoa(w))
	}
	last := strconv.Itoa(t.Workers[len(t.Workers)-1])
	return append(h, last+"w ÷ 1w", "copy() "+last+"w ÷ 1w", "gain ÷ copy()'s")
}

func (t *WorkersTable) rows(suffix string) [][]string {
	var out [][]string
	last := len(t.Workers) - 1
	for i, s := range t.Shapes {
		row := []string{s.String()}
		for w := range t.Workers {
			row = append(row, num(t.GBps[i][w]))
		}
		gain := ratio(t.GBps[i][last], t.GBps[i][0])
		copyGain := ratio(t.CopyGBps[i][last], t.CopyGBps[i][0])
		row = append(row, num(gain)+suffix, num(copyGain)+suffix, num(ratio(gain, copyGain)))
		out = append(out, row)
	}
	return out
}

func (t *WorkersTable) title() string {
	return fmt.Sprintf("%s on %s workers", t.Kernel, strings.Trim(strings.Join(strings.Fields(fmt.Sprint(t.Workers)), ", "), "[]"))
}

// WriteWorkersText prints t for a terminal.
func WriteWorkersText(w io.Writer, t *WorkersTable) {
	writeTextTable(w, t.title()+": GB/s, hot data (higher is better)", t.header(), t.rows("x"))
}

// WriteWorkersMarkdown prints t as a markdown table under a heading.
func WriteWorkersMarkdown(w io.Writer, t *WorkersTable) {
	writeMarkdownTable(w, t.title(), "GB/s, hot data (higher is better)", t.header(), t.rows("×"))
}

// workersIntro is the page's text above the workers tables.
const workersIntro = "A dense layer's forward pass (BiasLeakyReLU) and backward pass (LeakyReLUGradBias) through a " +
	"`kernels.Parallel` of each worker count, at typical layer shapes, hot data, with the same bits at every count. " +
	"Beside them, `copy()` of the same elements cut into as many parts, each on a goroutine of its own: what the memory " +
	"lets a second worker gain on this machine. The last column is the kernel's gain over copy()'s (1.00: the kernel " +
	"gains all the memory allows).\n\n"
