package kernels

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// matrixView returns a rows×cols view with the given stride in a buffer of
// kerneltest.Canary, its elements from vals (row-major, rows*cols of them).
func matrixView(rows, cols, stride int, vals []float32) Matrix {
	n := 0
	if rows > 0 && cols > 0 {
		n = (rows-1)*stride + cols
	}
	data := make([]float32, n+3) // canaries after the last row too
	for i := range data {
		data[i] = math.Float32frombits(kerneltest.Canary)
	}
	for r := range rows {
		if cols > 0 {
			copy(data[r*stride:r*stride+cols], vals[r*cols:(r+1)*cols])
		}
	}
	return Matrix{Rows: rows, Cols: cols, Stride: stride, Data: data[:n]}
}

// packed returns m's elements, row-major, contiguous.
func packed(m Matrix) []float32 {
	out := make([]float32, 0, m.Rows*m.Cols)
	if m.Cols == 0 {
		return out
	}
	for r := range m.Rows {
		out = append(out, m.Data[r*m.Stride:r*m.Stride+m.Cols]...)
	}
	return out
}

// requireGaps requires every element of m's buffer outside its rows to be
// kerneltest.Canary.
func requireGaps(t *testing.T, m Matrix, format string, args ...any) {
	t.Helper()
	data := m.Data[:cap(m.Data)]
	for i, v := range data {
		inside := m.Cols > 0 && i/max(m.Stride, 1) < m.Rows && i%max(m.Stride, 1) < m.Cols
		if !inside && math.Float32bits(v) != kerneltest.Canary {
			t.Fatalf(format+": element %d between or after the rows changed to %#08x", append(args, i, math.Float32bits(v))...)
		}
	}
}

// TestMatrix holds every layer kernel's Matrix form, on every path, through
// the package function and a runner that splits, to the slice form on the
// rows laid end to end: views with strides of their own, in place and out
// of place, and nothing written outside the rows.
func TestMatrix(t *testing.T) {
	shapes := [][2]int{{0, 3}, {2, 0}, {1, 5}, {3, 17}, {7, 64}, {BlockRows + 3, 9}, {2*BlockRows + 1, 33}}
	extras := [][3]int{{0, 0, 0}, {1, 0, 5}, {13, 2, 0}, {3, 7, 1}}
	kerneltest.Paths(t, func(t *testing.T, _ impl.Impl) {
		p := NewParallel(2)
		defer p.Close()
		p.grain, p.minChunk, p.minCols = 64, 16, 16
		rng := rand.New(rand.NewPCG(21, 3))
		for i, k := range plKernels {
			if kerneltest.Repeats(t, kerneltest.LayerKernels[i].Rounded) {
				continue
			}
			call := matrixCalls[i]
			for _, sh := range shapes {
				rows, cols := sh[0], sh[1]
				if testing.Short() && kerneltest.LayerKernels[i].Rounded && rows > BlockRows {
					continue // the blocks are the generated loop's, tested on the other kernels; scalar Go is slow under qemu
				}
				n := rows * cols
				for _, ex := range extras {
					for _, place := range []string{"out", "a", "b"} {
						if place == "b" && !k.grad {
							continue
						}
						for _, runner := range []*Parallel{nil, p} {
							av, bv := kerneltest.RandomInputs(n, rng.Uint64()), kerneltest.RandomInputs(n, rng.Uint64())
							par, acc := kerneltest.RandomInputs(cols, rng.Uint64()), kerneltest.RandomInputs(cols, rng.Uint64())
							alpha := kerneltest.Alphas[rng.IntN(len(kerneltest.Alphas))]
							a, b := matrixView(rows, cols, cols+ex[1], av), matrixView(rows, cols, cols+ex[2], bv)
							d := matrixView(rows, cols, cols+ex[0], make([]float32, n))
							// The slice form on packed copies, in the same place.
							wa, wb, wd := slices.Clone(av), slices.Clone(bv), make([]float32, n)
							switch place {
							case "a":
								d, wd = a, wa
							case "b":
								d, wd = b, wb
							}
							wantAcc, gotAcc := slices.Clone(acc), slices.Clone(acc)
							if !k.grad {
								wantAcc, gotAcc = nil, nil
							}
							if !k.par {
								par = nil
							}
							k.call(nil, wd, wantAcc, wa, wb, par, alpha)
							aWas, bWas := packed(a), packed(b)
							call(runner, d, gotAcc, a, b, par, alpha)
							where := []any{k.name, rows, cols, ex, place, runner != nil}
							kerneltest.EqualBits(t, wd, packed(d), "%s %dx%d strides+%v dst=%s runner=%v: dst", where...)
							kerneltest.EqualBits(t, wantAcc, gotAcc, "%s %dx%d strides+%v dst=%s runner=%v: acc", where...)
							requireGaps(t, d, "%s %dx%d strides+%v dst=%s runner=%v: dst", where...)
							if place != "a" {
								kerneltest.EqualBits(t, aWas, packed(a), "%s: a changed", k.name)
								requireGaps(t, a, "%s: a", k.name)
							}
							if place != "b" {
								kerneltest.EqualBits(t, bWas, packed(b), "%s: b changed", k.name)
								requireGaps(t, b, "%s: b", k.name)
							}
						}
					}
				}
			}
		}
	})
}

// blas32General is gonum's blas32.General, field for field: a Matrix is
// one conversion away.
type blas32General struct {
	Rows, Cols int
	Stride     int
	Data       []float32
}

