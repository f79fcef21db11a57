// Package bench measures every code path of package kernels against what a
// Go programmer would otherwise use: copy() (the memory roofline), a naive
// Go loop, the experimental simd/archsimd package (with GOEXPERIMENT=simd on
// amd64), github.com/viterin/vek and, with the build tag peers, the C
// libraries oneDNN and XNNPACK through cgo (peers.go).
//
// This file holds the one table of cases, shared by the benchmarks
// (go test -bench . ./bench) and the report command (go run ./bench/report):
// the kernels, the contenders, the sizes, the input data (hot or cold) and
// the timed loop. A case is a kernel, a contender, a Data and a size;
// Measured says which of them exist.
//
// The layer kernels (BiasLeakyReLU and the others) have their own cases at
// the end of this file: a LayerKernel, a LayerContender (a row of the
// implementation table, the public fused function, the unfused way a Go
// user writes it today, or one plain elementwise pass) and a Shape.
package bench

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/kernels"
)

// Kernel is one of the four functions of package kernels.
type Kernel int

const (
	ReLU Kernel = iota
	LeakyReLU
	ReLUGrad
	LeakyReLUGrad
)

// Kernels lists the four kernels in the order they are reported.
var Kernels = []Kernel{ReLU, LeakyReLU, ReLUGrad, LeakyReLUGrad}

// Name is the kernel's name in package kernels ("LeakyReLU").
func (k Kernel) Name() string {
	return [...]string{"ReLU", "LeakyReLU", "ReLUGrad", "LeakyReLUGrad"}[k]
}

func (k Kernel) String() string { return k.Name() }

// Gradient reports whether the kernel reads two inputs (grad and x).
func (k Kernel) Gradient() bool { return k == ReLUGrad || k == LeakyReLUGrad }

// BytesPerElement is what the kernel must move per element: one float32
// read and one written forward (8), two read and one written for the
// gradients (12).
func (k Kernel) BytesPerElement() int {
	if k.Gradient() {
		return 12
	}
	return 8
}

// Sizes are the element counts measured by default: from one that costs
// little more than a call, through L1, L2 and L3, to arrays far past the
// last-level cache (1<<24 float32s are 64 MiB per slice).
var Sizes = []int{16, 256, 4096, 65536, 1 << 20, 1 << 24}

// Alpha is the LeakyReLU slope used throughout: a common default.
const Alpha = 0.01

// Role tells the report how to treat a contender.
type Role int

const (
	Path     Role = iota // a row of the kernels implementation table
	Public               // the exported functions: checks plus dispatch
	Rival                // another way to compute the same thing
	Baseline             // a yardstick: the naive loop
	Roofline             // copy(): memory bandwidth, not a ReLU at all
)

// Contender is one way to compute the kernels. A nil function means the
// contender has no such kernel.
type Contender struct {
	Name string // the impl= value in benchmark names
	Role Role
	Note string // one line for the report's legend

	ReLU          func(dst, src []float32)
	LeakyReLU     func(dst, src []float32, alpha float32)
	ReLUGrad      func(dst, grad, x []float32)
	LeakyReLUGrad func(dst, grad, x []float32, alpha float32)

	// Approximate marks a contender that gives the contract's values on
	// ordinary inputs only (not for NaN, -0 or infinities) and may refuse
	// overlapping slices: vek and the C peers.
	Approximate bool

	// ColdOnly marks a contender measured on cold data only: one whose
	// speed on hot data would say more about the branch predictor than
	// about the code (the naive loop).
	ColdOnly bool

	// prepare, when set, makes scratch space for n elements ready before
	// the timed loop, so that no allocation is timed.
	prepare func(n int)

	// repeat, when set, runs kernel k reps times on the same slices in
	// one call (a C loop behind one cgo call: the C peer); RunCall uses
	// it instead of the functions above. x is src for the forward kernels.
	repeat func(k Kernel, dst, grad, x []float32, reps int)
}

// Has reports whether c implements k.
func (c *Contender) Has(k Kernel) bool {
	switch k {
	case ReLU:
		return c.ReLU != nil
	case LeakyReLU:
		return c.LeakyReLU != nil
	case ReLUGrad:
		return c.ReLUGrad != nil
	default:
		return c.LeakyReLUGrad != nil
	}
}

