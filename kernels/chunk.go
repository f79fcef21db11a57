package kernels

import "unsafe"

// Long calls are split into chunks.
//
// Go never preempts a goroutine inside an assembly function: a kernel call
// over 2^28 floats would hold off every stop-the-world (a GC cycle starts
// and ends with one) for its full duration, hundreds of milliseconds, and
// with it every goroutine of the program. So the public functions hand the
// kernels at most chunkLen elements at a time, each chunk from a Go call of
// its own, where the scheduler can preempt the goroutine (see reluChunk), as
// the runtime itself clears large memory in chunks. Measured on a 2-core VM
// with a goroutine looping over 2^27-element LeakyReLU calls: the worst GC
// stop went from about 400-540 ms to 4-17 ms. A chunk of 64Ki floats is 256 KiB of dst (512 KiB touched by the
// forward kernels, 768 KiB by the gradients), tens of microseconds even
// from DRAM, and long enough that the loop costs nothing measurable.
//
// Whether a call streams (writes dst with non-temporal stores, on the paths
// that have them) is decided once, from the whole call, before the chunks:
// a chunk is always far below streamingThreshold, and in place or not is a
// property of the call.

// chunkLen is the most elements one kernel call gets from the public
// functions: a multiple of 16 floats (the widest vector), so that every chunk
// but the last is a whole number of vectors. A variable, so that tests can
// lower it; it must stay > 0.
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

// The long-call helpers: never inlined, so that the public functions stay
// small and their short path has no extra call. Each decides streaming once
// from the whole call, then runs the chunk loop.

//go:noinline
func reluLong(dst, src []float32) {
	reluChunks(dst, src, streams(len(dst), 8, !same(dst, src)))
}

//go:noinline
func leakyReLULong(dst, src []float32, alpha float32) {
	leakyReLUChunks(dst, src, alpha, streams(len(dst), 8, !same(dst, src)))
}

//go:noinline
func reluGradLong(dst, grad, x []float32) {
	reluGradChunks(dst, grad, x, streams(len(dst), 12, !same(dst, grad) && !same(dst, x)))
}

//go:noinline
func leakyReLUGradLong(dst, grad, x []float32, alpha float32) {
	leakyReLUGradChunks(dst, grad, x, alpha, streams(len(dst), 12, !same(dst, grad) && !same(dst, x)))
}

// The chunk loops run the active path over valid arguments (checked by the
// caller), chunkLen elements at a time, with the stream decision given: a
// parallel runner can call them on a sub-range of a call with the decision
// made from the whole call.

func reluChunks(dst, src []float32, stream bool) {
	src = src[:len(dst)]
	for len(dst) > 0 {
		n := min(len(dst), chunkLen)
		reluChunk(dst[:n], src[:n], stream)
		dst, src = dst[n:], src[n:]
	}
}

func leakyReLUChunks(dst, src []float32, alpha float32, stream bool) {
	src = src[:len(dst)]
	for len(dst) > 0 {
		n := min(len(dst), chunkLen)
		leakyReLUChunk(dst[:n], src[:n], alpha, stream)
		dst, src = dst[n:], src[n:]
	}
}

func reluGradChunks(dst, grad, x []float32, stream bool) {
	grad, x = grad[:len(dst)], x[:len(dst)]
	for len(dst) > 0 {
		n := min(len(dst), chunkLen)
		reluGradChunk(dst[:n], grad[:n], x[:n], stream)
		dst, grad, x = dst[n:], grad[n:], x[n:]
	}
}

func leakyReLUGradChunks(dst, grad, x []float32, alpha float32, stream bool) {
	grad, x = grad[:len(dst)], x[:len(dst)]
	for len(dst) > 0 {
		n := min(len(dst), chunkLen)
		leakyReLUGradChunk(dst[:n], grad[:n], x[:n], alpha, stream)
		dst, grad, x = dst[n:], grad[n:], x[n:]
	}
}

// The per-chunk calls. Each is a separate Go function that is never inlined,
// and calls the assembly: so it is not a leaf, and its prologue checks the
// stack bound, which is how a goroutine running the chunk loop notices a
// preemption request (the runtime sets the bound to make the next check
// fail). Without it the loop would hardly ever stop: the loop itself has no
// such check, and the asynchronous preemption signal nearly always lands
// inside the assembly, where the runtime must not stop a goroutine, so the
// stop-the-world would still wait for the whole call.

//go:noinline
func reluChunk(dst, src []float32, stream bool) {
	if chunkHook != nil {
		chunkHook(len(dst), stream)
	}
	if stream {
		reluStream(dst, src)
	} else {
		relu(dst, src)
	}
}

//go:noinline
func leakyReLUChunk(dst, src []float32, alpha float32, stream bool) {
	if chunkHook != nil {
		chunkHook(len(dst), stream)
	}
	if stream {
		leakyReLUStream(dst, src, alpha)
	} else {
		leakyReLU(dst, src, alpha)
	}
}

//go:noinline
func reluGradChunk(dst, grad, x []float32, stream bool) {
	if chunkHook != nil {
		chunkHook(len(dst), stream)
	}
	if stream {
		reluGradStream(dst, grad, x)
	} else {
		reluGrad(dst, grad, x)
	}
}

//go:noinline
func leakyReLUGradChunk(dst, grad, x []float32, alpha float32, stream bool) {
	if chunkHook != nil {
		chunkHook(len(dst), stream)
	}
	if stream {
		leakyReLUGradStream(dst, grad, x, alpha)
	} else {
		leakyReLUGrad(dst, grad, x, alpha)
	}
}
