package kernels

import (
	"math"
	"unsafe"

	"github.com/klauspost/cpuid/v2"
)

// Long calls are split into chunks.
//
// Go never preempts a goroutine inside an assembly function: a kernel call
// over 2^28 floats would hold off every stop-the-world (a GC cycle starts
// and ends with one) for its full duration, and with GOMAXPROCS=1 every
// other goroutine of the program as well. So a long call hands the kernels
// at most chunkLen elements at a time, each chunk from a Go call of its own
// (job.chunk), where the scheduler can preempt the goroutine, as the
// runtime itself clears large memory in chunks. docs/tuning.md has the
// measurements.
//
// Every call is a row-major matrix: rows of cols elements for the layer
// kernels, one row of len(dst) elements for the elementwise ones. A chunk
// is a rectangle of it, and there are two ways to cut one (job.run):
//   - rows: whole rows of a range of columns, about chunkLen elements, one
//     row at the least, when a row of the range fits in a chunk;
//   - columns: otherwise, chunkLen columns of one row at a time, row after
//     row. An elementwise call is cut this way, its one row into runs of
//     chunkLen elements.
//
// Either way the chunks run in row order, and within a row in column order,
// so the layer gradients still add each column's rows of a block in order:
// the same bits as one call. The layer gradients run block by block of
// BlockRows rows (sumBlocks), each block chunked as above. The Parallel
// runner cuts a call into rectangles of its own (by elements, rows, or
// blocks and column panels: parallel.go) and each goroutine runs its
// rectangles through job.run.
//
// Whether a call streams (writes dst with non-temporal stores, on the paths
// that have them) is decided once, from the whole call, before the chunks:
// a chunk is always far below streamingThreshold, and in place or not is a
// property of the call.

// chunkLen is the most elements one kernel call gets from a long call: a
// multiple of 16 floats (the widest vector), so that every chunk but the
// last is a whole number of vectors. A variable, so that tests can lower
// it; it must stay > 0.
var chunkLen = 64 << 10

// chunkHook, when not nil, is called with each chunk's length and the stream
// decision before the kernel runs on it, from the per-chunk function: tests
// use it to see the chunking, and that each chunk is a call of its own.
var chunkHook func(n int, stream bool)

// streams reports whether a call that touches bytesPerElem*n bytes, with dst
// identical to none of its inputs (out of place), writes dst with
// non-temporal stores.
func streams(n, bytesPerElem int, outOfPlace bool) bool {
	t := streamingThreshold
	return outOfPlace && t > 0 && uint64(n)*uint64(bytesPerElem) >= uint64(t)
}

// same reports whether a and b start at the same element.
func same(a, b []float32) bool { return unsafe.SliceData(a) == unsafe.SliceData(b) }

// job is one call of a kernel on valid arguments (checked by the caller):
// the kernel, its slices, whole, and what is decided once for the whole
// call. The slices are named by their role, whatever the kernel calls them.
type job struct {
	kind   jobKind
	stream bool    // write dst with non-temporal stores (elementwise kernels only)
	alpha  float32 // LeakyReLU's
	lo, hi float32 // HardTanh's
	dst    []float32
	in     []float32 // src, or grad: the values that pass through or are scaled
	test   []float32 // x or y, whose sign selects (the gradients); nil for the forward kernels
	param  []float32 // bias or slope, one per column; nil for the others
	sums   []float32 // dbias or dslope, the column sums added to; nil for the others
	cols   int       // the row length: len(dst) for the elementwise kernels
	rows   int       // the number of rows
	// The row strides of dst, in and test in elements: a Matrix call's
	// (matrix is true), or cols.
	dstStride, inStride, testStride int
	matrix                          bool
}