// BytesPerElement is what one call of c's kernel k moves per element. It is
// k's figure for every contender except copy(), which moves 8 bytes per
// element whichever kernel it stands beside.
func (c *Contender) BytesPerElement(k Kernel) int {
	if c.Role == Roofline {
		return 8
	}
	return k.BytesPerElement()
}

// rivals are the contenders from other libraries, registered by files
// behind build tags: nil where this build lacks them.
var rivals struct{ archsimd, vek *Contender }

// releaseScratch, when set, drops a rival's scratch space.
var releaseScratch func()

// archsimdBuilt is set when the archsimd file is compiled in (GOEXPERIMENT=simd
// on amd64), whether or not this CPU can run it.
var archsimdBuilt bool

// ArchsimdBuilt reports whether this build includes the simd/archsimd
// contender: it needs GOEXPERIMENT=simd, Go 1.26 or later, and amd64.
func ArchsimdBuilt() bool { return archsimdBuilt }

// Contenders returns every contender this build and CPU can run, in report
// order: the rows of the kernels implementation table that are available
// here (best first, generic last), the public functions, the other
// libraries (the C peers last, with -tags peers), the naive loop, copy().
// A row the CPU lacks is left out.
func Contenders() []Contender {
	var cs []Contender
	for _, r := range impl.All() {
		if !r.Available {
			continue
		}
		cs = append(cs, Contender{
			Name:          r.Name,
			Role:          Path,
			Note:          "fastrelu's " + r.Name + " path (FASTRELU_ISA=" + r.Name + ")",
			ReLU:          r.ReLU,
			LeakyReLU:     r.LeakyReLU,
			ReLUGrad:      r.ReLUGrad,
			LeakyReLUGrad: r.LeakyReLUGrad,
		})
	}
	cs = append(cs, Contender{
		Name:          "public",
		Role:          Public,
		Note:          "kernels.LeakyReLU etc.: argument checks + the " + kernels.Implementation() + " path",
		ReLU:          kernels.ReLU,
		LeakyReLU:     kernels.LeakyReLU,
		ReLUGrad:      kernels.ReLUGrad,
		LeakyReLUGrad: kernels.LeakyReLUGrad,
	})
	for _, r := range []*Contender{rivals.archsimd, rivals.vek} {
		if r != nil {
			cs = append(cs, *r)
		}
	}
	cs = append(cs, peerContenders()...)
	cs = append(cs, naiveContender, copyContender)
	return cs
}

// PoolElems is the least number of input elements a cold case cycles
// through. A cold case with a smaller n reads a different window of the
// inputs on each call, so that the branch predictor cannot learn the signs:
// on a Zen 5 it learns a repeating pattern of 16Ki branches, and a naive
// loop on the same 4096 inputs call after call runs 10 times faster than on
// fresh ones. Real pre-activations differ from call to call. The cost: the
// inputs of a small cold case come from L2 (256 KiB per input slice) rather
// than L1, for every contender alike; dst stays the same slice.
const PoolElems = 1 << 16

// Data says which inputs each call of a case reads.
type Data int

const (
	// Cold: below PoolElems, each call reads the next window of n
	// elements of a PoolElems-long pool, so the inputs come from L2 and
	// the branch predictor never sees the same signs twice running.
	Cold Data = iota
	// Hot: every call reads the same n inputs and writes the same dst, as
	// a layer applied to a small activation tensor in a loop does: for
	// small n they stay in L1 (or L2) from one call to the next.
	Hot
)

// Datas lists both, in the order they are measured and reported.
var Datas = []Data{Cold, Hot}

// String is the data= value in benchmark names: "cold" or "hot".
func (d Data) String() string {
	if d == Hot {
		return "hot"
	}
	return "cold"
}

// Measured reports whether the case (kernel k, contender c, data d, n
// elements) is one of the table's: c must have k; a ColdOnly contender has
// no hot cases; and from n = PoolElems up a cold case reads the same n
// inputs every call too, so hot would repeat it: there are only cold cases.
func Measured(k Kernel, c *Contender, d Data, n int) bool {
	if !c.Has(k) {
		return false
	}
	return d == Cold || !c.ColdOnly && n < PoolElems
}

// data holds the inputs and the output of every case. Each size uses a
// prefix of the same buffers, which grow once to the largest size asked
// for, so memory stays at three slices of the largest n (plus vek's scratch)
// and the random fill is paid once.
var data struct {
	src, grad, dst []float32
}

