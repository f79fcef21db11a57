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
// the last chunk: a few microseconds of wake-up and hand-off, which has to be
// small next to the work saved. At 64Ki floats (256 KiB of dst, 512 KiB to
// 768 KiB touched, beyond L2 on most cores) one kernel call takes about
// 15-40 µs on one core, so a second worker saves 8-20 µs and pays for the
// hand-off; PyTorch uses 32Ki elements for its elementwise kernels, XNNPACK
// 16 KiB tiles. BenchmarkParallelSplitCost measures the crossover on a
// machine: the split forced at every length against the inline call.
const parallelGrain = 64 << 10

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

// lineBytes is the cache-line size the chunks of a split are aligned to;
// lineFloats the number of float32s in one.
const (
	lineBytes  = 64
	lineFloats = lineBytes / 4
)

// Parallel runs the kernels of this package on large slices with several
// goroutines. Create one with [NewParallel]; it is safe for concurrent use by
// any number of goroutines. Its methods take the same arguments, check them
// the same way (a panic comes from the caller's goroutine, naming the method
// and the lengths) and give the same bits as the package functions: every
// element is computed by the same kernel of the same path, whichever
// goroutine computes it, and the decision to stream dst past the caches is
// made once, from the whole call, as the package functions make it.
//
// A call on fewer than 64Ki elements, or on a runner with one worker, runs on
// the caller's goroutine with no synchronisation at all. A longer call is cut
// into chunks of 16Ki to 64Ki elements on 64-byte cache-line boundaries of
// dst (so two goroutines never write the same line when dst is 4-byte
// aligned); the caller wakes up to Workers()-1 goroutines, and they and the
// caller claim chunks until none is left. The caller never waits for a
// goroutine that has not started: only for the chunks in progress. When
// every slot of the runner is taken by other concurrent calls, a call runs
// on its caller's goroutine instead of waiting. No call allocates.
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
	minChunk int // parallelMinChunk; tests lower grain and minChunk

	jobs    chan *slot // calls to help with, for the worker goroutines
	free    chan *slot // the slots not in use; Close drains it
	slots   []slot     // one per concurrent split call
	exited  *sync.WaitGroup
	once    sync.Once
	cleanup runtime.Cleanup
}

// slot is the state of one split call, shared by the caller and the
// goroutines it woke. Chunk c covers [bound(c), bound(c+1)).
type slot struct {
	j      job   // the whole call
	n      int   // len(j.dst)
	head   int   // the first element of dst that starts a cache line (0 to 15)
	chunk  int   // elements per chunk, a multiple of lineFloats
	chunks int64 // number of chunks

	next     atomic.Int64  // the next chunk to claim
	done     atomic.Int64  // chunks finished
	refs     atomic.Int32  // the caller and the woken goroutines not yet done with the slot
	finished chan struct{} // capacity 1: a worker that finishes the last chunk tells the caller
	free     chan *slot    // the runner's free list, where the last holder puts the slot back
}