// init sets what a call derives from its slices: the row length, the rows,
// and whether it streams. A Matrix call sets cols, rows and the strides
// itself.
func (j *job) init() {
	if j.matrix {
		return
	}
	switch {
	case j.kind.elementwise():
		j.cols, j.rows = len(j.dst), 1
		bytes := 2 * int(elemBytes)
		outOfPlace := !same(j.dst, j.in)
		if j.test != nil {
			bytes = 3 * int(elemBytes)
			outOfPlace = outOfPlace && !same(j.dst, j.test)
		}
		j.stream = streams(len(j.dst), bytes, outOfPlace)
	default:
		j.cols = len(j.param)
		if j.sums != nil {
			j.cols = len(j.sums)
		}
		if j.cols > 0 {
			j.rows = len(j.dst) / j.cols
		}
	}
	j.dstStride, j.inStride, j.testStride = j.cols, j.cols, j.cols
}

// contiguous reports whether every row of j starts where the one before
// ends, in dst and in the inputs.
func (j *job) contiguous() bool {
	return j.rows <= 1 || j.dstStride == j.cols && j.inStride == j.cols && (j.test == nil || j.testStride == j.cols)
}

// runLong runs a long call of a package function chunk by chunk: never
// inlined, so that the public functions stay small and their short path
// pays nothing for it.
//
//go:noinline
func runLong(j *job) {
	j.init()
	j.run(0, j.rows, 0, j.cols, nil)
}

// run runs the rectangle rows [r0, r1) by columns [c0, c1) of j's matrix on
// this goroutine, in chunks, in row order. sums is what the gradients add
// the columns c0 to c1 to (nil for the other kernels).
func (j *job) run(r0, r1, c0, c1 int, sums []float32) {
	if r0 >= r1 || c0 >= c1 {
		return
	}
	if w := c1 - c0; w <= chunkLen {
		// Split by rows: as many whole rows of the range as fit in a chunk.
		step := max(1, chunkLen/w)
		for r := r0; r < r1; r += step {
			j.chunk(r, min(r+step, r1), c0, c1, sums)
		}
		return
	}
	// Split by columns: a row is longer than a chunk.
	for r := r0; r < r1; r++ {
		for c := c0; c < c1; c += chunkLen {
			e := min(c+chunkLen, c1)
			j.chunk(r, r+1, c, e, part(sums, c-c0, e-c0))
		}
	}
}

// part returns s[i:e:e], or nil for a nil s.
func part(s []float32, i, e int) []float32 {
	if s == nil {
		return nil
	}
	return s[i:e:e]
}

// chunk runs one chunk: whole rows of a contiguous matrix in one kernel
// call, or a range of columns (or rows of a strided matrix) one kernel call
// per row. It is a separate Go function that is
// never inlined, and calls the assembly: so it is not a leaf, and its
// prologue checks the stack bound, which is how a goroutine running the
// chunk loop notices a preemption request (the runtime sets the bound to
// make the next check fail). Without it the loop would hardly ever stop:
// the loop itself has no such check, and the asynchronous preemption
// signal nearly always lands inside the assembly, where the runtime must
// not stop a goroutine, so the stop-the-world would still wait for the
// whole call.
//
//go:noinline
func (j *job) chunk(r0, r1, c0, c1 int, sums []float32) {
	if chunkHook != nil {
		chunkHook((r1-r0)*(c1-c0), j.stream)
	}
	cols := j.cols
	if c0 == 0 && c1 == cols && j.contiguous() {
		i, e := r0*cols, r1*cols
		j.kernel(j.dst[i:e:e], j.in[i:e:e], part(j.test, i, e), j.param, sums)
		return
	}
	param := part(j.param, c0, c1)
	for r := r0; r < r1; r++ {
		d, i, t := r*j.dstStride, r*j.inStride, r*j.testStride
		j.kernel(j.dst[d+c0:d+c1:d+c1], j.in[i+c0:i+c1:i+c1], part(j.test, t+c0, t+c1), param, sums)
	}
}

// BlockRows is the number of rows in a block of the gradient sums: the
// layer gradients (ReLUGradBias, PReLUGrad, ...) sum the rows of each
// block of BlockRows consecutive rows (the last block may have fewer) on
// their own, starting from -0, and add the block sums to dbias (dslope)
// in block order. So the bits never depend on how a call is split among
// goroutines, and the rounding error of a long sum grows with BlockRows
// plus the number of blocks rather than with the number of rows.
// docs/tuning.md has the measurements behind the size.
const BlockRows = 256

