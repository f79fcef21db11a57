package bench

import (
	"math"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/fastrelu/fastrelu/kernels"
)

// # Peer libraries
//
// The peer cases compare package kernels with the C libraries a Go user
// would otherwise call through cgo, each on its own buffers and on one
// thread: oneDNN's eltwise primitives and XNNPACK's elementwise operators
// (files behind the build tag peers, which need cgo and the Debian packages
// libdnnl-dev, libxnnpack-dev and libpthreadpool-dev), and a float32 loop
// over package math for the smooth functions:
//
//	go test -tags peers -run '^$' -bench 'Peer' -count 6 ./bench > peers.txt
//	benchstat -col /impl -row /fn -filter '/n:4096' peers.txt
//
// Names read BenchmarkPeer/fn=HardSwish/impl=onednn/n=4096 (the functions
// package kernels has) and BenchmarkPeerSmooth/fn=GELU/impl=gomath/n=4096;
// every case is hot (the same n inputs every call) and also reports
// ns/elem. A library's setup (a primitive, an operator) is made once per
// function and size, before the timed loop, so that only the computation
// on the caller's slices is timed, as a program that keeps its primitives
// pays it. None of the peers is exact where the contract is strict (NaN,
// -0, the kinks): TestPeers holds them to ordinary values with a
// tolerance.

// PeerFunc is an elementwise function the peers are compared on.
type PeerFunc struct {
	Name string
	// Gradient marks a backward function: dst = grad * f'(x).
	Gradient bool
	// Want is the exact value in float64, the tests' reference: g is the
	// incoming gradient (forward functions ignore it).
	Want func(g, x float64) float64
}

// HardPeerFuncs are the functions package kernels has, forward then
// backward; LeakyReLU's slope is Alpha.
var HardPeerFuncs = []PeerFunc{
	{Name: "ReLU", Want: func(_, x float64) float64 { return max(x, 0) }},
	{Name: "LeakyReLU", Want: func(_, x float64) float64 { return leaky(x, x) }},
	{Name: "ReLU6", Want: func(_, x float64) float64 { return min(max(x, 0), 6) }},
	{Name: "HardSigmoid", Want: func(_, x float64) float64 { return hardSigmoid(x) }},
	{Name: "HardSwish", Want: func(_, x float64) float64 { return x * hardSigmoid(x) }},
	{Name: "HardTanh", Want: func(_, x float64) float64 { return min(max(x, -1), 1) }},
	{Name: "ReLUGrad", Gradient: true, Want: func(g, x float64) float64 { return step(x > 0, g) }},
	{Name: "LeakyReLUGrad", Gradient: true, Want: func(g, x float64) float64 { return leaky(x, g) }},
	{Name: "ReLU6Grad", Gradient: true, Want: func(g, x float64) float64 { return step(x > 0 && x < 6, g) }},
	{Name: "HardTanhGrad", Gradient: true, Want: func(g, x float64) float64 { return step(x > -1 && x < 1, g) }},
	{Name: "HardSigmoidGrad", Gradient: true, Want: func(g, x float64) float64 { return step(x > -3 && x < 3, g/6) }},
	{Name: "HardSwishGrad", Gradient: true, Want: func(g, x float64) float64 {
		switch {
		case x <= -3:
			return 0
		case x >= 3:
			return g
		}
		return g * (2*x + 3) / 6
	}},
}

// SmoothPeerFuncs are the smooth activations, forward: package kernels'
// are correctly rounded (AVX-512 and AVX2 for most, generic Go for the rest
// and on the other architectures: docs/smooth.md). ELU's alpha is
// 1 and GELU is the exact (erf) form; GELUTanh is its tanh approximation.
var SmoothPeerFuncs = []PeerFunc{
	{Name: "Sigmoid", Want: func(_, x float64) float64 { return 1 / (1 + math.Exp(-x)) }},
	{Name: "Tanh", Want: func(_, x float64) float64 { return math.Tanh(x) }},
	{Name: "GELU", Want: func(_, x float64) float64 { return gelu(x) }},
	{Name: "GELUTanh", Want: func(_, x float64) float64 { return geluTanh(x) }},
	{Name: "ELU", Want: func(_, x float64) float64 { return elu(x) }},
	{Name: "Softplus", Want: func(_, x float64) float64 { return softplus(x) }},
	{Name: "Mish", Want: func(_, x float64) float64 { return x * math.Tanh(softplus(x)) }},
	{Name: "SiLU", Want: func(_, x float64) float64 { return x / (1 + math.Exp(-x)) }},
}