// Buffers returns the inputs src and grad, each max(n, PoolElems) long,
// uniform in [-1, 1) (random sign, so that a branch on it mispredicts half
// the time), and dst, n long, distinct from both and already touched.
func Buffers(n int) (src, grad, dst []float32) {
	in := max(n, PoolElems)
	if in > len(data.src) || n > len(data.dst) {
		in = max(in, len(data.src))
		out := max(n, len(data.dst))
		data.src, data.grad, data.dst = nil, nil, nil // let the old ones go first
		r := rand.New(rand.NewPCG(1, 2))
		fill := func(n int) []float32 {
			s := make([]float32, n)
			for i := range s {
				s[i] = r.Float32()*2 - 1
			}
			return s
		}
		data.src, data.grad, data.dst = fill(in), fill(in), fill(out)
	}
	return data.src[:max(n, PoolElems)], data.grad[:max(n, PoolElems)], data.dst[:n]
}

// Release drops the buffers (and any scratch), for a caller done measuring.
func Release() {
	data.src, data.grad, data.dst = nil, nil, nil
	releaseStorage()
	if releaseScratch != nil {
		releaseScratch()
	}
}

// Run is the timed body of one case: contender c computing kernel k on n
// elements, out of place, each call on the next window of n inputs (cold)
// or on the same n inputs (hot; see Data). The benchmarks call it from
// b.Run, the report from testing.Benchmark.
func Run(b *testing.B, k Kernel, c *Contender, d Data, n int) {
	if n < 1 {
		b.Fatalf("bench.Run: n = %d, want at least 1", n)
	}
	src, grad, dst := Buffers(n)
	if d == Hot {
		src, grad = src[:n], grad[:n]
	}
	if c.prepare != nil {
		c.prepare(n)
	}
	end := len(src) / n * n // the windows are src[o:o+n] for o = 0, n, 2n, ... < end: one window when hot
	o := 0
	b.SetBytes(int64(c.BytesPerElement(k) * n))
	b.ReportAllocs()
	switch k {
	case ReLU:
		f := c.ReLU
		for b.Loop() {
			f(dst, src[o:o+n])
			if o += n; o == end {
				o = 0
			}
		}
	case LeakyReLU:
		f := c.LeakyReLU
		for b.Loop() {
			f(dst, src[o:o+n], Alpha)
			if o += n; o == end {
				o = 0
			}
		}
	case ReLUGrad:
		f := c.ReLUGrad
		for b.Loop() {
			f(dst, grad[o:o+n], src[o:o+n])
			if o += n; o == end {
				o = 0
			}
		}
	case LeakyReLUGrad:
		f := c.LeakyReLUGrad
		for b.Loop() {
			f(dst, grad[o:o+n], src[o:o+n], Alpha)
			if o += n; o == end {
				o = 0
			}
		}
	}
}

// # Layer cases

// LayerKernel is one of the six layer kernels of package kernels: a bias or
// a per-column slope broadcast over the rows of a row-major matrix.
type LayerKernel int

const (
	BiasReLU LayerKernel = iota
	BiasLeakyReLU
	ReLUGradBias
	LeakyReLUGradBias
	PReLU
	PReLUGrad
)

// LayerKernels lists the six in the order they are reported.
var LayerKernels = []LayerKernel{BiasReLU, BiasLeakyReLU, ReLUGradBias, LeakyReLUGradBias, PReLU, PReLUGrad}

// Name is the kernel's name in package kernels ("BiasLeakyReLU").
func (k LayerKernel) Name() string {
	return [...]string{"BiasReLU", "BiasLeakyReLU", "ReLUGradBias", "LeakyReLUGradBias", "PReLU", "PReLUGrad"}[k]
}

func (k LayerKernel) String() string { return k.Name() }

// Gradient reports whether the kernel is a backward one: it reads grad and
// y (or x) and adds a column sum into dbias (or dslope).
func (k LayerKernel) Gradient() bool {
	return k == ReLUGradBias || k == LeakyReLUGradBias || k == PReLUGrad
}

// BytesPerElement is what the kernel must move per matrix element: 8
// forward (read src, write dst), 12 backward (read grad and y or x, write
// dst).
func (k LayerKernel) BytesPerElement() int {
	if k.Gradient() {
		return 12
	}
	return 8
}