// negZeros and ones are panelSums of -0 (the start of a block sum, which
// -0 + d leaves as d) and of 1: never written.
var negZeros, ones [panelSums]float32

func init() {
	for i := range negZeros {
		negZeros[i] = float32(math.Copysign(0, -1))
		ones[i] = 1
	}
}

// startSums sets every block sum in s to -0.
func startSums(s []float32) {
	for len(s) > 0 {
		s = s[copy(s, negZeros[:]):]
	}
}

// addSums adds the block sums s to sums: sums[j] + s[j], one binary32
// addition per column under the architecture's NaN rule (sums the first
// operand). It runs on the path's vector kernels: ReLUGradBias on one row,
// in place on s, with y = 1 everywhere, adds s to its sums and leaves s as
// it is.
func addSums(sums, s []float32) {
	for len(sums) > 0 {
		n := min(len(sums), len(ones))
		reluGradBias(s[:n:n], sums[:n:n], s[:n:n], ones[:n:n])
		sums, s = sums[n:], s[n:]
	}
}

// The package functions' block sums live on the goroutine's stack, in the
// smallest of these buffers that holds a row (each costs its zeroing on
// every call), or a panel of columns at a time in the widest.
const (
	narrowSums = 64
	midSums    = 256
	panelSums  = 1024
)

// runSums runs a call of a layer gradient (a job with sums) on this
// goroutine, block by block. Never inlined, as runLong.
//
//go:noinline
func runSums(j *job) {
	j.init()
	j.sumsInline()
}

// sumsInline runs a layer gradient on this goroutine, its block sums on
// the stack.
func (j *job) sumsInline() {
	switch {
	case j.cols <= narrowSums:
		runSumsNarrow(j)
	case j.cols <= midSums:
		runSumsMid(j)
	default:
		runSumsPanels(j)
	}
}

//go:noinline
func runSumsNarrow(j *job) {
	var s [narrowSums]float32
	j.sumBlocks(0, j.rows, s[:j.cols])
}

//go:noinline
func runSumsMid(j *job) {
	var s [midSums]float32
	j.sumBlocks(0, j.rows, s[:j.cols])
}

//go:noinline
func runSumsPanels(j *job) {
	var s [panelSums]float32
	j.sumBlocks(0, j.rows, s[:])
}

// sumBlocks runs the blocks of rows [r0, r1) of a layer gradient, r0 the
// first row of a block: each block a panel of len(s) columns at a time,
// its sums in s, then added to j.sums.
func (j *job) sumBlocks(r0, r1 int, s []float32) {
	for b := r0; b < r1; b += BlockRows {
		e := min(b+BlockRows, r1)
		for c := 0; c < j.cols; c += len(s) {
			ce := min(c+len(s), j.cols)
			p := s[:ce-c]
			startSums(p)
			j.run(b, e, c, ce, p)
			addSums(j.sums[c:ce], p)
		}
	}
}

// streamingThreshold is the number of bytes a call touches, dst and its
// inputs together (two elements' bytes per element for a forward kernel,
// three for the gradients), from which the call writes dst with
// non-temporal stores (on amd64; elsewhere the streaming functions are the
// plain ones), out of place only, decided once from the whole call (the
// chunks above): a working set that
// large does not stay in the last-level cache anyway, and streaming dst out
// of the way saves the read-for-ownership of every line written. 3/4 of the
// largest cache (the L3), since the L3 also holds other data: below that,
// non-temporal stores lose to regular ones, which leave dst in the cache
// for whoever reads it next; in place, regular stores win at every size.
// docs/tuning.md has the measurements. 0 disables streaming.
var streamingThreshold = largestCache() / 4 * 3

// largestCache returns the size in bytes of the largest cache, the L3 where
// there is one, or 0 when cpuid does not know it.
func largestCache() int {
	for _, c := range []int{cpuid.CPU.Cache.L3, cpuid.CPU.Cache.L2} {
		if c > 0 {
			return c
		}
	}
	return 0
}