func leaky(x, v float64) float64 {
	if x > 0 {
		return v
	}
	return Alpha * v
}

func step(on bool, v float64) float64 {
	if on {
		return v
	}
	return 0
}

func hardSigmoid(x float64) float64 { return min(max(x/6+0.5, 0), 1) }

// gelu is in the erfc form: 1 + erf(x/sqrt2) cancels for negative x.
func gelu(x float64) float64 { return 0.5 * x * math.Erfc(-x*(1/math.Sqrt2)) }

// geluTanh is x/(1+e^-2u) rather than 1 + tanh(u), which cancels for
// negative x.
func geluTanh(x float64) float64 {
	u2 := 2 * math.Sqrt(2/math.Pi) * (x + 0.044715*x*x*x)
	return x / (1 + math.Exp(-u2))
}

func elu(x float64) float64 {
	if x > 0 {
		return x
	}
	return math.Expm1(x)
}

// softplus is log(1 + e^x), without overflow for large x and without
// rounding away the log1p term.
func softplus(x float64) float64 {
	if x <= 0 {
		return math.Log1p(math.Exp(x))
	}
	return x + math.Log1p(math.Exp(-x))
}

// PeerKernel is one peer's version of a PeerFunc for one size: forward
// functions read x and ignore grad.
type PeerKernel func(dst, grad, x []float32)

// Peer is one library measured in the peer cases.
type Peer struct {
	Name string // the impl= value in benchmark names
	Note string // one line for a legend: the library and how it is called

	// Bind returns the peer's kernel for function fn on n elements, after
	// making (once, then cached) whatever the library needs before it can
	// run it, or nil if the peer lacks fn.
	Bind func(fn string, n int) PeerKernel
}

// cPeers are the C libraries, registered by the files behind the build
// tag peers: empty without it.
var cPeers []*Peer

// CPeersBuilt reports whether this build has the C libraries (-tags peers).
func CPeersBuilt() bool { return len(cPeers) > 0 }

// Peers returns the peers this build has, in report order: package kernels,
// the C libraries by name, the Go math loop.
func Peers() []*Peer {
	ps := []*Peer{fastreluPeer}
	c := slices.Clone(cPeers)
	slices.SortFunc(c, func(a, b *Peer) int {
		if a.Name < b.Name {
			return -1
		}
		return 1
	})
	return append(append(ps, c...), goMathPeer)
}

// peerContenders makes each C peer a row of the contender table, with the
// four kernels it has, so that the kernel cases (BenchmarkReLU and the
// others, cold data included) and the report measure it like any rival.
func peerContenders() []Contender {
	var cs []Contender
	for _, p := range Peers() {
		if !slices.Contains(cPeers, p) {
			continue
		}
		c := Contender{Name: p.Name, Role: Rival, Note: p.Note, Approximate: true}
		if f := bindLazily(p, "ReLU"); f != nil {
			c.ReLU = func(dst, src []float32) { f(dst, nil, src) }
		}
		if f := bindLazily(p, "LeakyReLU"); f != nil {
			c.LeakyReLU = func(dst, src []float32, alpha float32) { f(dst, nil, alphaIs(alpha, src)) }
		}
		if f := bindLazily(p, "ReLUGrad"); f != nil {
			c.ReLUGrad = f
		}
		if f := bindLazily(p, "LeakyReLUGrad"); f != nil {
			c.LeakyReLUGrad = func(dst, grad, x []float32, alpha float32) { f(dst, grad, alphaIs(alpha, x)) }
		}
		cs = append(cs, c)
	}
	return cs
}

// alphaIs returns x, after checking that alpha is the slope the peers'
// primitives were made with.
func alphaIs(alpha float32, x []float32) []float32 {
	if alpha != Alpha {
		panic("bench: the peers' LeakyReLU is made for slope bench.Alpha only")
	}
	return x
}