// BytesPerColumn is what the kernel must move per column besides: bias or
// slope read once (4); dbias read and written once (8); PReLUGrad reads
// slope and reads and writes dslope (12).
func (k LayerKernel) BytesPerColumn() int {
	switch k {
	case ReLUGradBias, LeakyReLUGradBias:
		return 8
	case PReLUGrad:
		return 12
	}
	return 4
}

// Bytes is what one call of k on shape s must move. Every contender of k is
// credited the same bytes, so a ratio of GB/s is a ratio of times.
func (k LayerKernel) Bytes(s Shape) int64 {
	return int64(k.BytesPerElement()*s.Rows*s.Cols + k.BytesPerColumn()*s.Cols)
}

// Shape is a matrix of Rows rows of Cols float32s, row-major.
type Shape struct{ Rows, Cols int }

// String is the shape= value in benchmark names: "1024x256".
func (s Shape) String() string { return strconv.Itoa(s.Rows) + "x" + strconv.Itoa(s.Cols) }

// N is the number of elements.
func (s Shape) N() int { return s.Rows * s.Cols }

// LayerShapes are the rows x cols measured by default, by element count:
// from a matrix that fits in L1 (64 KiB per slice) to one far past the
// last-level cache (64 MiB), with cols in {16, 256, 4096}: few columns
// keep the bias in a register or two and make the row loop the cost, many
// make the bias a stream of its own.
var LayerShapes = []Shape{{64, 256}, {4096, 16}, {1024, 256}, {4096, 256}, {4096, 4096}}

// LayerContender is one way to compute the layer kernels. A nil function
// means the contender has no such kernel. The functions have the
// signatures of package kernels; the timed loop zeroes dbias (dslope)
// before each call of a gradient kernel, except for the single pass, which
// has none.
type LayerContender struct {
	Name string // the impl= value in benchmark names
	// Role: Path (a row of the implementation table), Public (the
	// exported fused functions), Baseline (the unfused two passes) or
	// Roofline (one elementwise pass: the fused kernel's target).
	Role Role
	Note string // one line for the report's legend

	BiasReLU          func(dst, src, bias []float32)
	BiasLeakyReLU     func(dst, src, bias []float32, alpha float32)
	ReLUGradBias      func(dst, dbias, grad, y []float32)
	LeakyReLUGradBias func(dst, dbias, grad, y []float32, alpha float32)
	PReLU             func(dst, src, slope []float32)
	PReLUGrad         func(dst, dslope, grad, x, slope []float32)
}

// Has reports whether c implements k.
func (c *LayerContender) Has(k LayerKernel) bool {
	switch k {
	case BiasReLU:
		return c.BiasReLU != nil
	case BiasLeakyReLU:
		return c.BiasLeakyReLU != nil
	case ReLUGradBias:
		return c.ReLUGradBias != nil
	case LeakyReLUGradBias:
		return c.LeakyReLUGradBias != nil
	case PReLU:
		return c.PReLU != nil
	default:
		return c.PReLUGrad != nil
	}
}

// LayerContenders returns every layer contender this build and CPU can run,
// in report order: the rows of the implementation table that are available
// here and have layer kernels (a row without them yet has nil fields and is
// skipped kernel by kernel), the public fused functions ("fused"), the
// unfused two passes ("unfused") and one elementwise pass ("single-pass").
func LayerContenders() []LayerContender {
	var cs []LayerContender
	for _, r := range impl.All() {
		if !r.Available {
			continue
		}
		c := LayerContender{
			Name:              r.Name,
			Role:              Path,
			Note:              "fastrelu's " + r.Name + " path (FASTRELU_ISA=" + r.Name + ")",
			BiasReLU:          r.BiasReLU,
			BiasLeakyReLU:     r.BiasLeakyReLU,
			ReLUGradBias:      gradInBlocks(r.ReLUGradBias),
			LeakyReLUGradBias: leakyGradInBlocks(r.LeakyReLUGradBias),
			PReLU:             r.PReLU,
			PReLUGrad:         preluGradInBlocks(r.PReLUGrad),
		}
		if hasLayer(&c) {
			cs = append(cs, c)
		}
	}
	fused := fusedContender
	fused.Note += layerPath() + " path"
	return append(cs, fused, unfusedContender, singlePassContender)
}

