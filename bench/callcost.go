package bench

import "testing"

// # Fixed cost per call
//
// At small n a call costs more than its work: the call itself, the
// argument checks (lengths, overlap), the chunk and path decisions, the
// jump to the kernel and its setup and VZEROUPPER. The call-cost cases time
// one call on the same few elements (hot data, out of place) at n = 0, 1,
// 16, 64 and 256, in nanoseconds per call, for each row of the
// implementation table (its kernel called directly: no checks), the public
// functions (checks, then the same kernel), copy() and an empty function
// (the harness), and, when the optional C peers are built (CPeer), a C
// AVX2 loop in the XNNPACK style called from C.

// CallSizes are the element counts of the call-cost cases.
var CallSizes = []int{0, 1, 16, 64, 256}

// CallContenders returns the contenders of the call-cost cases, in report
// order: the rows of the implementation table available here, the public
// functions, the C loop when built, copy() and the empty function.
func CallContenders() []Contender {
	var cs []Contender
	for _, c := range Contenders() {
		if c.Role == Path || c.Role == Public {
			cs = append(cs, c)
		}
	}
	if CPeer != nil {
		cs = append(cs, *CPeer)
	}
	return append(cs, copyContender, *Floor)
}

// CPeer is the C AVX2 loop (XNNPACK style, gcc -O3 -mavx2), set by a file
// built only with the cpeers build tag and cgo on amd64: nil otherwise. Its
// repeat function runs the kernel reps times inside C, so that the cgo call
// is paid once per measurement and each call is a plain C call.
var CPeer *Contender

// RunCall is the timed body of one call-cost case: contender c computing
// kernel k on the same n elements every call (n may be 0), out of place.
// ns/op is the cost of one call.
func RunCall(b *testing.B, k Kernel, c *Contender, n int) {
	if n < 0 {
		b.Fatalf("bench.RunCall: n = %d", n)
	}
	src, grad, dst := Buffers(max(n, 1))
	src, grad, dst = src[:n], grad[:n], dst[:n]
	b.ReportAllocs()
	if c.repeat != nil {
		b.ResetTimer()
		c.repeat(k, dst, grad, src, b.N)
		return
	}
	switch k {
	case ReLU:
		f := c.ReLU
		for b.Loop() {
			f(dst, src)
		}
	case LeakyReLU:
		f := c.LeakyReLU
		for b.Loop() {
			f(dst, src, Alpha)
		}
	case ReLUGrad:
		f := c.ReLUGrad
		for b.Loop() {
			f(dst, grad, src)
		}
	case LeakyReLUGrad:
		f := c.LeakyReLUGrad
		for b.Loop() {
			f(dst, grad, src, Alpha)
		}
	}
}
