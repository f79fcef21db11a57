package kernels

import (
	"runtime"
	"strconv"
	"sync"
	"unsafe"
)

// parallelGrain is the length in elements below which a Parallel call runs
// on its caller's goroutine. A split hands pieces to parked goroutines and
// waits for them: a few microseconds of wake-up and hand-off, which has to be
// small next to the work saved. At 64Ki floats (256 KiB of dst, 512 KiB to
// 768 KiB touched, beyond L2 on most cores) one kernel call takes about
// 15-40 µs on one core, so two workers save 8-20 µs and the hand-off is paid
// back; PyTorch uses 32Ki elements for its elementwise kernels, XNNPACK
// 16 KiB tiles. BenchmarkParallelSplitCost measures the crossover on a
// machine (see the README section).
const parallelGrain = 64 << 10

// lineBytes is the cache-line size the pieces of a split are aligned to.
const lineBytes = 64

// Parallel runs the kernels of this package on large slices with several
// goroutines. Create one with [NewParallel]; it is safe for concurrent use by
// any number of goroutines. Its methods take the same arguments, check them
// the same way (a panic comes from the caller's goroutine, naming the method
// and the lengths) and give the same bits as the package functions: every
// element is computed by the same kernel of the same path, whichever worker
// computes it, and the decision to stream dst past the caches is made once,
// from the whole call, as the package functions make it.
//
// A call on fewer than 64Ki elements, or on a runner with one worker, runs on
// the caller's goroutine with no synchronisation at all. A longer call is cut
// into at most Workers() pieces of at least 32Ki elements, on 64-byte
// cache-line boundaries of dst (so two workers never write the same line
// when dst is 4-byte aligned), the caller computes one piece itself and
// waits for the others. When every slot of the runner is taken by other
// concurrent calls, a call runs on its caller's goroutine instead of
// waiting. No call allocates.
//
// Unlike the package functions, the methods hand the slices to other
// goroutines, so the compiler moves arrays passed to them to the heap (a
// slice long enough to gain from a split is on the heap anyway).
//
// Close stops the goroutines. After Close, every call runs on its caller's
// goroutine, with the same results. A runner that becomes unreachable
// without Close stops its goroutines when the garbage collector frees it.
type Parallel struct {
	workers int
	grain   int // below it, a call runs inline: parallelGrain, or maxInt for one worker
	piece   int // the least length of a piece: grain/2

	jobs    chan job   // pieces for the worker goroutines
	free    chan *slot // the slots not in use; Close drains it
	slots   []slot     // one per concurrent split call
	exited  *sync.WaitGroup
	once    sync.Once
	cleanup runtime.Cleanup
}

// slot holds what one split call waits on.
type slot struct {
	wg sync.WaitGroup
}

// jobKind names the kernel a job runs.
type jobKind uint8

const (
	jobReLU jobKind = iota
	jobLeakyReLU
	jobReLUGrad
	jobLeakyReLUGrad
)

// job is one piece of a call: a kernel, its slices cut to the piece, and the
// streaming decision of the whole call.
//
// Adding a kernel is one jobKind, one case in do, and, when it takes more
// slices or other parameters, fields here and in sub. The layer kernels of
// issue 12 split as follows, so that results stay bit-identical:
//   - BiasReLU, BiasLeakyReLU and PReLU (elementwise, per column parameter):
//     by rows, the pieces on whole rows (cols field; bias and slope whole in
//     every piece); a piece boundary then also falls on a cache line when
//     cols is a multiple of 16 and dst is aligned.
//   - ReLUGradBias, LeakyReLUGradBias and PReLUGrad (a column sum into dbias
//     or dslope): by columns. Each piece is a column range [j0, j1) over all
//     rows (fields j0, j1, cols; the kernel steps the rows with stride cols),
//     with j0 and j1 multiples of 16 floats, so every dbias[j] is summed by
//     one worker, in row order, exactly as the single-threaded call sums it,
//     and two workers never write the same line of dbias. With cols < 32
//     the call runs inline (one piece).
type job struct {
	kind   jobKind
	stream bool
	alpha  float32
	dst    []float32
	a      []float32 // src, or grad
	b      []float32 // x; nil for the forward kernels
	wg     *sync.WaitGroup
}