// layerPath names the path the public layer kernels run: the active row's
// when it has them, otherwise the generic one.
func layerPath() string {
	for _, r := range impl.All() {
		if r.Name == kernels.Implementation() && r.BiasLeakyReLU != nil {
			return r.Name
		}
	}
	return "generic"
}

func hasLayer(c *LayerContender) bool {
	for _, k := range LayerKernels {
		if c.Has(k) {
			return true
		}
	}
	return false
}

// fusedContender is the public API: one pass, argument checks and the
// active path.
var fusedContender = LayerContender{
	Name:              "fused",
	Role:              Public,
	Note:              "kernels.BiasLeakyReLU etc.: one pass; argument checks + the ", // + the path, by LayerContenders
	BiasReLU:          kernels.BiasReLU,
	BiasLeakyReLU:     kernels.BiasLeakyReLU,
	ReLUGradBias:      kernels.ReLUGradBias,
	LeakyReLUGradBias: kernels.LeakyReLUGradBias,
	PReLU:             kernels.PReLU,
	PReLUGrad:         kernels.PReLUGrad,
}

// unfusedContender is what a Go user writes today with the elementwise
// kernels: a bias-add loop, then kernels.LeakyReLU in place (two passes
// over the matrix); kernels.LeakyReLUGrad, then a column-sum loop over its
// output (two passes). It gives the fused kernels' bits. There is no
// unfused PReLU: the elementwise kernels have no per-column slope.
var unfusedContender = LayerContender{
	Name: "unfused",
	Role: Baseline,
	Note: "a bias-add loop then kernels.LeakyReLU (or ReLU) in place; kernels.LeakyReLUGrad (or ReLUGrad) then a column-sum loop: two passes each",
	BiasReLU: func(dst, src, bias []float32) {
		AddBias(dst, src, bias)
		kernels.ReLU(dst, dst)
	},
	BiasLeakyReLU: func(dst, src, bias []float32, alpha float32) {
		AddBias(dst, src, bias)
		kernels.LeakyReLU(dst, dst, alpha)
	},
	ReLUGradBias: func(dst, dbias, grad, y []float32) {
		kernels.ReLUGrad(dst, grad, y)
		SumColumns(dbias, dst)
	},
	LeakyReLUGradBias: func(dst, dbias, grad, y []float32, alpha float32) {
		kernels.LeakyReLUGrad(dst, grad, y, alpha)
		SumColumns(dbias, dst)
	},
}

// singlePassContender is one elementwise kernel over the same matrix, no
// bias: the fused kernels' target (the forward ones within 10% of it).
// PReLU stands beside LeakyReLU and PReLUGrad beside LeakyReLUGrad.
var singlePassContender = LayerContender{
	Name:              "single-pass",
	Role:              Roofline,
	Note:              "one kernels.LeakyReLU (or ReLU, LeakyReLUGrad, ReLUGrad) pass over the same matrix, no bias: the target, dashed",
	BiasReLU:          func(dst, src, _ []float32) { kernels.ReLU(dst, src) },
	BiasLeakyReLU:     func(dst, src, _ []float32, alpha float32) { kernels.LeakyReLU(dst, src, alpha) },
	ReLUGradBias:      func(dst, _, grad, y []float32) { kernels.ReLUGrad(dst, grad, y) },
	LeakyReLUGradBias: func(dst, _, grad, y []float32, alpha float32) { kernels.LeakyReLUGrad(dst, grad, y, alpha) },
	PReLU:             func(dst, src, _ []float32) { kernels.LeakyReLU(dst, src, Alpha) },
	PReLUGrad:         func(dst, _, grad, x, _ []float32) { kernels.LeakyReLUGrad(dst, grad, x, Alpha) },
}

// AddBias sets z[r*cols+j] = x[r*cols+j] + bias[j], cols = len(bias): the
// loop a Go user writes, row by row (re-slicing each row lets the compiler
// drop most bounds checks, the faster of the natural spellings).
func AddBias(z, x, bias []float32) {
	c := len(bias)
	for r := 0; r+c <= len(x); r += c {
		zr, xr := z[r:r+c], x[r:r+c]
		for j, b := range bias {
			zr[j] = xr[j] + b
		}
	}
}

