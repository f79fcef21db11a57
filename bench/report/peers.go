package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"testing"

	"github.com/fastrelu/fastrelu/bench"
)

// The peer table: every activation bench.HardPeerFuncs and
// bench.SmoothPeerFuncs name, on package kernels' public functions and on
// each peer this build has (bench.Peers: oneDNN and XNNPACK with -tags
// peers, and the Go math loop for the smooth functions), at one size, hot
// data, as nanoseconds per element, each peer's cell beside fastrelu's
// speed relative to it. The same cases as go test -bench Peer ./bench.

// PeerTable holds Ns[f][p], function f of Funcs on peer p of Peers, in
// nanoseconds per element; NaN where the peer lacks the function.
type PeerTable struct {
	N     int
	Funcs []bench.PeerFunc
	Peers []*bench.Peer
	Ns    [][]float64
}

// newPeerTable returns the table at n elements and its number of cells,
// or nil when no function is left.
func newPeerTable(n int) (*PeerTable, int) {
	t := &PeerTable{N: n, Peers: bench.Peers()}
	cells := 0
	for _, f := range slices.Concat(bench.HardPeerFuncs, bench.SmoothPeerFuncs) {
		has := 0
		for _, p := range t.Peers {
			if p.Bind(f.Name, n) != nil {
				has++
			}
		}
		if has == 0 {
			continue
		}
		t.Funcs = append(t.Funcs, f)
		t.Ns = append(t.Ns, nanRow(len(t.Peers)))
		cells += has
	}
	return t, cells
}

// measurePeers fills t: every cell count times, the peers of a function
// interleaved, the fastest kept.
func measurePeers(t *PeerTable, count int, progress io.Writer) (allocNotes []string, err error) {
	fmt.Fprintf(progress, "  %-18s n = %s:", "peers", sizeLabel(t.N))
	for i, f := range t.Funcs {
		var idx []int
		for p, peer := range t.Peers {
			if peer.Bind(f.Name, t.N) != nil {
				idx = append(idx, p)
			}
		}
		samples := make([][]float64, len(idx))
		for rep := 0; rep < count; rep++ {
			for o := range idx {
				r := (o + rep) % len(idx)
				peer := t.Peers[idx[r]]
				k := peer.Bind(f.Name, t.N)
				res := testing.Benchmark(func(b *testing.B) { bench.RunPeer(b, f, k, t.N) })
				if res.N == 0 {
					return allocNotes, fmt.Errorf("benchmark Peer/fn=%s/impl=%s/n=%d did not run (it failed or panicked)", f.Name, peer.Name, t.N)
				}
				samples[r] = append(samples[r], float64(res.T.Nanoseconds())/float64(res.N)/float64(t.N))
				if a := allocsPerCall(res); a > 0 && rep == 0 {
					allocNotes = append(allocNotes, fmt.Sprintf("Peer/fn=%s/impl=%s/n=%d: %d allocs per call", f.Name, peer.Name, t.N, a))
				}
			}
		}
		for r, p := range idx {
			t.Ns[i][p] = slices.Min(samples[r])
		}
		fmt.Fprintf(progress, " %s", f.Name)
	}
	fmt.Fprintln(progress)
	return allocNotes, nil
}

// header and rows are the table's cells: per function, each peer's ns per
// element, and after every peer but fastrelu, fastrelu's speed over its.
func (t *PeerTable) header() []string {
	h := []string{"function"}
	for _, p := range t.Peers {
		h = append(h, p.Name)
	}
	return h
}

func (t *PeerTable) rows(times string) [][]string {
	var out [][]string
	for i, f := range t.Funcs {
		row := []string{f.Name}
		own := t.Ns[i][0] // Peers puts package kernels first
		for p := range t.Peers {
			ns := t.Ns[i][p]
			switch {
			case math.IsNaN(ns):
				row = append(row, "—")
			case p == 0:
				row = append(row, fmt.Sprintf("%.3g", ns))
			default:
				row = append(row, fmt.Sprintf("%.3g (%s%s)", ns, num(ns/own), times))
			}
		}
		out = append(out, row)
	}
	return out
}

func (t *PeerTable) title() string {
	return fmt.Sprintf("The activations against the peers, n = %s, hot data", sizeLabel(t.N))
}

// WritePeerText prints t for a terminal.
func WritePeerText(w io.Writer, t *PeerTable) {
	writeTextTable(w, t.title()+": ns per element, lower is better (fastrelu's speed over the peer's)", t.header(), t.rows("x"))
}

// WritePeerMarkdown prints t as a markdown table under a heading.
func WritePeerMarkdown(w io.Writer, t *PeerTable) {
	writeMarkdownTable(w, t.title(), "ns per element, lower is better (fastrelu's speed over the peer's)", t.header(), t.rows("×"))
}

// peerIntro is the page's text above the peer table.
const peerIntro = "Every activation on package kernels' public functions (`fastrelu`, correctly rounded for the smooth ones) " +
	"and on what a Go user would otherwise call: a float32 loop over package math (`gomath`, smooth functions only) and, " +
	"when the report is built with `-tags peers` (cgo, Debian's libdnnl-dev, libxnnpack-dev and libpthreadpool-dev), " +
	"oneDNN's and XNNPACK's elementwise operators on one thread. Every call reads the same inputs, uniform in [-1, 1), " +
	"and writes its own `dst`; ELU's alpha is 1, LeakyReLU's slope the page's alpha, HardTanh's range [-1, 1]. " +
	"Beside each peer's figure, fastrelu's speed over the peer's (above 1: fastrelu is faster). " +
	"The same cases, with benchstat's medians and intervals: `go test -tags peers -run '^$' -bench Peer ./bench`.\n\n"
