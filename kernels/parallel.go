package kernels

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"
)

// parallelGrain is the length in elements below which a Parallel call runs
// on its caller's goroutine. A split wakes parked goroutines and waits for
// the last chunk: microseconds of wake-up and hand-off, which must be small
// next to the work saved, and the workers share the memory bandwidth a call
// past L2 is bound by: at 1Mi elements (4 MiB of dst) two workers broke
// even on one machine and lost to one on another, as two goroutines of
// copy() did there; from 2Mi on they won on both. BenchmarkParallelSplitCost
// measures the crossover on a machine: the split forced at every length
// against the inline call; docs/tuning.md has the measurements behind the
// grain.
const defaultParallelGrain = 2 << 20

// parallelGrain is defaultParallelGrain but for the tests, which run the
// runner at a smaller grain.
var parallelGrain = defaultParallelGrain

// A split call is cut into chunks that the caller and the woken workers
// claim one at a time, so a worker that starts late (its thread not
// scheduled on a busy machine) costs the call nothing but the chunks it does
// not take: the caller goes on claiming. About four chunks per worker,
// between parallelMinChunk and parallelMaxChunk elements, a multiple of a
// cache line of floats.
const (
	parallelMinChunk = 16 << 10 // 64 KiB of dst
	parallelMaxChunk = 64 << 10 // 256 KiB of dst
)

// parallelMinCols is the narrowest column panel of a split layer gradient
// (the kernels with column sums), in columns. A layer gradient splits by
// its blocks of rows (BlockRows); only a call with too few blocks to keep
// the workers busy also cuts its blocks into column panels. A worker runs
// a panel row after row, one kernel call per row, so it reads and writes
// memory in pieces of width floats at a stride of cols floats, and the
// narrower the pieces, the worse the hardware prefetchers do
// (BenchmarkParallelLayerColumnWidth measures it; docs/tuning.md has the
// figures): never narrower than 512 columns.
const parallelMinCols = 512

// lineBytes is the cache-line size the chunks of a split are aligned to;
// lineFloats the number of float32s in one.
const (
	lineBytes  = 64
	lineFloats = lineBytes / int(elemBytes)
)

// Parallel runs the kernels of this package on large slices with several
// goroutines. Create one with [NewParallel]; it is safe for concurrent use by
// any number of goroutines. Its methods are the package functions, the
// elementwise and the layer kernels; they take the same arguments, check them the same way (a panic comes from the caller's
// goroutine, naming the method and the lengths), report to the race
// detector as the package functions do, and give the same bits as the
// package functions: every element is computed by the same kernel of the
// same path, whichever goroutine computes it, every block sum of a layer
// gradient (see [BlockRows]) is added by one goroutine in row order and
// the block sums are added to dbias (dslope) in block order, and the
// decision to stream dst past the caches is made once, from the whole
// call, as the package functions make it.
//
// A call on fewer than 2Mi elements, or on a runner with one worker, runs on
// the caller's goroutine with no synchronisation at all. A longer call is cut
// into chunks; the caller wakes up to Workers()-1 goroutines, and they and
// the caller claim chunks until none is left. The caller never waits for a
// goroutine that has not started: only for the chunks in progress. When
// Workers() other calls are already split across the runner, a call runs
// on its caller's goroutine instead of waiting. No call allocates.
//
// The chunks:
//   - The elementwise kernels: 16Ki to 64Ki elements on
//     64-byte cache-line boundaries of dst (so two goroutines never write
//     the same line when dst is 4-byte aligned).
//   - The forward layer kernels: whole rows, about as many elements
//     as above, starting on cache lines of dst where the row length allows
//     it (always when cols is a multiple of 16 and dst is 64-byte aligned).
//   - The layer gradients (column sums): blocks of [BlockRows] rows, each
//     summed into a block sum of the runner's own (kept for the next call,
//     so that no call allocates once the runner has seen its size); the
//     caller adds the block sums to dbias (dslope) in block order once every
//     block is done. A call with too few blocks to give every worker two
//     also cuts each block into column panels, at least 512 columns wide;
//     a call of one block and fewer than 1024 columns runs on the caller's
//     goroutine.
//
// Unlike the package functions, the methods hand the slices to other
// goroutines, so the compiler moves arrays passed to them to the heap (a
// slice long enough to gain from a split is on the heap anyway).
//
// Close stops the goroutines. After Close, every call runs on its caller's
// goroutine, with the same results. A runner that becomes unreachable
// without Close stops its goroutines when the garbage collector frees it.
// The zero Parallel runs every call on the caller's goroutine.
type Parallel struct {
	workers  int
	grain    int // below it, a call runs inline: parallelGrain, or maxInt for one worker
	minChunk int // parallelMinChunk; tests lower grain, minChunk and minCols
	minCols  int // parallelMinCols

	jobs    chan *slot // calls to help with, for the worker goroutines
	free    chan *slot // the slots not in use; Close drains it
	slots   []slot     // one per concurrent split call
	exited  *sync.WaitGroup
	once    sync.Once
	cleanup runtime.Cleanup
}