// SumColumns adds the column sums of the row-major d to db as the layer
// gradients define them (cols = len(db)): each block of kernels.BlockRows
// rows summed from -0, rows in order, then added to db, blocks in order.
func SumColumns(db, d []float32) {
	c := len(db)
	for i := 0; i < len(d); i += kernels.BlockRows * c {
		e := min(i+kernels.BlockRows*c, len(d))
		s := blockSums(c)
		for r := i; r+c <= e; r += c {
			for j, v := range d[r : r+c] {
				s[j] += v
			}
		}
		addBlock(db, s)
	}
}

// blockScratch holds the block sums of SumColumns and of the path rows'
// gradients: the benchmarks run one call at a time.
var blockScratch []float32

// blockSums returns cols block sums, each -0.
func blockSums(cols int) []float32 {
	if cap(blockScratch) < cols {
		blockScratch = make([]float32, cols)
	}
	s := blockScratch[:cols]
	for j := range s {
		s[j] = float32(math.Copysign(0, -1))
	}
	return s
}

func addBlock(sums, s []float32) {
	for j, v := range s {
		sums[j] += v
	}
}

// gradInBlocks, leakyGradInBlocks and preluGradInBlocks run a path's layer
// gradient, which adds every row to its sums in order, as the package
// functions run it: a block of kernels.BlockRows rows at a time (nil for a
// nil kernel).
func gradInBlocks(f func(dst, dbias, grad, y []float32)) func(dst, dbias, grad, y []float32) {
	if f == nil {
		return nil
	}
	return func(dst, dbias, grad, y []float32) {
		eachBlock(len(dst), dbias, func(i, e int, s []float32) { f(dst[i:e], s, grad[i:e], y[i:e]) })
	}
}

func leakyGradInBlocks(f func(dst, dbias, grad, y []float32, alpha float32)) func(dst, dbias, grad, y []float32, alpha float32) {
	if f == nil {
		return nil
	}
	return func(dst, dbias, grad, y []float32, alpha float32) {
		eachBlock(len(dst), dbias, func(i, e int, s []float32) { f(dst[i:e], s, grad[i:e], y[i:e], alpha) })
	}
}

func preluGradInBlocks(f func(dst, dslope, grad, x, slope []float32)) func(dst, dslope, grad, x, slope []float32) {
	if f == nil {
		return nil
	}
	return func(dst, dslope, grad, x, slope []float32) {
		eachBlock(len(dst), dslope, func(i, e int, s []float32) { f(dst[i:e], s, grad[i:e], x[i:e], slope) })
	}
}

// eachBlock runs block on elements [i, e) of a layer of n elements, a
// block of kernels.BlockRows rows at a time, each with fresh sums s, which
// it then adds to sums. block does not escape, so the func literals the
// callers pass live on the stack: nothing is allocated per call.
func eachBlock(n int, sums []float32, block func(i, e int, s []float32)) {
	step := kernels.BlockRows * len(sums)
	for i := 0; i < n; i += step {
		e := min(i+step, n)
		s := blockSums(len(sums))
		block(i, e, s)
		addBlock(sums, s)
	}
}

// LayerVectors returns bias (uniform in [-1, 1)) and slope (uniform in
// [0, 0.5)), cols long each, the same values on every call.
func LayerVectors(cols int) (bias, slope []float32) {
	r := rand.New(rand.NewPCG(5, 6))
	bias, slope = make([]float32, cols), make([]float32, cols)
	for j := range bias {
		bias[j] = r.Float32()*2 - 1
		slope[j] = r.Float32() / 2
	}
	return bias, slope
}

