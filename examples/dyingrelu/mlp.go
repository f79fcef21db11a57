package main

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/fastrelu/fastrelu/kernels"
)

// activation names one hidden-layer nonlinearity: ReLU, LeakyReLU with
// slope Alpha for negative inputs, or PReLU with one slope per unit, learned
// (starting from SlopeInit).
type activation struct {
	Name      string
	Leaky     bool
	Alpha     float32
	PReLU     bool
	SlopeInit float32

	keepInput bool // tests: keep x and take the gradient from it even where y would do
	unfused   bool // the two-pass way: a bias-add loop then the kernel; the kernel then a column-sum loop
}

// value is the kernels.Activation a ReLU or LeakyReLU run uses.
func (a activation) value() kernels.Activation {
	if a.Leaky {
		return kernels.LeakyReLUActivation(a.Alpha)
	}
	return kernels.ReLUActivation()
}

// fromOutput reports whether the gradient may be computed from the forward
// output y instead of the pre-activation x, which the kernels' contract
// allows for ReLU and for LeakyReLU with a finite alpha > 0 (there
// m(y) = m(x)). Then the forward pass overwrites x with y in place and the
// network keeps no copy of x; otherwise it keeps x for the backward pass.
// PReLU always keeps x: its slope gradient is x*grad.
func (a activation) fromOutput() bool {
	if a.keepInput || a.PReLU {
		return false
	}
	return a.value().GradientFromOutput()
}

// layer is one fully connected layer: out = in·W + b, with W row-major
// in×out so that the inner loops run over contiguous rows.
type layer struct {
	in, out int
	W, b    []float32
	dW, db  []float32
}

// mlp is a multilayer perceptron with len(layers)-1 hidden layers of the
// same activation and a softmax output, plus the buffers one mini-batch
// needs, so that training allocates nothing per step.
type mlp struct {
	act    activation
	layers []*layer

	slope, dslope [][]float32 // PReLU: per hidden layer, one slope per unit and its gradient

	actTime time.Duration // time spent in the bias and activation steps, forward and backward

	h       [][]float32 // per hidden layer, batch×width: x, then y in place
	z       [][]float32 // per hidden layer: a copy of x, only when !act.fromOutput()
	gradA   []float32   // backward ping-pong buffers, batch×max width
	gradB   []float32
	logits  []float32
	xb      []float32
	yb      []int
	nonzero [][]bool // per hidden unit: some output in this epoch was != 0
	active  [][]bool // per hidden unit: some pre-activation in this epoch was > 0 (or NaN)
}

// newMLP builds the network with widths sizes[0] (inputs) .. sizes[last]
// (classes). Hidden weights are He-normal times initScale, hidden biases are
// biasInit, the output layer is Glorot-like with zero bias. The same rng
// state gives the same weights whatever the activation.
func newMLP(rng *rand.Rand, sizes []int, act activation, batch int, initScale, biasInit float32) *mlp {
	n := &mlp{act: act}
	maxW := 0
	for i := 0; i+1 < len(sizes); i++ {
		l := &layer{in: sizes[i], out: sizes[i+1]}
		l.W = make([]float32, l.in*l.out)
		l.b = make([]float32, l.out)
		l.dW = make([]float32, l.in*l.out)
		l.db = make([]float32, l.out)
		hidden := i+2 < len(sizes)
		std := math.Sqrt(1 / float64(l.in))
		if hidden {
			std = float64(initScale) * math.Sqrt(2/float64(l.in))
			for j := range l.b {
				l.b[j] = biasInit
			}
		}
		for j := range l.W {
			l.W[j] = float32(std * rng.NormFloat64())
		}
		n.layers = append(n.layers, l)
		maxW = max(maxW, l.in, l.out)
		if hidden {
			n.h = append(n.h, make([]float32, batch*l.out))
			var z []float32
			if !act.fromOutput() {
				z = make([]float32, batch*l.out)
			}
			n.z = append(n.z, z)
			if act.PReLU {
				sl := make([]float32, l.out)
				for j := range sl {
					sl[j] = act.SlopeInit
				}
				n.slope = append(n.slope, sl)
				n.dslope = append(n.dslope, make([]float32, l.out))
			}
			n.nonzero = append(n.nonzero, make([]bool, l.out))
			n.active = append(n.active, make([]bool, l.out))
		}
	}
	n.gradA = make([]float32, batch*maxW)
	n.gradB = make([]float32, batch*maxW)
	n.logits = make([]float32, batch*sizes[len(sizes)-1])
	n.xb = make([]float32, batch*sizes[0])
	n.yb = make([]int, batch)
	return n
}