// slot is the state of one split call, shared by the caller and the
// goroutines it woke. Chunk c covers [bound(c), bound(c+1)) of the call's
// units: elements of dst for the elementwise kernels, rows for the forward
// layer kernels, columns for the layer gradients (see job.area).
type slot struct {
	j      job       // the whole call
	panels int       // layer gradients: the column panels of a block (units are block*panels + panel)
	width  int       // layer gradients: the columns of a panel (the last may have fewer)
	sums   []float32 // layer gradients: the block sums, cols per block; kept across calls
	n      int       // units in the call
	head   int       // the units of chunk 0 beyond chunk: up to the first one on a cache line of dst
	chunk  int       // units per chunk (the last may have fewer, or up to twice as many)
	chunks int64     // number of chunks

	next     atomic.Int64  // the next chunk to claim
	done     atomic.Int64  // chunks finished
	refs     atomic.Int32  // the caller and the woken goroutines not yet done with the slot
	finished chan struct{} // capacity 1: a worker that finishes the last chunk tells the caller
	free     chan *slot    // the runner's free list, where the last holder puts the slot back
}

// bound returns the first unit of chunk c (c <= chunks): 0 for the first,
// then head + c*chunk, and n for the end.
func (s *slot) bound(c int64) int {
	if c == 0 {
		return 0
	}
	if c >= s.chunks {
		return s.n
	}
	return int(min(int64(s.head)+c*int64(s.chunk), int64(s.n)))
}

// work claims and runs chunks until none is left, and reports whether it
// finished the last chunk of the call.
func (s *slot) work() (last bool) {
	for {
		c := s.next.Add(1) - 1
		if c >= s.chunks {
			return false
		}
		s.runUnits(s.bound(c), s.bound(c+1))
		if s.done.Add(1) == s.chunks {
			return true
		}
	}
}

// release drops one holder; the last clears the call's slices (so the slot
// keeps no caller's memory alive) and returns the slot to the free list.
func (s *slot) release() {
	if s.refs.Add(-1) == 0 {
		s.j = job{}
		s.free <- s
	}
}

// runUnits runs the units [lo, hi) of a split: elements of the one row of
// an elementwise call, whole rows of a forward layer kernel, or a column
// panel of a block of rows of a layer gradient.
//
// The layer kernels split so that results stay bit-identical:
//   - The forward layer kernels (elementwise, one bias or parameter per
//     column): by whole rows, so that every piece is a call of the package
//     function's path on rows of dst with the whole bias or slope; each
//     element is the same single operation whoever computes it.
//   - The layer gradients (a column sum into dbias or dslope): by the
//     blocks of rows that the sums are defined by (BlockRows), each block's
//     sums added up by one goroutine, in row order, into its own part of
//     s.sums, started at -0 as the package function starts them; the
//     caller adds them to dbias in block order (split). A panel is a range
//     of columns of a block, run row after row: the kernels vectorise
//     across columns and take the rows in order, so a row cut into column
//     ranges adds the same values in the same order.
//
// job.run groups the rows into chunks of about chunkLen elements, each a
// preemption point.
func (s *slot) runUnits(lo, hi int) {
	j := &s.j
	switch {
	case j.kind.hasSums():
		for u := lo; u < hi; u++ {
			b, c0 := u/s.panels, (u%s.panels)*s.width
			c1 := c0 + s.width
			if u%s.panels == s.panels-1 {
				c1 = j.cols // the last panel takes the rest
			}
			p := s.sums[b*j.cols+c0 : b*j.cols+c1]
			startSums(p)
			j.run(b*BlockRows, min((b+1)*BlockRows, j.rows), c0, c1, p)
		}
	case j.kind.byRows():
		j.run(lo, hi, 0, j.cols, nil)
	default:
		j.run(0, 1, lo, hi, nil)
	}
}

// runInline runs the whole of j on the caller's goroutine, chunk by chunk.
func (j *job) runInline() {
	if j.kind.hasSums() {
		j.sumsInline()
		return
	}
	j.run(0, j.rows, 0, j.cols, nil)
}