// RunLayer is the timed body of one layer case: contender c computing
// kernel k on a matrix of shape s, out of place, on the same inputs every
// call (src or x, grad and y from Buffers, so they come from L1, L2, L3 or
// memory by size; the kernels have no branches to learn). A gradient call
// starts from a zeroed dbias (dslope), as a plain sum does: the clear is
// timed for every contender but the single pass. The benchmarks call it from
// b.Run, the report from testing.Benchmark.
func RunLayer(b *testing.B, k LayerKernel, c *LayerContender, s Shape) {
	if s.Rows < 1 || s.Cols < 1 {
		b.Fatalf("bench.RunLayer: shape %s, want at least 1x1", s)
	}
	n := s.N()
	src, grad, dst := Buffers(n)
	src, grad = src[:n], grad[:n]
	bias, slope := LayerVectors(s.Cols)
	dv := make([]float32, s.Cols)
	zero := c.Role != Roofline
	b.SetBytes(k.Bytes(s))
	b.ReportAllocs()
	var call func()
	switch k {
	case BiasReLU:
		f := c.BiasReLU
		call = func() {
			f(dst, src, bias)
		}
	case BiasLeakyReLU:
		f := c.BiasLeakyReLU
		call = func() {
			f(dst, src, bias, Alpha)
		}
	case ReLUGradBias:
		f := c.ReLUGradBias
		call = func() {
			if zero {
				clear(dv)
			}
			f(dst, dv, grad, src)
		}
	case LeakyReLUGradBias:
		f := c.LeakyReLUGradBias
		call = func() {
			if zero {
				clear(dv)
			}
			f(dst, dv, grad, src, Alpha)
		}
	case PReLU:
		f := c.PReLU
		call = func() {
			f(dst, src, slope)
		}
	case PReLUGrad:
		f := c.PReLUGrad
		call = func() {
			if zero {
				clear(dv)
			}
			f(dst, dv, grad, src, slope)
		}
	default:
		b.Fatalf("bench.RunLayer: no kernel %d", k)
	}
	// One call before the loop, whose first iteration resets the counters:
	// what a first call allocates (scratch, a Parallel's workers) is not
	// a cost per call.
	call()
	for b.Loop() {
		call()
	}
}

// # Layers on several workers

// WorkerShapes are the layer shapes of the workers benchmarks: a small
// hidden layer, the typical batch × units, a square one and one far past
// the caches.
var WorkerShapes = []Shape{{256, 128}, {4096, 256}, {1024, 1024}, {4096, 4096}}

// WorkerKernels are the layer kernels measured on several workers: a
// forward pass and its backward pass.
var WorkerKernels = []LayerKernel{BiasLeakyReLU, LeakyReLUGradBias}

// WorkerCounts returns the worker counts measured: 1, 2 and, on a machine
// with more cores, GOMAXPROCS.
func WorkerCounts() []int {
	w := []int{1, 2}
	if n := runtime.GOMAXPROCS(0); n > 2 {
		w = append(w, n)
	}
	return w
}

// RunLayerWorkers is the timed body of kernel k (BiasLeakyReLU or
// LeakyReLUGradBias) on shape s through a kernels.Parallel of the given
// workers, out of place, hot as RunLayer's inputs are.
func RunLayerWorkers(b *testing.B, k LayerKernel, s Shape, workers int) {
	n := s.N()
	src, grad, dst := Buffers(n)
	src, grad = src[:n], grad[:n]
	bias, _ := LayerVectors(s.Cols)
	dv := make([]float32, s.Cols)
	p := kernels.NewParallel(workers)
	defer p.Close()
	b.SetBytes(k.Bytes(s))
	b.ReportAllocs()
	var call func()
	switch k {
	case BiasLeakyReLU:
		call = func() {
			p.BiasLeakyReLU(dst, src, bias, Alpha)
		}
	case LeakyReLUGradBias:
		call = func() {
			clear(dv)
			p.LeakyReLUGradBias(dst, dv, grad, src, Alpha)
		}
	default:
		b.Fatalf("bench.RunLayerWorkers: %s is not measured on workers", k)
	}
	// As in RunLayer, before the loop: a call per worker, since a Parallel
	// keeps scratch for as many concurrent calls as it has workers, each
	// made on its first use.
	for range workers {
		call()
	}
	for b.Loop() {
		call()
	}
}

// RunCopyWorkers is the memory ceiling of RunLayerWorkers: copy() of the
// same elements (src to dst, 8 bytes each), cut into as many equal parts
// as workers, each part on a goroutine of its own (the caller's one of
// them). SetBytes counts what kernel k moves, so that its MB/s compares
// with k's.
func RunCopyWorkers(b *testing.B, k LayerKernel, s Shape, workers int) {
	n := s.N()
	src, _, dst := Buffers(n)
	src = src[:n]
	b.SetBytes(k.Bytes(s))
	var wg sync.WaitGroup
	part := (n + workers - 1) / workers
	for b.Loop() {
		for w := 1; w < workers; w++ {
			lo, hi := min(w*part, n), min((w+1)*part, n)
			wg.Add(1)
			go func() {
				defer wg.Done()
				copy(dst[lo:hi], src[lo:hi])
			}()
		}
		copy(dst[:min(part, n)], src[:min(part, n)])
		wg.Wait()
	}
}
