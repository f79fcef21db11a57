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
// past L2 is bound by: below 1Mi elements (4 MiB of dst), two workers lose
// to one. BenchmarkParallelSplitCost measures the crossover on a machine:
// the split forced at every length against the inline call; docs/tuning.md
// has the measurements behind the grain.
const defaultParallelGrain = 1 << 20

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

// parallelMinCols is the narrowest column range of a split layer gradient
// (the kernels with column sums), in columns. A worker runs
// its range row after row, one kernel call per row, so it reads and writes
// memory in pieces of width floats at a stride of cols floats, and the
// narrower the pieces, the worse the hardware prefetchers do
// (BenchmarkParallelLayerColumnWidth measures it; docs/tuning.md has the
// figures). So a split gives each worker one range, as wide as it can be,
// and never narrower than 512 columns: a call with fewer than 1024 columns
// runs on the caller's goroutine.
const parallelMinCols = 512

// lineBytes is the cache-line size the chunks of a split are aligned to;
// lineFloats the number of float32s in one.
const (
	lineBytes  = 64
	lineFloats = lineBytes / 4
)

// Parallel runs the kernels of this package on large slices with several
// goroutines. Create one with [NewParallel]; it is safe for concurrent use by
// any number of goroutines. Its methods are the package functions (the four
// elementwise kernels and the six layer kernels); they take the same
// arguments, check them the same way (a panic comes from the caller's
// goroutine, naming the method and the lengths), report to the race
// detector as the package functions do, and give the same bits as the
// package functions: every element is computed by the same kernel of the
// same path, whichever goroutine computes it, every column sum of a layer
// gradient is added by one goroutine in row order, and the decision to
// stream dst past the caches is made once, from the whole call, as the
// package functions make it.
//
// A call on fewer than 1Mi elements, or on a runner with one worker, runs on
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
//   - The layer gradients (column sums): column ranges over all
//     the rows, one per worker, at least 512 columns wide, starting at
//     multiples of 16 columns; each goroutine adds the rows of its columns
//     into dbias (dslope) in order, one kernel call per row. A call with
//     fewer than 1024 columns cannot be split without changing the order of
//     its additions or reading memory in pieces too short to gain, and runs
//     on the caller's goroutine whatever its length.
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
	j      job   // the whole call
	n      int   // units in the call
	head   int   // the units of chunk 0 beyond chunk: up to the first one on a cache line of dst
	chunk  int   // units per chunk (the last may have fewer, or up to twice as many)
	chunks int64 // number of chunks

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
		s.j.run(s.j.area(s.bound(c), s.bound(c+1)))
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

// area returns the rectangle of j's matrix that the units [lo, hi) of a
// split cover (rows r0 to r1, columns c0 to c1, for job.run): elements of
// the one row of an elementwise call, whole rows of a forward layer
// kernel, or columns over every row of a layer gradient.
//
// The layer kernels split so that results stay bit-identical:
//   - The forward layer kernels (elementwise, one bias or parameter per
//     column): by whole rows, so that every piece is a call of the package
//     function's path on rows of dst with the whole bias or slope; each
//     element is the same single operation whoever computes it.
//   - The layer gradients (a column sum into dbias or dslope): by columns. A piece is a column range [lo, hi) over all
//     rows, run row after row, one single-row kernel call on
//     dst[r*cols+lo : r*cols+hi] and dbias[lo:hi] each, so every dbias[j]
//     is summed by one goroutine, in row order, exactly as the
//     single-threaded call sums it (the kernels vectorise across columns
//     and take the rows in order, so a row cut into column ranges adds the
//     same values in the same order), and lo and hi are multiples of 16
//     columns, so that two goroutines never write the same line of dbias
//     when it is 64-byte aligned. job.run groups the rows into chunks of
//     about chunkLen elements, each a preemption point.
func (j *job) area(lo, hi int) (r0, r1, c0, c1 int) {
	switch {
	case j.kind.byColumns():
		return 0, j.rows(), lo, hi
	case j.kind.byRows():
		return lo, hi, 0, j.cols
	}
	return 0, 1, lo, hi
}

// runInline runs the whole of j on the caller's goroutine, chunk by chunk.
func (j *job) runInline() { j.run(0, j.rows(), 0, j.cols) }

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
	if len(j.dst) < p.grain || len(j.dst) == 0 || (j.kind.byColumns() && j.cols < 2*p.minCols) {
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
	case j.kind.byColumns():
		n = j.cols
		head, chunk, chunks = columnPlan(n, p.workers, p.minCols)
	case j.kind.byRows():
		n = len(j.dst) / j.cols
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
	s.release()
}

// chunkPlan cuts n elements of a dst that starts at address base into
// chunks: about four per worker, between minChunk and parallelMaxChunk
// elements, a multiple of lineFloats. Every chunk but the first starts at
// element head + c*chunk, where head is the first element that starts a
// 64-byte line of dst; for a dst that is not 4-byte aligned no element starts
// a line, and head is the first element that starts after a line boundary
// (neighbouring chunks then share one line, and at most 3 bytes of it).
func chunkPlan(base uintptr, n, workers, minChunk int) (head, chunk, chunks int) {
	head = int((lineBytes-base%lineBytes)%lineBytes+3) / 4
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
// c*chunk, head the first row on a line; otherwise (dst not 4-byte aligned,
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
	if base%4 == 0 {
		for r := 0; r < period && r < rows; r++ {
			if (base+4*uintptr(r)*uintptr(cols))%lineBytes == 0 {
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

// columnPlan cuts cols columns into ranges for the layer gradients: one per
// worker (see parallelMinCols: narrow ranges cost more than the finer
// balance of several chunks per worker gains), at least minCols columns and
// a multiple of lineFloats each, starting at multiples of the width; the
// last takes the rest, less than twice the width, rather than leave a
// narrow range.
func columnPlan(cols, workers, minCols int) (head, chunk, chunks int) {
	chunk = max(cols/workers, minCols) &^ (lineFloats - 1)
	chunk = max(chunk, lineFloats)
	return 0, chunk, max(1, cols/chunk)
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