// epochStats is what one pass over the data measured.
type epochStats struct {
	Loss     float64   // mean cross-entropy over the examples
	Acc      float64   // fraction classified correctly (while training: by the weights of the moment)
	Dead     float64   // fraction of hidden units whose output was 0 for every example
	Inactive float64   // fraction of hidden units whose pre-activation was <= 0 for every example
	DeadBy   []float64 // Dead per hidden layer
}

// epoch makes one pass over d in mini-batches of size batch, in the order
// perm. With lr > 0 it takes one plain SGD step per batch (no momentum, no
// clipping); with lr == 0 it only evaluates. The unit counts cover every
// forward pass of the epoch, so a unit counts as dead only if it was dead
// for every example.
func (n *mlp) epoch(d *dataset, perm []int, batch int, lr float32) epochStats {
	for l := range n.nonzero {
		clear(n.nonzero[l])
		clear(n.active[l])
	}
	var loss float64
	correct := 0
	for start := 0; start < len(perm); start += batch {
		bs := min(batch, len(perm)-start)
		for r, idx := range perm[start : start+bs] {
			copy(n.xb[r*d.dim:(r+1)*d.dim], d.X[idx*d.dim:(idx+1)*d.dim])
			n.yb[r] = d.Y[idx]
		}
		n.forward(bs)
		l, c := n.softmaxLoss(bs)
		loss += l
		correct += c
		if lr > 0 {
			n.backward(bs)
			n.step(lr)
		}
	}
	s := epochStats{Loss: loss / float64(len(perm)), Acc: float64(correct) / float64(len(perm))}
	total, dead, inactive := 0, 0, 0
	for l := range n.nonzero {
		dl := 0
		for j, nz := range n.nonzero[l] {
			if !nz {
				dl++
			}
			if !n.active[l][j] {
				inactive++
			}
		}
		s.DeadBy = append(s.DeadBy, float64(dl)/float64(len(n.nonzero[l])))
		dead += dl
		total += len(n.nonzero[l])
	}
	s.Dead = float64(dead) / float64(total)
	s.Inactive = float64(inactive) / float64(total)
	return s
}

// forward computes the logits of the first bs examples of n.xb. Each
// hidden layer computes x·W, then adds the bias and applies the activation
// in one pass, in place on the layer's buffer (BiasForward: the fused
// kernels.BiasReLU or kernels.BiasLeakyReLU), as a training loop would: the
// pre-activation is overwritten by the output. Where the gradient needs
// the pre-activation (PReLU, or an alpha the contract does not allow y
// for), it is kept in n.z and the activation reads it from there.
func (n *mlp) forward(bs int) {
	in := n.xb
	for l, L := range n.layers {
		if l == len(n.h) {
			out := n.logits[:bs*L.out]
			matmul(out, in, bs, L)
			addBias(out, out, L.b)
			return
		}
		h := n.h[l][:bs*L.out]
		matmul(h, in, bs, L)
		start := time.Now()
		x := h // what decides m(x) for the statistics and the gradient
		switch {
		case n.act.PReLU:
			x = n.z[l][:bs*L.out]
			addBias(x, h, L.b)
			kernels.PReLU(h, x, n.slope[l])
		case !n.act.fromOutput():
			x = n.z[l][:bs*L.out]
			addBias(x, h, L.b)
			n.act.value().Forward(h, x)
		case n.act.unfused:
			addBias(h, h, L.b)
			n.act.value().Forward(h, h)
		default:
			n.act.value().BiasForward(h, h, L.b) // one pass: bias, activation
		}
		n.actTime += time.Since(start)
		n.track(l, h, x, L.out)
		in = h
	}
}

// track marks the units that gave a nonzero output (y != 0) or had a
// pre-activation on the live side (!m(x)) for some example. When
// x is the output y itself, m(y) = m(x) by the contract.
func (n *mlp) track(l int, y, x []float32, width int) {
	nz, act := n.nonzero[l], n.active[l]
	for r := 0; r < len(y); r += width {
		yr, xr := y[r:r+width], x[r:r+width]
		for j, v := range yr {
			if v != 0 {
				nz[j] = true
			}
			if !(xr[j] <= 0) {
				act[j] = true
			}
		}
	}
}

// softmaxLoss turns n.logits into the gradient of the mean cross-entropy
// with respect to the logits (in place) and returns the summed loss and the
// number of correct predictions of the batch.
func (n *mlp) softmaxLoss(bs int) (loss float64, correct int) {
	k := n.layers[len(n.layers)-1].out
	for r := range bs {
		row := n.logits[r*k : (r+1)*k]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		if best == n.yb[r] {
			correct++
		}
		m := float64(row[best])
		var sum float64
		for _, v := range row {
			sum += math.Exp(float64(v) - m)
		}
		y := n.yb[r]
		loss += math.Log(sum) - (float64(row[y]) - m)
		for j, v := range row {
			p := math.Exp(float64(v)-m) / sum
			if j == y {
				p--
			}
			row[j] = float32(p / float64(bs))
		}
	}
	return loss, correct
}

