package kernels_test

import (
	"fmt"
	"math"
	"runtime"
	"slices"

	"github.com/fastrelu/fastrelu/kernels"
)

func ExampleParallel() {
	// One runner for the whole program: its goroutines wait for work
	// between calls. 0 workers means GOMAXPROCS.
	p := kernels.NewParallel(0)
	defer p.Close()

	// A large activation tensor: split across the workers, with the same
	// bits as kernels.LeakyReLU. A short one would run on this goroutine.
	x := make([]float32, 1<<20)
	for i := range x {
		x[i] = float32(i%5) - 2 // -2, -1, 0, 1, 2, ...
	}
	y := make([]float32, len(x))
	p.LeakyReLU(y, x, 0.1)

	grad := make([]float32, len(x))
	for i := range grad {
		grad[i] = 1
	}
	p.LeakyReLUGrad(grad, grad, y, 0.1) // in place, from the output
	fmt.Println(y[:5], grad[:5])
	// Output: [-0.2 -0.1 0 1 2] [0.1 0.1 0.1 1 1]
}

func ExampleParallel_layer() {
	p := kernels.NewParallel(0)
	defer p.Close()

	// A dense layer's activation, forward and backward, on a batch of 512
	// rows of 2048 features: split by rows forward, by blocks of
	// BlockRows rows for the bias gradient, with the same bits as the
	// package functions.
	const rows, cols = 512, 2048
	z := make([]float32, rows*cols) // x·W
	for i := range z {
		z[i] = float32(i%cols%5) - 2 // -2, -1, 0, 1, 2, ... in every row
	}
	bias := make([]float32, cols)
	for j := range bias {
		bias[j] = 0.5
	}
	y := make([]float32, len(z))
	p.BiasLeakyReLU(y, z, bias, 0.1)

	dy := make([]float32, len(y))
	for i := range dy {
		dy[i] = 1
	}
	dbias := make([]float32, cols)             // zero: a plain sum over the rows, in blocks
	p.LeakyReLUGradBias(dy, dbias, dy, y, 0.1) // in place, from the output
	// 512 times float32(0.1) is 51.2000007...: two block sums of 25.6
	// each lose less to rounding than one running sum of 512 terms, which
	// gives 51.19979.
	fmt.Println(y[:5], dy[:5], dbias[:5])
	// Output: [-0.15 -0.05 0.5 1.5 2.5] [0.1 0.1 1 1 1] [51.200123 51.200123 512 512 512]
}

func ExampleNewParallel() {
	// 0 workers means GOMAXPROCS; the count includes the caller's goroutine,
	// so NewParallel(4) starts 3 goroutines, and NewParallel(1) none.
	p := kernels.NewParallel(0)
	defer p.Close()
	fmt.Println(p.Workers() == runtime.GOMAXPROCS(0))

	q := kernels.NewParallel(4)
	defer q.Close()
	fmt.Println(q.Workers())

	defer func() { fmt.Println(recover()) }()
	kernels.NewParallel(-1)
	// Output:
	// true
	// 4
	// kernels.NewParallel: workers=-1: must be >= 0 (0 means GOMAXPROCS)
}

func ExampleParallel_Close() {
	p := kernels.NewParallel(2)
	x := []float32{-1, 2}
	p.ReLU(x, x)
	p.Close() // waits for the calls in flight, stops the goroutines

	// After Close, calls still work, on the caller's goroutine, and so does
	// a second Close; so does the zero Parallel.
	p.LeakyReLU(x, []float32{-1, 2}, 0.5)
	p.Close()
	var zero kernels.Parallel
	y := make([]float32, 2)
	zero.ReLUGrad(y, []float32{3, 3}, x)
	fmt.Println(x, y, zero.Workers())
	// Output: [-0.5 2] [0 3] 1
}

func ExampleParallel_methods() {
	// Every package function is a method of Parallel, with the same
	// arguments and the same bits, here on slices long enough to split:
	// 2Mi elements, 2048 rows of 1024 columns for the layer kernels.
	p := kernels.NewParallel(0)
	defer p.Close()
	const rows, cols = 2048, 1024
	x, g := make([]float32, rows*cols), make([]float32, rows*cols)
	for i := range x {
		x[i] = float32(i%7) - 3
		g[i] = float32(i%5) - 2.5
	}
	par := make([]float32, cols) // the bias or the slopes
	for j := range par {
		par[j] = float32(j%3) / 4
	}
	a, b := make([]float32, len(x)), make([]float32, len(x))
	da, db := make([]float32, cols), make([]float32, cols) // dbias or dslope: zero, added to
	bits := func(p, q float32) bool { return math.Float32bits(p) == math.Float32bits(q) }
	same := func(name string) {
		fmt.Println(name, slices.EqualFunc(a, b, bits) && slices.EqualFunc(da, db, bits))
	}

	kernels.ReLU(a, x)
	p.ReLU(b, x)
	same("ReLU")
	kernels.LeakyReLU(a, x, 0.1)
	p.LeakyReLU(b, x, 0.1)
	same("LeakyReLU")
	kernels.ReLUGrad(a, g, x)
	p.ReLUGrad(b, g, x)
	same("ReLUGrad")
	kernels.LeakyReLUGrad(a, g, x, 0.1)
	p.LeakyReLUGrad(b, g, x, 0.1)
	same("LeakyReLUGrad")
	kernels.BiasReLU(a, x, par)
	p.BiasReLU(b, x, par)
	same("BiasReLU")
	kernels.BiasLeakyReLU(a, x, par, 0.1)
	p.BiasLeakyReLU(b, x, par, 0.1)
	same("BiasLeakyReLU")
	kernels.PReLU(a, x, par)
	p.PReLU(b, x, par)
	same("PReLU")
	kernels.ReLUGradBias(a, da, g, x)
	p.ReLUGradBias(b, db, g, x)
	same("ReLUGradBias")
	clear(da)
	clear(db)
	kernels.LeakyReLUGradBias(a, da, g, x, 0.1)
	p.LeakyReLUGradBias(b, db, g, x, 0.1)
	same("LeakyReLUGradBias")
	clear(da)
	clear(db)
	kernels.PReLUGrad(a, da, g, x, par)
	p.PReLUGrad(b, db, g, x, par)
	same("PReLUGrad")
	// Output:
	// ReLU true
	// LeakyReLU true
	// ReLUGrad true
	// LeakyReLUGrad true
	// BiasReLU true
	// BiasLeakyReLU true
	// PReLU true
	// ReLUGradBias true
	// LeakyReLUGradBias true
	// PReLUGrad true
}