// TestMatrixPanics checks each rule of the views and that the message
// names the function, the shapes and the rule; a valid call panics not.
func TestMatrixPanics(t *testing.T) {
	buf := make([]float32, 64)
	ok := Matrix(blas32General{Rows: 3, Cols: 4, Stride: 6, Data: buf[:16]})
	other := Matrix{Rows: 3, Cols: 4, Stride: 6, Data: buf[32:48]}
	bias := make([]float32, 4)
	require.NotPanics(t, func() { BiasReLUMatrix(ok, ok, bias) })
	require.NotPanics(t, func() { BiasReLUMatrix(other, ok, bias) })
	require.NotPanics(t, func() { BiasReLUMatrix(Matrix{Rows: 0, Cols: 4}, Matrix{Rows: 0, Cols: 4}, bias) })
	// Columns 0-1 and 2-3 of the same rows: disjoint elements, but spans
	// that share memory, which the rules do not allow.
	left := Matrix{Rows: 3, Cols: 2, Stride: 6, Data: buf[:14]}
	right := Matrix{Rows: 3, Cols: 2, Stride: 6, Data: buf[2:16]}
	cases := []struct {
		name string
		call func()
		want string
	}{
		{"negative rows", func() { BiasReLUMatrix(Matrix{Rows: -1, Cols: 4, Stride: 4}, ok, bias) }, "must not be negative"},
		{"stride below cols", func() { BiasReLUMatrix(Matrix{Rows: 3, Cols: 4, Stride: 3, Data: buf}, ok, bias) }, "Stride must be at least Cols"},
		{"short data", func() { BiasReLUMatrix(Matrix{Rows: 3, Cols: 4, Stride: 6, Data: buf[:15]}, ok, bias) }, "len(Data) must be at least"},
		{"shapes", func() { BiasReLUMatrix(Matrix{Rows: 2, Cols: 4, Stride: 4, Data: buf[40:]}, ok, bias) }, "same Rows and Cols"},
		{"bias length", func() { BiasReLUMatrix(other, ok, bias[:3]) }, "len(bias) must be Cols"},
		{"partial overlap", func() { BiasReLUMatrix(Matrix{Rows: 3, Cols: 4, Stride: 6, Data: buf[1:17]}, ok, bias) }, "overlap"},
		{"stride differs in place", func() {
			BiasReLUMatrix(Matrix{Rows: 2, Cols: 4, Stride: 4, Data: buf}, Matrix{Rows: 2, Cols: 4, Stride: 5, Data: buf}, bias)
		}, "overlap"},
		{"interleaved columns", func() { BiasReLUMatrix(right, left, bias[:2]) }, "overlap"},
		{"bias in dst", func() { BiasReLUMatrix(ok, other, buf[4:8]) }, "bias shares memory with dst"},
		{"dbias in grad", func() { ReLUGradBiasMatrix(other, buf[8:12], ok, ok) }, "dbias shares memory with grad"},
		{"dslope in slope", func() {
			PReLUGradMatrix(other, buf[50:54], ok, ok, buf[52:56])
		}, "dslope shares memory with slope"},
		{"runner", func() { new(Parallel).ReLUGradBiasMatrix(ok, bias[:1], ok, ok) }, "kernels.(*Parallel).ReLUGradBiasMatrix"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				require.Contains(t, msg, c.want)
				require.True(t, strings.HasPrefix(msg, "kernels."), msg)
				require.Contains(t, msg, "Stride=", "the message names the shapes: %s", msg)
			}()
			c.call()
		})
	}
}

// TestMatrixAllocs: no Matrix call allocates, the package functions' nor
// (after a first call of the size) a runner's.
func TestMatrixAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	p := NewParallel(2)
	defer p.Close()
	p.grain, p.minChunk = 64, 16
	const rows, cols = 300, 40
	g := Matrix{Rows: rows, Cols: cols, Stride: cols + 3, Data: kerneltest.RandomInputs((rows-1)*(cols+3)+cols, 1)}
	y := Matrix{Rows: rows, Cols: cols, Stride: cols + 5, Data: kerneltest.RandomInputs((rows-1)*(cols+5)+cols, 2)}
	d := Matrix{Rows: rows, Cols: cols, Stride: cols + 1, Data: make([]float32, (rows-1)*(cols+1)+cols)}
	dbias := make([]float32, cols)
	p.ReLUGradBiasMatrix(d, dbias, g, y)
	require.Zero(t, testing.AllocsPerRun(20, func() { ReLUGradBiasMatrix(d, dbias, g, y) }))
	require.Zero(t, testing.AllocsPerRun(20, func() { BiasLeakyReLUMatrix(d, g, dbias, 0.1) }))
	require.Zero(t, testing.AllocsPerRun(20, func() { p.ReLUGradBiasMatrix(d, dbias, g, y) }))
}

// TestMatrixColumnViewsConcurrently: two goroutines working on the left and
// the right columns of one matrix share no element, and the race detector
// (which sees every row of a view, not its span) must say nothing.
func TestMatrixColumnViewsConcurrently(t *testing.T) {
	const rows, cols = 64, 48
	data := kerneltest.RandomInputs(rows*cols, 5)
	left := Matrix{Rows: rows, Cols: cols / 2, Stride: cols, Data: data}
	right := Matrix{Rows: rows, Cols: cols / 2, Stride: cols, Data: data[cols/2:]}
	bias := make([]float32, cols/2)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			BiasReLUMatrix(left, left, bias)
		}
	}()
	for range 20 {
		BiasReLUMatrix(right, right, bias)
	}
	<-done
}