// do runs j on the current goroutine.
func (j *job) do() {
	switch j.kind {
	case jobReLU:
		reluRange(j.dst, j.a, j.stream)
	case jobLeakyReLU:
		leakyReLURange(j.dst, j.a, j.alpha, j.stream)
	case jobReLUGrad:
		reluGradRange(j.dst, j.a, j.b, j.stream)
	case jobLeakyReLUGrad:
		leakyReLUGradRange(j.dst, j.a, j.b, j.alpha, j.stream)
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
	p.piece = parallelGrain / 2
	// As many slots as workers: that many calls may split at once, each
	// queueing workers-1 pieces, so the job queue never blocks a caller.
	nslots := workers
	p.jobs = make(chan job, nslots*(workers-1))
	p.free = make(chan *slot, nslots)
	p.slots = make([]slot, nslots)
	for i := range p.slots {
		p.free <- &p.slots[i]
	}
	p.exited = new(sync.WaitGroup)
	p.exited.Add(workers - 1)
	for range workers - 1 {
		go work(p.jobs, p.exited)
	}
	// The workers reference the channel, never p: when p becomes unreachable
	// no call can be in flight, and closing the channel stops them.
	p.cleanup = runtime.AddCleanup(p, func(jobs chan job) { close(jobs) }, p.jobs)
	return p
}

func work(jobs <-chan job, exited *sync.WaitGroup) {
	defer exited.Done()
	for j := range jobs {
		j.do()
		j.wg.Done()
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
		// Taking every slot waits for the split calls in flight, and leaves
		// none for later calls, which then run inline.
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
	stream := streams(8*len(dst), unsafe.SliceData(dst) != unsafe.SliceData(src))
	if len(dst) < p.grain {
		reluRange(dst, src, stream)
		return
	}
	p.split(job{kind: jobReLU, stream: stream, dst: dst, a: src})
}

// LeakyReLU is [LeakyReLU], run on p's workers.
func (p *Parallel) LeakyReLU(dst, src []float32, alpha float32) {
	if len(dst) != len(src) || overlapsPartially(dst, src) {
		panicUnary("kernels.(*Parallel).LeakyReLU", dst, src)
	}
	stream := streams(8*len(dst), unsafe.SliceData(dst) != unsafe.SliceData(src))
	if len(dst) < p.grain {
		leakyReLURange(dst, src, alpha, stream)
		return
	}
	p.split(job{kind: jobLeakyReLU, stream: stream, alpha: alpha, dst: dst, a: src})
}

// ReLUGrad is [ReLUGrad], run on p's workers.
func (p *Parallel) ReLUGrad(dst, grad, x []float32) {
	if len(dst) != len(grad) || len(dst) != len(x) || overlapsPartially(dst, grad) || overlapsPartially(dst, x) {
		panicBinary("kernels.(*Parallel).ReLUGrad", dst, grad, x)
	}
	d := unsafe.SliceData(dst)
	stream := streams(12*len(dst), d != unsafe.SliceData(grad) && d != unsafe.SliceData(x))
	if len(dst) < p.grain {
		reluGradRange(dst, grad, x, stream)
		return
	}
	p.split(job{kind: jobReLUGrad, stream: stream, dst: dst, a: grad, b: x})
}

// LeakyReLUGrad is [LeakyReLUGrad], run on p's workers.
func (p *Parallel) LeakyReLUGrad(dst, grad, x []float32, alpha float32) {
	if len(dst) != len(grad) || len(dst) != len(x) || overlapsPartially(dst, grad) || overlapsPartially(dst, x) {
		panicBinary("kernels.(*Parallel).LeakyReLUGrad", dst, grad, x)
	}
	d := unsafe.SliceData(dst)
	stream := streams(12*len(dst), d != unsafe.SliceData(grad) && d != unsafe.SliceData(x))
	if len(dst) < p.grain {
		leakyReLUGradRange(dst, grad, x, alpha, stream)
		return
	}
	p.split(job{kind: jobLeakyReLUGrad, stream: stream, alpha: alpha, dst: dst, a: grad, b: x})
}

// split runs j in pieces: the caller's goroutine takes the first, the
// workers the others. With no free slot (other calls hold them all, or p is
// closed, or p is the zero Parallel) it runs j inline.
func (p *Parallel) split(j job) {
	var s *slot
	select {
	case s = <-p.free:
	default:
		j.do()
		return
	}
	n := len(j.dst)
	pieces := min(p.workers, n/max(p.piece, 1))
	if pieces < 2 {
		p.free <- s
		j.do()
		return
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(j.dst)))
	s.wg.Add(pieces - 1)
	first := splitPoint(base, n, pieces, 1)
	lo := first
	for i := 2; i <= pieces; i++ {
		hi := splitPoint(base, n, pieces, i)
		piece := j.sub(lo, hi)
		piece.wg = &s.wg
		p.jobs <- piece
		lo = hi
	}
	mine := j.sub(0, first)
	mine.do()
	s.wg.Wait()
	p.free <- s
}

// splitPoint returns the end of piece i (1 <= i <= pieces) of a call on n
// elements whose dst starts at address base: n for the last piece, else the
// element nearest to i*n/pieces that starts a 64-byte line of dst (for a dst
// that is not 4-byte aligned, no element starts a line: then the first
// element that starts after a line boundary, so neighbours share one line,
// and at most 3 bytes of it). The ends increase with i when every piece
// spans more than a line.
func splitPoint(base uintptr, n, pieces, i int) int {
	if i >= pieces {
		return n
	}
	const perLine = lineBytes / 4
	head := int((lineBytes-base%lineBytes)%lineBytes+3) / 4 // the first element at or after a line start
	target := (n/pieces)*i + (n%pieces)*i/pieces            // i*n/pieces without overflow
	if target <= head {
		return min(head, n)
	}
	b := head + (target-head+perLine/2)/perLine*perLine
	return min(b, n)
}