// maxParallelWorkers is the most workers a runner has. Its slots and queue
// take memory that grows with the square of the workers (each of the
// workers slots may wake every other worker), about 8 MiB at this bound,
// and more workers than cores only add goroutines waiting for chunks.
const maxParallelWorkers = 1024

// NewParallel returns a runner with the given number of workers, the
// caller's goroutine included: it starts workers-1 goroutines. 0 means
// runtime.GOMAXPROCS(0) at the time of the call; 1 runs every call on the
// caller's goroutine. A count above 1024 gives a runner with 1024 workers
// (Workers says so). A negative count panics.
func NewParallel(workers int) *Parallel {
	if workers < 0 {
		panic("kernels.NewParallel: workers=" + strconv.Itoa(workers) + ": must be >= 0 (0 means GOMAXPROCS)")
	}
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, maxParallelWorkers)
	p := &Parallel{workers: workers, grain: int(^uint(0) >> 1)}
	if workers == 1 {
		return p
	}
	p.grain = parallelGrain
	p.minChunk = parallelMinChunk
	p.minCols = parallelMinCols
	// As many slots as workers: that many calls may split at once, each
	// waking up to workers-1 goroutines, so the queue never blocks a caller.
	nslots := workers
	p.jobs = make(chan *slot, nslots*(workers-1))
	p.free = make(chan *slot, nslots)
	p.slots = make([]slot, nslots)
	for i := range p.slots {
		s := &p.slots[i]
		s.finished = make(chan struct{}, 1)
		s.free = p.free
		p.free <- s
	}
	p.exited = new(sync.WaitGroup)
	p.exited.Add(workers - 1)
	for range workers - 1 {
		go work(p.jobs, p.exited)
	}
	// The workers and the slots reference the channels, never p: when p
	// becomes unreachable no call can be in flight, and closing the queue
	// stops the workers.
	p.cleanup = runtime.AddCleanup(p, func(jobs chan *slot) { close(jobs) }, p.jobs)
	return p
}

func work(jobs <-chan *slot, exited *sync.WaitGroup) {
	defer exited.Done()
	for s := range jobs {
		if s.work() {
			s.finished <- struct{}{}
		}
		s.release()
	}
}

// Workers returns the number of workers, the caller's goroutine included.
func (p *Parallel) Workers() int { return max(p.workers, 1) }

// Close stops the runner's goroutines and returns once they have exited,
// after the calls in flight have finished. Later calls run on the caller's
// goroutine. Calling Close again does nothing.
func (p *Parallel) Close() {
	p.once.Do(func() {
		if p.jobs == nil {
			return
		}
		// Taking every slot waits for the split calls in flight (and for the
		// goroutines they woke), and leaves none for later calls, which then
		// run inline.
		for range p.slots {
			<-p.free
		}
		p.cleanup.Stop()
		close(p.jobs)
		p.exited.Wait()
	})
}

// run runs j, a call with valid arguments: on the caller's goroutine when
// it is short, or a layer gradient with too few columns to split (see
// parallelMinCols), and split otherwise.
func (p *Parallel) run(j job) {
	j.init()
	n := j.rows * j.cols
	if n < p.grain || n == 0 || (j.kind.hasSums() && j.rows <= BlockRows && j.cols < 2*p.minCols) {
		j.runInline()
		return
	}
	p.split(j)
}

// splitHook, when not nil, is called with the kind, the units and the
// number of chunks of every call that reaches a free slot of a runner:
// tests use it to see that a call split, and how.
var splitHook func(kind jobKind, units, chunks int)