// bindLazily returns p's kernel for fn at whatever length it is called
// with (nothing at length 0), or nil if p lacks fn. It binds again only
// when the length changes, so a timed loop on one size pays one atomic load
// per call, not the peer's cache lookup.
func bindLazily(p *Peer, fn string) PeerKernel {
	if p.Bind(fn, 1) == nil {
		return nil
	}
	type bound struct {
		n int
		f PeerKernel
	}
	var last atomic.Pointer[bound]
	return func(dst, grad, x []float32) {
		n := len(x)
		if n == 0 {
			return
		}
		b := last.Load()
		if b == nil || b.n != n {
			b = &bound{n, p.Bind(fn, n)}
			last.Store(b)
		}
		b.f(dst, grad, x)
	}
}

// fastreluPeer is package kernels' public functions, argument checks
// included, as a user calls them.
var fastreluPeer = &Peer{
	Name: "fastrelu",
	Note: "package kernels' public functions (" + kernels.Implementation() + " path)",
	Bind: func(fn string, _ int) PeerKernel {
		switch fn {
		case "ReLU":
			return func(dst, _, x []float32) { kernels.ReLU(dst, x) }
		case "LeakyReLU":
			return func(dst, _, x []float32) { kernels.LeakyReLU(dst, x, Alpha) }
		case "ReLU6":
			return func(dst, _, x []float32) { kernels.ReLU6(dst, x) }
		case "HardSigmoid":
			return func(dst, _, x []float32) { kernels.HardSigmoid(dst, x) }
		case "HardSwish":
			return func(dst, _, x []float32) { kernels.HardSwish(dst, x) }
		case "ReLUGrad":
			return kernels.ReLUGrad
		case "LeakyReLUGrad":
			return func(dst, grad, x []float32) { kernels.LeakyReLUGrad(dst, grad, x, Alpha) }
		case "ReLU6Grad":
			return kernels.ReLU6Grad
		case "HardTanh":
			return func(dst, _, x []float32) { kernels.HardTanh(dst, x, -1, 1) }
		case "HardTanhGrad":
			return func(dst, g, x []float32) { kernels.HardTanhGrad(dst, g, x, -1, 1) }
		case "HardSigmoidGrad":
			return kernels.HardSigmoidGrad
		case "HardSwishGrad":
			return kernels.HardSwishGrad
		case "Sigmoid":
			return func(dst, _, x []float32) { kernels.Sigmoid(dst, x) }
		case "Tanh":
			return func(dst, _, x []float32) { kernels.Tanh(dst, x) }
		case "GELU":
			return func(dst, _, x []float32) { kernels.GELU(dst, x) }
		case "GELUTanh":
			return func(dst, _, x []float32) { kernels.GELUTanh(dst, x) }
		case "ELU":
			return func(dst, _, x []float32) { kernels.ELU(dst, x, 1) }
		case "Softplus":
			return func(dst, _, x []float32) { kernels.Softplus(dst, x) }
		case "Mish":
			return func(dst, _, x []float32) { kernels.Mish(dst, x) }
		case "SiLU":
			return func(dst, _, x []float32) { kernels.SiLU(dst, x) }
		}
		return nil
	},
}

// PeerSizes are the element counts of the peer cases: one that stays in L1
// and one that does not fit in L2.
var PeerSizes = []int{4096, 1 << 20}

// RunPeer is the timed body of one peer case: kernel f (bound for n) on the
// same n inputs every call, out of place. MB/s counts 8 bytes per element
// forward and 12 backward, as the other cases do; ns/elem is time per
// element.
func RunPeer(b *testing.B, fn PeerFunc, f PeerKernel, n int) {
	src, grad, dst := Buffers(n)
	src, grad = src[:n], grad[:n]
	if !fn.Gradient {
		grad = nil
	}
	bytes := 8
	if fn.Gradient {
		bytes = 12
	}
	b.SetBytes(int64(bytes * n))
	b.ReportAllocs()
	for b.Loop() {
		f(dst, grad, src)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/elem")
}
