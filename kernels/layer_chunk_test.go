package kernels

import (
	"math"
	"slices"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"

	"github.com/stretchr/testify/require"
)

// TestLayerChunking lowers chunkLen so that the layer kernels split their
// calls: every chunk must be whole rows (one row at the least, about
// chunkLen elements), a call of its own, and the result the same bits as
// one unsplit call of the generic row, accumulators included (the chunks
// keep the row order of the sums).
func TestLayerChunking(t *testing.T) {
	saved := chunkLen
	defer func() { chunkLen, chunkHook = saved, nil }()
	chunkLen = 64
	generic := implementations[len(implementations)-1]
	for _, cols := range []int{1, 7, 64, 100} {
		rows := 3 * 64 / cols * 2
		if rows < 4 {
			rows = 4
		}
		n := rows * cols
		a, b := kerneltest.RandomInputs(n, 21), kerneltest.RandomInputs(n, 22)
		par, acc := kerneltest.RandomInputs(cols, 23), kerneltest.RandomInputs(cols, 24)
		for _, k := range kerneltest.LayerKernels {
			var chunks []int
			chunkHook = func(m int, stream bool) {
				require.False(t, stream, "the layer kernels never stream")
				chunks = append(chunks, m)
			}
			dst, accOut := make([]float32, n), slices.Clone(acc)
			k.Call(impl.Public(), dst, accOut, a, b, par, 0.1)
			chunkHook = nil
			want, wantAcc := make([]float32, n), slices.Clone(acc)
			k.Call(generic, want, wantAcc, a, b, par, 0.1)
			for i := range want {
				require.Equal(t, math.Float32bits(want[i]), math.Float32bits(dst[i]), "%s cols=%d: dst[%d]", k.Name, cols, i)
			}
			if k.HasAcc() {
				for j := range wantAcc {
					require.Equal(t, math.Float32bits(wantAcc[j]), math.Float32bits(accOut[j]), "%s cols=%d: acc[%d]", k.Name, cols, j)
				}
			}
			step := max(1, chunkLen/cols) * cols
			require.Len(t, chunks, (n+step-1)/step, "%s cols=%d: chunks %v", k.Name, cols, chunks)
			for _, m := range chunks {
				require.Zero(t, m%cols, "%s cols=%d: a chunk of %d elements is not whole rows", k.Name, cols, m)
				require.LessOrEqual(t, m, step)
			}
		}
	}
}