// split runs j in chunks, claimed by the caller and the goroutines it
// wakes. With no free slot (other calls hold them all, or p is closed, or p
// is the zero Parallel) or a single chunk, it runs j inline.
func (p *Parallel) split(j job) {
	var s *slot
	select {
	case s = <-p.free:
	default:
		j.runInline()
		return
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(j.dst)))
	var n, head, chunk, chunks int
	switch {
	case j.kind.hasSums():
		blocks := (j.rows + BlockRows - 1) / BlockRows
		s.panels, s.width = panelPlan(blocks, j.cols, p.workers, p.minCols)
		n = blocks * s.panels
		chunk, chunks = unitPlan(n, j.rows*j.cols/n, p.workers, p.minChunk)
		if need := blocks * j.cols; chunks >= 2 && cap(s.sums) < need {
			s.sums = make([]float32, need)
		}
	case j.kind.byRows():
		n = j.rows
		head, chunk, chunks = rowPlan(base, n, j.cols, p.workers, p.minChunk)
	default:
		n = len(j.dst)
		head, chunk, chunks = chunkPlan(base, n, p.workers, p.minChunk)
	}
	if splitHook != nil {
		splitHook(j.kind, n, chunks)
	}
	if chunks < 2 {
		p.free <- s
		j.runInline()
		return
	}
	s.j, s.n, s.head, s.chunk, s.chunks = j, n, head, chunk, int64(chunks)
	s.next.Store(0)
	s.done.Store(0)
	helpers := min(p.workers-1, chunks-1)
	s.refs.Store(int32(helpers + 1))
	for range helpers {
		p.jobs <- s
	}
	if !s.work() {
		<-s.finished // a worker finishes the last chunk in progress
	}
	if j.kind.hasSums() {
		for b := range n / s.panels {
			addSums(j.sums, s.sums[b*j.cols:(b+1)*j.cols])
		}
	}
	s.release()
}

// chunkPlan cuts n elements of a dst that starts at address base into
// chunks: about four per worker, between minChunk and parallelMaxChunk
// elements, a multiple of lineFloats. Every chunk but the first starts at
// element head + c*chunk, where head is the first element that starts a
// 64-byte line of dst; for a dst that is not aligned to its element size no
// element starts a line, and head is the first element that starts after a
// line boundary (neighbouring chunks then share one line, and less than an
// element of it).
func chunkPlan(base uintptr, n, workers, minChunk int) (head, chunk, chunks int) {
	head = int((lineBytes-base%lineBytes)%lineBytes+elemBytes-1) / int(elemBytes)
	chunk = min(max(n/(4*workers), minChunk), parallelMaxChunk) &^ (lineFloats - 1)
	chunk = max(chunk, lineFloats)
	if n <= head {
		return head, chunk, 1
	}
	return head, chunk, (n - head + chunk - 1) / chunk
}

// rowPlan cuts rows rows of cols elements of a dst that starts at address
// base into chunks of whole rows: about as many elements as chunkPlan's,
// one row at the least. When some row k*cols elements on starts a 64-byte
// line of dst, the chunks are a multiple of the rows that make a whole
// number of lines, and every chunk but the first starts at row head +
// c*chunk, head the first row on a line; otherwise (dst not aligned to its element size,
// or an odd row length on an unlucky address) head is 0 and the boundaries
// fall where they fall: two goroutines may then write one line, which costs
// time, not bits.
func rowPlan(base uintptr, rows, cols, workers, minChunk int) (head, chunk, chunks int) {
	elems := min(max(rows*cols/(4*workers), minChunk), parallelMaxChunk)
	chunk = max(1, elems/cols)
	period := lineFloats / gcd(cols, lineFloats) // rows per whole number of lines
	if chunk >= period {
		chunk -= chunk % period
	}
	if base%elemBytes == 0 {
		for r := 0; r < period && r < rows; r++ {
			if (base+elemBytes*uintptr(r)*uintptr(cols))%lineBytes == 0 {
				head = r
				break
			}
		}
	}
	if rows <= head {
		return head, chunk, 1
	}
	return head, chunk, (rows - head + chunk - 1) / chunk
}

// panelPlan returns the column panels of each block of a layer gradient
// and their width: one panel when there are at least two blocks per
// worker, and otherwise as many as give every worker two units, each at
// least minCols wide and a multiple of lineFloats (the last takes the
// rest).
func panelPlan(blocks, cols, workers, minCols int) (panels, width int) {
	panels = 1
	if blocks < 2*workers {
		panels = max(1, min((2*workers+blocks-1)/blocks, cols/minCols))
	}
	if panels == 1 {
		return 1, cols
	}
	width = (cols / panels) &^ (lineFloats - 1)
	width = max(width, lineFloats)
	return max(1, cols/width), width
}

// unitPlan groups n units of about unitElems elements each into chunks of
// about as many elements as chunkPlan's, one unit at the least.
func unitPlan(n, unitElems, workers, minChunk int) (chunk, chunks int) {
	elems := min(max(n*unitElems/(4*workers), minChunk), parallelMaxChunk)
	chunk = max(1, elems/max(unitElems, 1))
	return chunk, (n + chunk - 1) / chunk
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// runMatrix runs j, a Matrix call with valid arguments, on the views dst,
// in and test.
func (p *Parallel) runMatrix(j job, dst, in, test Matrix) {
	j.setMatrix(dst, in, test)
	p.run(j)
}
