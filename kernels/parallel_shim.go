package kernels

// TEMPORARY: replaced at merge by the chunked loops of kernels.go.
//
// The parallel runner (parallel.go) calls one function per kernel on a
// sub-range of the call, with the streaming decision made once, from the
// whole call (interface.md point 4). The chunked loops that take that
// decision as a parameter live in kernels.go on another branch; until they
// are merged, these shims stand in for them: they ignore stream and call the
// active path's glue function on the whole range (whose assembly, today,
// still decides to stream by itself). At merge, delete this file and rename
// the calls in parallel.go to the chunk loops' names.

func reluRange(dst, src []float32, stream bool) { relu(dst, src) }

func leakyReLURange(dst, src []float32, alpha float32, stream bool) { leakyReLU(dst, src, alpha) }

func reluGradRange(dst, grad, x []float32, stream bool) { reluGrad(dst, grad, x) }

func leakyReLUGradRange(dst, grad, x []float32, alpha float32, stream bool) {
	leakyReLUGrad(dst, grad, x, alpha)
}

// streams reports whether a call that touches bytes bytes (dst and its
// inputs together) writes dst with non-temporal stores: out of place only,
// and from streamingThreshold on (0 disables streaming).
func streams(bytes int, outOfPlace bool) bool {
	return streamingThreshold > 0 && outOfPlace && bytes >= streamingThreshold
}