// backward fills every layer's dW and db (and, for PReLU, every hidden
// layer's dslope) from the logits' gradient. The gradient through a hidden
// layer's activation and that layer's bias gradient come out of one pass
// (BiasGradient: the fused kernels.ReLUGradBias or
// kernels.LeakyReLUGradBias), in place on the incoming gradient and from
// the forward output y where the contract allows it.
func (n *mlp) backward(bs int) {
	last := n.layers[len(n.layers)-1]
	g := n.logits[:bs*last.out]
	clear(last.db)
	colSum(last.db, g)
	spare := n.gradA
	for l := len(n.layers) - 1; l >= 0; l-- {
		L := n.layers[l]
		var in []float32
		if l > 0 {
			in = n.h[l-1][:bs*L.in]
		} else {
			in = n.xb[:bs*L.in]
		}
		clear(L.dW)
		for r := range bs {
			gr := g[r*L.out : (r+1)*L.out]
			for i, a := range in[r*L.in : (r+1)*L.in] {
				if a != 0 {
					axpy(L.dW[i*L.out:(i+1)*L.out], a, gr)
				}
			}
		}
		if l == 0 {
			return
		}
		dIn := spare[:bs*L.in]
		for r := range bs {
			gr := g[r*L.out : (r+1)*L.out]
			dr := dIn[r*L.in : (r+1)*L.in]
			for i := range dr {
				dr[i] = dot(L.W[i*L.out:(i+1)*L.out], gr)
			}
		}
		// dIn is dLoss/dy of hidden layer l-1; turn it into dLoss/dx in
		// place and sum it into that layer's db, from y where the contract
		// allows it (m(y) = m(x)).
		start := time.Now()
		prev := n.layers[l-1]
		clear(prev.db)
		x := n.h[l-1][:bs*L.in]
		if !n.act.fromOutput() {
			x = n.z[l-1][:bs*L.in]
		}
		switch {
		case n.act.PReLU:
			clear(n.dslope[l-1])
			kernels.PReLUGrad(dIn, n.dslope[l-1], dIn, x, n.slope[l-1])
			colSum(prev.db, dIn)
		case n.act.unfused:
			n.act.value().Gradient(dIn, dIn, x)
			colSum(prev.db, dIn)
		default:
			n.act.value().BiasGradient(dIn, prev.db, dIn, x) // one pass: gradient, bias gradient
		}
		n.actTime += time.Since(start)
		if &spare[0] == &n.gradA[0] {
			spare = n.gradB
		} else {
			spare = n.gradA
		}
		g = dIn
	}
}

// addBias sets dst = src + b, b broadcast over the rows: the bias-add loop
// the fused kernels replace.
func addBias(dst, src, b []float32) {
	for r := 0; r < len(dst); r += len(b) {
		d, s := dst[r:r+len(b)], src[r:r+len(b)]
		for j, v := range b {
			d[j] = s[j] + v
		}
	}
}

// colSum adds the column sums of the row-major g (len(db) columns) to db,
// rows in order: the loop the fused gradient kernels replace.
func colSum(db, g []float32) {
	for r := 0; r < len(g); r += len(db) {
		for j, v := range g[r : r+len(db)] {
			db[j] += v
		}
	}
}

// step takes one SGD step of size lr on every parameter, PReLU's slopes
// included.
func (n *mlp) step(lr float32) {
	for _, L := range n.layers {
		axpy(L.W, -lr, L.dW)
		axpy(L.b, -lr, L.db)
	}
	for l := range n.slope {
		axpy(n.slope[l], -lr, n.dslope[l])
	}
}

// matmul sets out = in·W for bs rows. Zero inputs (a ReLU's dead outputs)
// are skipped, as sparse-aware code would.
func matmul(out, in []float32, bs int, L *layer) {
	for r := range bs {
		row := out[r*L.out : (r+1)*L.out]
		clear(row)
		for i, a := range in[r*L.in : (r+1)*L.in] {
			if a != 0 {
				axpy(row, a, L.W[i*L.out:(i+1)*L.out])
			}
		}
	}
}

// axpy sets y += a*x.
func axpy(y []float32, a float32, x []float32) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		y[i] += a * x[i]
		y[i+1] += a * x[i+1]
		y[i+2] += a * x[i+2]
		y[i+3] += a * x[i+3]
	}
	for ; i < len(y); i++ {
		y[i] += a * x[i]
	}
}

// dot returns the dot product of x and y (len(y) >= len(x)).
func dot(x, y []float32) float32 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}
