package main

import (
	"encoding/xml"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyConfig is the default provocation (plain SGD at learning rate 0.6,
// three hidden layers) on a network and task small enough for the test to
// take a fraction of a second natively and a few seconds under qemu.
func tinyConfig(seed uint64) config {
	c := defaultConfig()
	c.Seed = seed
	c.Hidden, c.Layers = 32, 3
	c.PerClass, c.Epochs, c.Batch = 50, 10, 16
	return c
}

// testSeeds are summed over, so that the claims do not hang on one seed's
// luck (nor on the last bits, which FMA fusion may change on arm64).
var testSeeds = []uint64{1, 2, 3}

func final(h history) epochStats { return h.Stats[len(h.Stats)-1] }

// TestClaims checks what the example claims: with the provoking learning
// rate, ReLU ends with dead hidden units and LeakyReLU with none; the units
// LeakyReLU(0.2) has on the negative side at the end are fewer than ReLU's
// dead ones (they came back); and the LeakyReLU runs' loss goes down.
func TestClaims(t *testing.T) {
	c := tinyConfig(0)
	acts := c.activations()
	require.Len(t, acts, 4)
	require.False(t, acts[0].Leaky)
	require.Equal(t, float32(0.2), acts[2].Alpha)
	require.True(t, acts[3].PReLU)

	dead := make([]float64, len(acts))
	inactive := make([]float64, len(acts))
	initial := make([]float64, len(acts))
	last := make([]float64, len(acts))
	best := make([]float64, len(acts))     // lowest loss of the last 3 epochs
	bestEver := make([]float64, len(acts)) // lowest finite loss of any training epoch
	for _, seed := range testSeeds {
		hist := run(tinyConfig(seed), nil)
		require.Len(t, hist, len(acts))
		for i, h := range hist {
			require.Len(t, h.Stats, c.Epochs+1)
			dead[i] += final(h).Dead
			inactive[i] += final(h).Inactive
			initial[i] += h.Stats[0].Loss
			last[i] += final(h).Loss
			b := math.Inf(1)
			for _, s := range h.Stats[len(h.Stats)-3:] {
				b = min(b, s.Loss)
			}
			best[i] += b
			be := math.Inf(1)
			for _, s := range h.Stats[1:] {
				if !math.IsNaN(s.Loss) {
					be = min(be, s.Loss)
				}
			}
			bestEver[i] += be
		}
	}
	n := float64(len(testSeeds))
	t.Logf("mean final dead:     %.3f", scale(dead, 1/n))
	t.Logf("mean final inactive: %.3f", scale(inactive, 1/n))
	t.Logf("mean loss initial %.3f, final %.3f, best of last 3 %.3f", scale(initial, 1/n), scale(last, 1/n), scale(best, 1/n))

	assert.Greater(t, dead[0]/n, 0.02, "ReLU should end with dead units")
	assert.InDelta(t, dead[0], inactive[0], 1e-12, "for ReLU, dead and inactive are the same units")
	for i := 1; i < len(acts); i++ {
		name := acts[i].Name
		assert.Greater(t, dead[0], dead[i], "ReLU should end with more dead units than %s", name)
		if acts[i].PReLU {
			// At this provoking rate the learned slopes can raise the
			// network's gain until a run diverges (seed 3 of this config
			// does, after 8 epochs), as LeakyReLU(0.2) may: the claim is
			// on the best epoch of each run.
			assert.Less(t, bestEver[i], 0.6*initial[i], "%s: loss should fall well below the untrained loss", name)
			continue
		}
		assert.Less(t, last[i], initial[i], "%s: final loss should be below the untrained loss", name)
		assert.Less(t, best[i], 0.6*initial[i], "%s: loss should fall well below the untrained loss", name)
	}
	assert.Greater(t, dead[0], inactive[2], "LeakyReLU(0.2) should end with fewer units on the negative side than ReLU has dead")
	assert.Greater(t, dead[0], inactive[3], "PReLU should end with fewer units on the negative side than ReLU has dead")
}

// TestPReLUSlopes: the PReLU run reports one slope per hidden unit and
// layer, and they have moved from their initial value.
func TestPReLUSlopes(t *testing.T) {
	c := tinyConfig(1)
	hist := run(c, nil)
	p := hist[len(hist)-1]
	require.True(t, p.Act.PReLU)
	require.Len(t, p.Slopes, c.Layers)
	for l, s := range p.Slopes {
		require.Len(t, s, c.Hidden)
		moved := 0
		for _, v := range s {
			require.False(t, math.IsNaN(float64(v)) || math.IsInf(float64(v), 0), "layer %d: slope %v", l, v)
			if v != c.SlopeInit {
				moved++
			}
		}
		st := summarize(s)
		t.Logf("layer %d: slopes mean %.4f min %.4f max %.4f", l+1, st.mean, st.min, st.max)
		assert.Greater(t, moved, c.Hidden/2, "layer %d: the slopes should have learned", l+1)
	}
	for _, h := range hist[:len(hist)-1] {
		assert.Empty(t, h.Slopes, h.Act.Name)
	}
}

// TestFusedMatchesUnfused: training with the fused kernels and the unfused
// way (bias-add loop then the kernel; the kernel then a column-sum loop)
// gives the same figures, bit for bit; so does timeFused's pair of runs.
func TestFusedMatchesUnfused(t *testing.T) {
	c := tinyConfig(3)
	c.Epochs = 4
	fused := run(c, nil)
	unfused := runWith(c, func(a *activation) { a.unfused = true })
	for i := range fused {
		assert.Equal(t, fused[i].Stats, unfused[i].Stats, "%s: fused and unfused differ", fused[i].Act.Name)
		assert.Equal(t, fused[i].Slopes, unfused[i].Slopes, "%s: fused and unfused slopes differ", fused[i].Act.Name)
	}
	tm := timeFused(c, c.activations()[1], 2)
	assert.True(t, tm.SameBits, "timeFused: fused and unfused differ")
	assert.Positive(t, tm.Fused)
	assert.Positive(t, tm.UnfusedAct)
}

func scale(v []float64, f float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x * f
	}
	return out
}

// TestDeterministic: the same seed gives the same figures, bit for bit,
// whatever the goroutine scheduling; another seed gives others.
func TestDeterministic(t *testing.T) {
	c := tinyConfig(5)
	c.Epochs = 3
	a, b := run(c, nil), run(c, nil)
	assert.True(t, reflect.DeepEqual(a, b), "two runs with the same seed differ")
	c.Seed = 6
	assert.False(t, reflect.DeepEqual(a, run(c, nil)), "two seeds gave the same run")
}

// TestGradientFromOutput: taking the gradient from the forward output y,
// as the training loop does in place, gives the same training, bit for bit,
// as keeping the pre-activation x, for ReLU and for LeakyReLU with
// alpha > 0. And LeakyReLU with alpha 0, which must keep x, trains exactly
// like ReLU.
func TestGradientFromOutput(t *testing.T) {
	c := tinyConfig(2)
	c.Epochs = 3
	c.Alphas = []float32{0.2}
	c.PReLU = false
	fromY := run(c, nil)
	kept := runWith(c, func(a *activation) { a.keepInput = true })
	for i := range fromY {
		require.True(t, fromY[i].Act.fromOutput())
		require.False(t, kept[i].Act.fromOutput())
		assert.Equal(t, fromY[i].Stats, kept[i].Stats, "%s: gradient from y and from x differ", fromY[i].Act.Name)
	}

	c.Alphas = []float32{0}
	h := run(c, nil)
	require.False(t, h[1].Act.fromOutput(), "alpha 0 must keep x")
	assert.Equal(t, h[0].Stats, h[1].Stats, "LeakyReLU(0) should train exactly like ReLU")
}

// runWith is run with each activation modified by f.
func runWith(c config, f func(*activation)) []history {
	saved := activationHook
	defer func() { activationHook = saved }()
	activationHook = f
	return run(c, nil)
}

// TestBackward compares the analytic gradients of a small network with
// central finite differences of the loss, for ReLU and LeakyReLU, through
// both ways of computing the activation gradient.
func TestBackward(t *testing.T) {
	for _, act := range []activation{
		{Name: "ReLU"},
		{Name: "LeakyReLU(0.2)", Leaky: true, Alpha: 0.2},
		{Name: "LeakyReLU(0.2) keep x", Leaky: true, Alpha: 0.2, keepInput: true},
		{Name: "LeakyReLU(-0.5)", Leaky: true, Alpha: -0.5},
		{Name: "LeakyReLU(0.2) unfused", Leaky: true, Alpha: 0.2, unfused: true},
		{Name: "PReLU(0.25)", PReLU: true, SlopeInit: 0.25},
	} {
		t.Run(act.Name, func(t *testing.T) {
			const bs = 5
			rng := rand.New(rand.NewPCG(9, 9))
			n := newMLP(rng, []int{2, 7, 6, 3}, act, bs, 1, 0.1)
			for i := range n.xb[:2*bs] {
				n.xb[i] = float32(2*rng.Float64() - 1)
			}
			for r := range bs {
				n.yb[r] = r % 3
			}
			for _, sl := range n.slope {
				for j := range sl {
					sl[j] = 0.1 + 0.05*float32(j)
				}
			}
			loss := func() float64 {
				n.forward(bs)
				l, _ := n.softmaxLoss(bs)
				return l / bs
			}
			loss()
			n.backward(bs)
			const h = 2e-3
			checked := 0
			for li, L := range n.layers {
				params := [][]float32{L.W, L.b}
				grads := [][]float32{L.dW, L.db}
				if act.PReLU && li < len(n.slope) {
					// Perturb the slopes away from their shared start, so
					// that each has its own value, then check their gradient.
					params = append(params, n.slope[li])
					grads = append(grads, n.dslope[li])
				}
				for p := range params {
					for j := 0; j < len(params[p]); j += 3 {
						w := params[p][j]
						params[p][j] = w + h
						up := loss()
						params[p][j] = w - h
						down := loss()
						params[p][j] = w
						num := (up - down) / (2 * h)
						got := float64(grads[p][j])
						if math.Abs(num-got) > 1e-3+0.02*math.Abs(num) {
							// A kink of the activation inside [w-h, w+h] spoils
							// the difference quotient; allow a few.
							t.Logf("layer %d param %d/%d: analytic %.6f, numeric %.6f", li, p, j, got, num)
							continue
						}
						checked++
					}
				}
			}
			total := 0
			for li, L := range n.layers {
				total += (len(L.W)+2)/3 + (len(L.b)+2)/3
				if act.PReLU && li < len(n.slope) {
					total += (len(n.slope[li]) + 2) / 3
				}
			}
			assert.GreaterOrEqual(t, checked, total-2, "too many gradients disagree with finite differences")
		})
	}
}

// TestSVG: the plot is well-formed XML with one line per series and the
// setup in its title, and leaves non-finite losses out instead of writing
// NaN coordinates.
func TestSVG(t *testing.T) {
	c := tinyConfig(1)
	c.Epochs = 2
	hist := run(c, nil)
	hist[2].Stats[1].Loss = math.NaN() // a diverged epoch
	svg := plotSVG(c, hist)

	dec := xml.NewDecoder(strings.NewReader(svg))
	polylines, texts := 0, []string{}
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "polyline" {
				polylines++
			}
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
	// Per run a dead line and a loss line, per LeakyReLU and PReLU run an
	// inactive line; the NaN splits LeakyReLU(0.2)'s loss line into two
	// single points, which are not drawn.
	assert.Equal(t, 4*2+3-1, polylines)
	all := strings.Join(texts, "\n")
	for _, want := range []string{"ReLU", "LeakyReLU(0.01)", "LeakyReLU(0.2)", "PReLU(0.25)", "learning rate 0.6", "seed 1"} {
		assert.Contains(t, all, want)
	}
	assert.NotContains(t, svg, "NaN")
	assert.Equal(t, svg, plotSVG(c, hist), "the plot is not deterministic")
}

func TestNiceCeil(t *testing.T) {
	for v, want := range map[float64]float64{0.9: 1, 1: 1, 1.2: 2, 2.2: 2.5, 3: 5, 7: 10, 17.2: 20, 0.062: 0.1} {
		assert.InDelta(t, want, niceCeil(v), 1e-12, "niceCeil(%g)", v)
	}
}
