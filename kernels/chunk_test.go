package kernels

import (
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withChunking lowers chunkLen and sets streamingThreshold for f, records
// every chunk the public functions hand to a kernel, and restores all.
func withChunking(t *testing.T, chunk, threshold int, f func(chunks *[]chunkCall)) {
	t.Helper()
	savedLen, savedThreshold := chunkLen, streamingThreshold
	var chunks []chunkCall
	chunkLen, streamingThreshold = chunk, threshold
	chunkHook = func(n int, stream bool) {
		chunks = append(chunks, chunkCall{n, stream, chunkCaller()})
	}
	defer func() { chunkLen, streamingThreshold, chunkHook = savedLen, savedThreshold, nil }()
	f(&chunks)
}

type chunkCall struct {
	n      int
	stream bool
	caller string // the function that called the hook, if it is a call of its own (not inlined)
}

// chunkCaller returns the name of the function that called chunkHook when
// that function is a real call frame, and "" when it was inlined: a chunk
// runs in a call of its own, whose prologue is where a goroutine looping
// over chunks can be preempted.
func chunkCaller() string {
	pcs := make([]uintptr, 1)
	runtime.Callers(3, pcs) // skip Callers, chunkCaller and the hook
	f, _ := runtime.CallersFrames(pcs).Next()
	if f.Func == nil {
		return "" // an inlined frame
	}
	return f.Function[strings.LastIndex(f.Function, ".")+1:]
}

func TestChunkLen(t *testing.T) {
	require.Equal(t, 0, chunkLen%16, "chunkLen is a whole number of 16-float vectors")
	// 256 KiB to 1 MiB of dst: short enough to keep a kernel call well under
	// a millisecond, long enough that the chunk loop costs nothing.
	assert.GreaterOrEqual(t, chunkLen*4, 256<<10)
	assert.LessOrEqual(t, chunkLen*4, 1<<20)
}

// TestChunking checks that every public function hands the kernels at most
// chunkLen elements per call, covering the whole slice in order, and
// decides streaming once from the whole call: out of place, the bytes the
// whole call touches (not a chunk's) reach streamingThreshold, and the
// threshold is not 0.
func TestChunking(t *testing.T) {
	const chunk = 32
	for _, k := range kerneltest.Kernels {
		per := 8
		if k.Grad {
			per = 12
		}
		for _, n := range []int{0, 1, chunk - 1, chunk, chunk + 1, 3*chunk - 5, 3 * chunk, 10*chunk + 17} {
			for _, inPlace := range []bool{false, true} {
				for _, threshold := range []int{0, per * n, per*n + 1, per * chunk, math.MaxInt} {
					withChunking(t, chunk, threshold, func(chunks *[]chunkCall) {
						v, x := kerneltest.RandomInputs(n, uint64(n)), kerneltest.RandomInputs(n, uint64(n)+1)
						if !k.Grad {
							x = v
						}
						vWas, xWas := append([]float32(nil), v...), append([]float32(nil), x...)
						dst := make([]float32, n)
						if inPlace {
							dst = v
						}
						k.Call(impl.Public(), dst, v, x, -0.5)
						checkResult(t, k, dst, vWas, xWas, -0.5)

						if n <= chunk {
							// The short path: one plain kernel call, no loop.
							assert.Empty(t, *chunks, "%s n=%d: no chunk loop at n <= chunkLen", k.Name, n)
							return
						}
						stream := !inPlace && threshold > 0 && per*n >= threshold
						total := 0
						for i, c := range *chunks {
							assert.LessOrEqual(t, c.n, chunk, "%s n=%d chunk %d", k.Name, n, i)
							assert.Positive(t, c.n, "%s n=%d chunk %d", k.Name, n, i)
							if i < len(*chunks)-1 {
								assert.Equal(t, chunk, c.n, "%s n=%d: every chunk but the last is whole", k.Name, n)
							}
							assert.Equal(t, stream, c.stream, "%s n=%d in place %v threshold %d: stream decision of chunk %d",
								k.Name, n, inPlace, threshold, i)
							assert.Equal(t, "chunk", c.caller,
								"%s n=%d chunk %d: runs in a call of its own (caller %q), the loop's preemption point", k.Name, n, i, c.caller)
							total += c.n
						}
						assert.Equal(t, n, total, "%s n=%d: the chunks cover the call", k.Name, n)
					})
				}
			}
		}
	}
}

// TestChunkingDefault checks the default chunkLen and streamingThreshold
// on a call of 2^20+3 elements, and that the real threshold is decided on
// the whole call.
func TestChunkingDefault(t *testing.T) {
	if testing.Short() {
		t.Skip("large buffers")
	}
	n := 1<<20 + 3
	if streamingThreshold > 0 && streamingThreshold/8+1 > n {
		n = streamingThreshold/8 + 1
	}
	v := kerneltest.RandomInputs(n, 5)
	dst := make([]float32, n)
	withChunking(t, chunkLen, streamingThreshold, func(chunks *[]chunkCall) {
		LeakyReLU(dst, v, 0.25)
		checkResult(t, kerneltest.Kernels[kerneltest.KernelIndex("LeakyReLU")], dst, v, v, 0.25)
		require.Len(t, *chunks, (n+chunkLen-1)/chunkLen)
		for _, c := range *chunks {
			assert.Equal(t, streamingThreshold > 0, c.stream, "out of place, 8n >= streamingThreshold")
		}
	})
}

// TestChunkedRows runs the public functions with a small chunkLen, a small
// streaming threshold and each path in turn against the generic row, at
// lengths around chunk boundaries, out of place and in place.
func TestChunkedRows(t *testing.T) {
	g := implementations[len(implementations)-1]
	kerneltest.Paths(t, func(t *testing.T, r impl.Impl) {
		withChunking(t, 48, 64, func(*[]chunkCall) {
			for _, k := range kerneltest.Kernels {
				if kerneltest.Repeats(t, k.Rounded) {
					continue
				}
				for _, n := range []int{47, 48, 49, 95, 96, 97, 1000, 4099} {
					v, x := kerneltest.RandomInputs(n, uint64(n)+3), kerneltest.RandomInputs(n, uint64(n)+4)
					if !k.Grad {
						x = v
					}
					want, got := make([]float32, n), make([]float32, n)
					k.Call(g, want, v, x, 0.75)
					k.Call(impl.Public(), got, v, x, 0.75)
					kerneltest.EqualBits(t, want, got, "%s n=%d out of place", k.Name, n)
					buf := append([]float32(nil), v...)
					k.Call(impl.Public(), buf, buf, x, 0.75)
					kerneltest.EqualBits(t, want, buf, "%s n=%d in place", k.Name, n)
				}
			}
		})
	})
}
