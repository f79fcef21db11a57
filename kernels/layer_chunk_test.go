package kernels

import (
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"

	"github.com/stretchr/testify/require"
)

// TestLayerChunking lowers chunkLen so that the layer kernels split their
// calls: every chunk must be whole rows (about chunkLen elements, one row
// at the least) or, when a row is longer than chunkLen, at most chunkLen
// columns of one row, a call of its own, and the result the same bits as
// one unsplit call of the generic row, accumulators included (the chunks
// keep the row order of the sums).
func TestLayerChunking(t *testing.T) {
	saved := chunkLen
	defer func() { chunkLen, chunkHook = saved, nil }()
	chunkLen = 64
	generic := implementations[len(implementations)-1]
	kerneltest.Paths(t, func(t *testing.T, _ impl.Impl) { layerChunking(t, generic) })
}

func layerChunking(t *testing.T, generic impl.Impl) {
	for _, cols := range []int{1, 7, 64, 100, 128, 129, 300} {
		rows := 3 * 64 / cols * 2
		if rows < 4 {
			rows = 4
		}
		n := rows * cols
		a, b := kerneltest.RandomInputs(n, 21), kerneltest.RandomInputs(n, 22)
		par, acc := kerneltest.RandomInputs(cols, 23), kerneltest.RandomInputs(cols, 24)
		for _, k := range kerneltest.LayerKernels {
			if kerneltest.Repeats(t, k.Rounded) {
				continue
			}
			var chunks []int
			chunkHook = func(m int, stream bool) {
				require.False(t, stream, "the layer kernels never stream")
				chunks = append(chunks, m)
			}
			dst, accOut := make([]float32, n), slices.Clone(acc)
			k.Call(impl.Public(), dst, accOut, a, b, par, 0.1)
			chunkHook = nil
			want, wantAcc := make([]float32, n), slices.Clone(acc)
			blockCall(k, generic, want, wantAcc, a, b, par, 0.1)
			for i := range want {
				require.Equal(t, math.Float32bits(want[i]), math.Float32bits(dst[i]), "%s cols=%d: dst[%d]", k.Name, cols, i)
			}
			if k.HasAcc() {
				for j := range wantAcc {
					require.Equal(t, math.Float32bits(wantAcc[j]), math.Float32bits(accOut[j]), "%s cols=%d: acc[%d]", k.Name, cols, j)
				}
			}
			if cols > chunkLen {
				// Column ranges of one row: every row in chunkLen pieces.
				perRow := (cols + chunkLen - 1) / chunkLen
				require.Len(t, chunks, rows*perRow, "%s cols=%d: chunks %v", k.Name, cols, chunks)
				for i, m := range chunks {
					want := chunkLen
					if i%perRow == perRow-1 {
						want = cols - (perRow-1)*chunkLen
					}
					require.Equal(t, want, m, "%s cols=%d: chunk %d", k.Name, cols, i)
				}
				continue
			}
			step := max(1, chunkLen/cols) * cols
			calls := (n + step - 1) / step
			if k.HasAcc() { // the gradients chunk each block of rows on its own
				calls = 0
				for r := 0; r < rows; r += BlockRows {
					calls += (min(BlockRows, rows-r)*cols + step - 1) / step
				}
			}
			require.Len(t, chunks, calls, "%s cols=%d: chunks %v", k.Name, cols, chunks)
			for _, m := range chunks {
				require.Zero(t, m%cols, "%s cols=%d: a chunk of %d elements is not whole rows", k.Name, cols, m)
				require.LessOrEqual(t, m, step)
			}
		}
	}
}

// TestParallelColumnChunks lowers chunkLen and the runner's grain so that
// a layer gradient of one block of rows splits into column panels: each
// goroutine must run its panel in chunks of at most chunkLen elements (a
// few rows of the panel, or a piece of one row when the panel is wider
// than chunkLen), each a call of its own, covering the call once, with the
// bits of the generic row run block by block.
func TestParallelColumnChunks(t *testing.T) {
	saved := chunkLen
	defer func() { chunkLen, chunkHook = saved, nil }()
	generic := implementations[len(implementations)-1]
	p := NewParallel(2)
	defer p.Close()
	p.grain, p.minChunk, p.minCols = 64, 16, 16
	const rows, cols = 21, 96 // one block, in panels of 16 columns
	n := rows * cols
	a, b := kerneltest.RandomInputs(n, 31), kerneltest.RandomInputs(n, 32)
	par, acc := kerneltest.RandomInputs(cols, 33), kerneltest.RandomInputs(cols, 34)
	for _, chunk := range []int{16, 48, 64, 160} {
		chunkLen = chunk
		for _, k := range plKernels {
			if !k.grad {
				continue
			}
			var mu sync.Mutex
			var chunks []chunkCall
			chunkHook = func(m int, stream bool) {
				mu.Lock()
				defer mu.Unlock()
				chunks = append(chunks, chunkCall{m, stream, chunkCaller()})
			}
			dst, accOut := make([]float32, n), slices.Clone(acc)
			k.call(p, dst, accOut, a, b, par, 0.1)
			chunkHook = nil
			want, wantAcc := make([]float32, n), slices.Clone(acc)
			blockCall(kerneltest.LayerKernels[slices.IndexFunc(kerneltest.LayerKernels, func(l kerneltest.LayerKernel) bool {
				return l.Name == k.name
			})], generic, want, wantAcc, a, b, par, 0.1)
			kerneltest.EqualBits(t, want, dst, "%s chunkLen=%d: dst", k.name, chunk)
			kerneltest.EqualBits(t, wantAcc, accOut, "%s chunkLen=%d: acc", k.name, chunk)
			total := 0
			for _, c := range chunks {
				require.LessOrEqual(t, c.n, chunk, "%s chunkLen=%d: chunks %v", k.name, chunk, chunks)
				require.Equal(t, "chunk", c.caller, "%s chunkLen=%d: a chunk runs in a call of its own", k.name, chunk)
				total += c.n
			}
			require.Equal(t, n, total, "%s chunkLen=%d: the chunks cover the call", k.name, chunk)
			require.Greater(t, len(chunks), 2, "%s chunkLen=%d: the call split", k.name, chunk)
		}
	}
}
