package main

import (
	"math"
	"math/rand/v2"

	"github.com/fastrelu/fastrelu/kernels"
)

// activation names one hidden-layer nonlinearity: ReLU, or LeakyReLU with
// slope Alpha for negative inputs.
type activation struct {
	Name  string
	Leaky bool
	Alpha float32

	keepInput bool // tests: keep x and take the gradient from it even where y would do
}

// fromOutput reports whether the gradient may be computed from the forward
// output y instead of the pre-activation x, which the kernels' contract
// allows for ReLU and for LeakyReLU with a finite alpha > 0 (there
// m(y) = m(x)). Then the forward pass overwrites x with y in place and the
// network keeps no copy of x; otherwise it keeps x for the backward pass.
func (a activation) fromOutput() bool {
	if a.keepInput {
		return false
	}
	return !a.Leaky || (a.Alpha > 0 && !math.IsInf(float64(a.Alpha), 1))
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

// forward computes the logits of the first bs examples of n.xb. The
// activation runs through the kernels in place on the layer's buffer, as a
// training loop would: x is overwritten by y.
func (n *mlp) forward(bs int) {
	in := n.xb
	for l, L := range n.layers {
		if l == len(n.h) {
			affine(n.logits[:bs*L.out], in, bs, L)
			return
		}
		h := n.h[l][:bs*L.out]
		affine(h, in, bs, L)
		x := h // what decides m(x) for the statistics and the gradient
		if !n.act.fromOutput() {
			// LeakyReLU with alpha <= 0, infinite or NaN: keep x for the
			// backward pass, where y would not tell m(x).
			x = n.z[l][:bs*L.out]
			copy(x, h)
		}
		if n.act.Leaky {
			kernels.LeakyReLU(h, x, n.act.Alpha) // in place unless x was kept
		} else {
			kernels.ReLU(h, x)
		}
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

// backward fills every layer's dW and db from the logits' gradient. The
// activation gradient runs through the kernels in place on the incoming
// gradient, computed from the forward output where the contract allows.
func (n *mlp) backward(bs int) {
	g := n.logits[:bs*n.layers[len(n.layers)-1].out]
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
		clear(L.db)
		for r := range bs {
			gr := g[r*L.out : (r+1)*L.out]
			axpy(L.db, 1, gr)
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
		// place, from y where the contract allows it (m(y) = m(x)).
		x := n.h[l-1][:bs*L.in]
		if !n.act.fromOutput() {
			x = n.z[l-1][:bs*L.in]
		}
		if n.act.Leaky {
			kernels.LeakyReLUGrad(dIn, dIn, x, n.act.Alpha)
		} else {
			kernels.ReLUGrad(dIn, dIn, x)
		}
		if &spare[0] == &n.gradA[0] {
			spare = n.gradB
		} else {
			spare = n.gradA
		}
		g = dIn
	}
}

// step takes one SGD step of size lr on every parameter.
func (n *mlp) step(lr float32) {
	for _, L := range n.layers {
		axpy(L.W, -lr, L.dW)
		axpy(L.b, -lr, L.db)
	}
}

// affine sets out = in·W + b for bs rows. Zero inputs (a ReLU's dead
// outputs) are skipped, as sparse-aware code would.
func affine(out, in []float32, bs int, L *layer) {
	for r := range bs {
		row := out[r*L.out : (r+1)*L.out]
		copy(row, L.b)
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