// bound returns the first element of chunk c (c <= chunks): 0 for the
// first, then head + c*chunk, on a line of dst, and n for the end.
func (s *slot) bound(c int64) int {
	if c == 0 {
		return 0
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
		piece := s.j.sub(s.bound(c), s.bound(c+1))
		piece.do()
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

// jobKind names the kernel a job runs.
type jobKind uint8

const (
	jobReLU jobKind = iota
	jobLeakyReLU
	jobReLUGrad
	jobLeakyReLUGrad
)

// job is a call, or one chunk of it: a kernel, its slices (cut to the
// chunk by sub), and the streaming decision of the whole call.
//
// Adding a kernel is one jobKind, one case in do, and, when it takes more
// slices or other parameters, fields here and in sub. The layer kernels of
// issue 12 will split as follows, so that results stay bit-identical:
//   - BiasReLU, BiasLeakyReLU and PReLU (elementwise, one parameter per
//     column): by elements, as the four kernels, on the same cache-line
//     chunks. bias and slope go whole into every chunk, with the column of
//     the chunk's first element (lo % cols) as a field, so that a chunk may
//     start mid-row; each element is the same single operation whoever
//     computes it.
//   - ReLUGradBias, LeakyReLUGradBias and PReLUGrad (a column sum into dbias
//     or dslope): by columns. The chunk plan is made over cols, not over
//     len(dst): each chunk is a column range [j0, j1) over all rows (fields
//     j0, j1, cols; the kernel steps the rows with stride cols), j0 and j1
//     on 64-byte lines of dbias, so every dbias[j] is summed by one
//     goroutine, in row order, exactly as the single-threaded call sums it,
//     and two goroutines never write the same line of dbias. The grain then
//     counts rows*cols, and a call with cols < 2*lineFloats runs inline.
type job struct {
	kind   jobKind
	stream bool
	alpha  float32
	dst    []float32
	a      []float32 // src, or grad
	b      []float32 // x; nil for the forward kernels
}

// do runs j on the current goroutine.
func (j *job) do() {
	switch j.kind {
	case jobReLU:
		reluChunks(j.dst, j.a, j.stream)
	case jobLeakyReLU:
		leakyReLUChunks(j.dst, j.a, j.alpha, j.stream)
	case jobReLUGrad:
		reluGradChunks(j.dst, j.a, j.b, j.stream)
	case jobLeakyReLUGrad:
		leakyReLUGradChunks(j.dst, j.a, j.b, j.alpha, j.stream)
	}
}

// sub returns the piece [lo, hi) of j.
func (j *job) sub(lo, hi int) job {
	s := *j
	s.dst = j.dst[lo:hi:hi]
	s.a = j.a[lo:hi:hi]
	if j.b != nil {
		s.b = j.b[lo:hi:hi]
	}
	return s
}

// NewParallel returns a runner with the given number of workers, the
// caller's goroutine included: it starts workers-1 goroutines. 0 means
// runtime.GOMAXPROCS(0) at the time of the call; 1 runs every call on the
// caller's goroutine. A negative count panics.
func NewParallel(workers int) *Parallel {
	if workers < 0 {
		panic("kernels.NewParallel: workers=" + strconv.Itoa(workers) + ": must be >= 0 (0 means GOMAXPROCS)")
	}
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := &Parallel{workers: workers, grain: int(^uint(0) >> 1)}
	if workers == 1 {
		return p
	}
	p.grain = parallelGrain
	p.minChunk = parallelMinChunk
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

// ReLU is [ReLU], run on p's workers.
func (p *Parallel) ReLU(dst, src []float32) {
	if len(dst) != len(src) || overlapsPartially(dst, src) {
		panicUnary("kernels.(*Parallel).ReLU", dst, src)
	}
	if raceEnabled {
		raceRead(src)
		raceWrite(dst)
	}
	stream := streams(len(dst), 8, unsafe.SliceData(dst) != unsafe.SliceData(src))
	if len(dst) < p.grain {
		reluChunks(dst, src, stream)
		return
	}
	p.split(job{kind: jobReLU, stream: stream, dst: dst, a: src})
}

// LeakyReLU is [LeakyReLU], run on p's workers.
func (p *Parallel) LeakyReLU(dst, src []float32, alpha float32) {
	if len(dst) != len(src) || overlapsPartially(dst, src) {
		panicUnary("kernels.(*Parallel).LeakyReLU", dst, src)
	}
	if raceEnabled {
		raceRead(src)
		raceWrite(dst)
	}
	stream := streams(len(dst), 8, unsafe.SliceData(dst) != unsafe.SliceData(src))
	if len(dst) < p.grain {
		leakyReLUChunks(dst, src, alpha, stream)
		return
	}
	p.split(job{kind: jobLeakyReLU, stream: stream, alpha: alpha, dst: dst, a: src})
}

// ReLUGrad is [ReLUGrad], run on p's workers.
func (p *Parallel) ReLUGrad(dst, grad, x []float32) {
	if len(dst) != len(grad) || len(dst) != len(x) || overlapsPartially(dst, grad) || overlapsPartially(dst, x) {
		panicBinary("kernels.(*Parallel).ReLUGrad", dst, grad, x)
	}
	if raceEnabled {
		raceRead(grad)
		raceRead(x)
		raceWrite(dst)
	}
	d := unsafe.SliceData(dst)
	stream := streams(len(dst), 12, d != unsafe.SliceData(grad) && d != unsafe.SliceData(x))
	if len(dst) < p.grain {
		reluGradChunks(dst, grad, x, stream)
		return
	}
	p.split(job{kind: jobReLUGrad, stream: stream, dst: dst, a: grad, b: x})
}

// LeakyReLUGrad is [LeakyReLUGrad], run on p's workers.
func (p *Parallel) LeakyReLUGrad(dst, grad, x []float32, alpha float32) {
	if len(dst) != len(grad) || len(dst) != len(x) || overlapsPartially(dst, grad) || overlapsPartially(dst, x) {
		panicBinary("kernels.(*Parallel).LeakyReLUGrad", dst, grad, x)
	}
	if raceEnabled {
		raceRead(grad)
		raceRead(x)
		raceWrite(dst)
	}
	d := unsafe.SliceData(dst)
	stream := streams(len(dst), 12, d != unsafe.SliceData(grad) && d != unsafe.SliceData(x))
	if len(dst) < p.grain {
		leakyReLUGradChunks(dst, grad, x, alpha, stream)
		return
	}
	p.split(job{kind: jobLeakyReLUGrad, stream: stream, alpha: alpha, dst: dst, a: grad, b: x})
}

// split runs j in chunks, claimed by the caller and the goroutines it
// wakes. With no free slot (other calls hold them all, or p is closed, or p
// is the zero Parallel) or a single chunk, it runs j inline.
func (p *Parallel) split(j job) {
	var s *slot
	select {
	case s = <-p.free:
	default:
		j.do()
		return
	}
	n := len(j.dst)
	head, chunk, chunks := chunkPlan(uintptr(unsafe.Pointer(unsafe.SliceData(j.dst))), n, p.workers, p.minChunk)
	if chunks < 2 {
		p.free <- s
		j.do()
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
