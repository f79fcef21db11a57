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
	require.Len(t, acts, 3)
	require.False(t, acts[0].Leaky)
	require.Equal(t, float32(0.2), acts[2].Alpha)

	dead := make([]float64, len(acts))
	inactive := make([]float64, len(acts))
	initial := make([]float64, len(acts))
	last := make([]float64, len(acts))
	best := make([]float64, len(acts)) // lowest loss of the last 3 epochs
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
		assert.Less(t, last[i], initial[i], "%s: final loss should be below the untrained loss", name)
		assert.Less(t, best[i], 0.6*initial[i], "%s: loss should fall well below the untrained loss", name)
	}
	assert.Greater(t, dead[0], inactive[2], "LeakyReLU(0.2) should end with fewer units on the negative side than ReLU has dead")
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
			for _, L := range n.layers {
				total += (len(L.W)+2)/3 + (len(L.b)+2)/3
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
	// Per run a dead line and a loss line, per LeakyReLU run an inactive
	// line; the NaN splits LeakyReLU(0.2)'s loss line into two single points,
	// which are not drawn.
	assert.Equal(t, 3*2+2-1, polylines)
	all := strings.Join(texts, "\n")
	for _, want := range []string{"ReLU", "LeakyReLU(0.01)", "LeakyReLU(0.2)", "learning rate 0.6", "seed 1"} {
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
