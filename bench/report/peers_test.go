package main

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/bench"
	"github.com/stretchr/testify/assert"
)

func samplePeerTable() *PeerTable {
	return &PeerTable{N: 4096,
		Funcs: []bench.PeerFunc{{Name: "ReLU"}, {Name: "Sigmoid"}},
		Peers: []*bench.Peer{{Name: "fastrelu"}, {Name: "onednn"}, {Name: "gomath"}},
		Ns:    [][]float64{{0.05, 0.1, math.NaN()}, {1, 0.5, 10}},
	}
}

func TestWritePeerText(t *testing.T) {
	var b bytes.Buffer
	WritePeerText(&b, samplePeerTable())
	out := b.String()
	t.Log("\n" + out)
	assert.True(t, strings.HasPrefix(out, "The activations against the peers, n = 4Ki, hot data: ns per element"), out)
	assert.Regexp(t, `(?m)^  function\s+fastrelu\s+onednn\s+gomath$`, out)
	assert.Regexp(t, `(?m)^  ReLU\s+0\.05\s+0\.1 \(2\.00x\)\s+—$`, out)
	assert.Regexp(t, `(?m)^  Sigmoid\s+1\s+0\.5 \(0\.50x\)\s+10 \(10\.0x\)$`, out)
}

func TestWritePeerMarkdown(t *testing.T) {
	var b bytes.Buffer
	WritePeerMarkdown(&b, samplePeerTable())
	out := b.String()
	assert.Contains(t, out, "### The activations against the peers, n = 4Ki, hot data\n\n")
	assert.Contains(t, out, "| function | fastrelu | onednn | gomath |\n|:--|--:|--:|--:|\n")
	assert.Contains(t, out, "| Sigmoid | 1 | 0.5 (0.50×) | 10 (10.0×) |\n")

	b.Reset()
	assert.NoError(t, WriteDoc(&b, &Doc{Command: "go run ./bench/report", Peers: samplePeerTable()}))
	page := b.String()
	assert.Contains(t, page, "## The activations against the peers\n\n"+peerIntro+"### The activations against the peers")
}

// The table made for this build: package kernels first, every function
// it has, and the Go math loop for the smooth ones.
func TestNewPeerTable(t *testing.T) {
	pt, cells := newPeerTable(16)
	assert.Equal(t, "fastrelu", pt.Peers[0].Name)
	assert.Equal(t, len(bench.HardPeerFuncs)+len(bench.SmoothPeerFuncs), len(pt.Funcs))
	assert.GreaterOrEqual(t, cells, len(pt.Funcs)+len(bench.SmoothPeerFuncs))
	for i := range pt.Funcs {
		assert.True(t, math.IsNaN(pt.Ns[i][0]))
	}
}
