package main

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"sync"
	"time"
)

// config is one experiment: the task, the network, and the training
// schedule shared by every activation.
type config struct {
	Seed      uint64
	Classes   int     // spiral arms
	PerClass  int     // points per arm
	Noise     float64 // angular noise of the spiral, radians
	Hidden    int     // units per hidden layer
	Layers    int     // hidden layers
	Epochs    int
	Batch     int
	LR        float32 // plain SGD step size
	InitScale float32 // multiplies the He-normal standard deviation
	BiasInit  float32 // initial bias of every hidden unit
	Alphas    []float32
	PReLU     bool    // add a PReLU run, one learned slope per hidden unit
	SlopeInit float32 // PReLU's initial slope (0.25, as in He et al. 2015 and PyTorch)
}

// defaultConfig is what `go run ./examples/dyingrelu` trains. The learning
// rate is the provocation: 0.6 is six times the 0.1 at which this network
// trains calmly, so early steps throw many ReLU units' pre-activations below
// zero for every input, where their gradient is zero and they stay.
func defaultConfig() config {
	return config{
		Seed:      1,
		Classes:   3,
		PerClass:  300,
		Noise:     0.2,
		Hidden:    256,
		Layers:    3,
		Epochs:    15,
		Batch:     32,
		LR:        0.6,
		InitScale: 1,
		BiasInit:  0,
		Alphas:    []float32{0.01, 0.2},
		PReLU:     true,
		SlopeInit: 0.25,
	}
}

// activations lists the runs: ReLU, then LeakyReLU with each alpha, then
// PReLU.
func (c config) activations() []activation {
	acts := []activation{{Name: "ReLU"}}
	for _, a := range c.Alphas {
		acts = append(acts, activation{
			Name:  "LeakyReLU(" + strconv.FormatFloat(float64(a), 'g', -1, 32) + ")",
			Leaky: true,
			Alpha: a,
		})
	}
	if c.PReLU {
		acts = append(acts, activation{
			Name:      "PReLU(" + strconv.FormatFloat(float64(c.SlopeInit), 'g', -1, 32) + ")",
			PReLU:     true,
			SlopeInit: c.SlopeInit,
		})
	}
	return acts
}

// activationHook, when set (by tests), modifies each activation before its run.
var activationHook func(*activation)

// history is one run's record: index 0 is the untrained network, index e
// the e-th training epoch.
type history struct {
	Act    activation
	Stats  []epochStats
	Slopes [][]float32 // PReLU: the learned slopes at the end, per hidden layer
}

// validate rejects configurations that cannot run.
func (c config) validate() error {
	switch {
	case c.Classes < 2:
		return fmt.Errorf("need at least 2 classes, have %d", c.Classes)
	case c.PerClass < 1 || c.Hidden < 1 || c.Layers < 1 || c.Batch < 1:
		return fmt.Errorf("points, hidden, layers and batch must be positive")
	case c.Epochs < 1:
		return fmt.Errorf("need at least 1 epoch, have %d", c.Epochs)
	case !(c.LR > 0):
		return fmt.Errorf("learning rate must be positive, have %g", c.LR)
	}
	return nil
}

// run trains one network per activation from the same seed: the same data,
// the same initial weights and the same batch order, so the activation is
// the only difference. The runs go in parallel, one goroutine each, in
// lockstep by epoch; after each epoch (and once before training) report is
// called with every run's stats for that epoch, in order. Results depend
// only on the config, not on scheduling.
func run(c config, report func(epoch int, stats []epochStats)) []history {
	data := spiral(rand.New(rand.NewPCG(c.Seed, 1)), c.Classes, c.PerClass, c.Noise)
	sizes := []int{data.dim}
	for range c.Layers {
		sizes = append(sizes, c.Hidden)
	}
	sizes = append(sizes, c.Classes)

	acts := c.activations()
	hist := make([]history, len(acts))
	nets := make([]*mlp, len(acts))
	shuffles := make([]*rand.Rand, len(acts))
	perms := make([][]int, len(acts))
	for i, a := range acts {
		if activationHook != nil {
			activationHook(&a)
		}
		hist[i].Act = a
		nets[i] = newMLP(rand.New(rand.NewPCG(c.Seed, 2)), sizes, a, c.Batch, c.InitScale, c.BiasInit)
		shuffles[i] = rand.New(rand.NewPCG(c.Seed, 3))
		perms[i] = make([]int, data.n)
		for j := range perms[i] {
			perms[i][j] = j
		}
	}
	stats := make([]epochStats, len(acts))
	for e := 0; e <= c.Epochs; e++ {
		var wg sync.WaitGroup
		for i := range acts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				lr := float32(0) // epoch 0: evaluate the untrained network
				if e > 0 {
					lr = c.LR
					p := perms[i]
					shuffles[i].Shuffle(len(p), func(a, b int) { p[a], p[b] = p[b], p[a] })
				}
				stats[i] = nets[i].epoch(&data, perms[i], c.Batch, lr)
			}()
		}
		wg.Wait()
		for i := range acts {
			hist[i].Stats = append(hist[i].Stats, stats[i])
		}
		if report != nil {
			report(e, stats)
		}
	}
	for i, n := range nets {
		for _, sl := range n.slope {
			hist[i].Slopes = append(hist[i].Slopes, append([]float32(nil), sl...))
		}
	}
	return hist
}

// timing is what timeFused measured for one activation: the mean wall time
// of a training epoch and of its bias and activation steps alone (forward
// and backward), fused and unfused, and whether both trained to the same
// bits.
type timing struct {
	Act                  string
	Epochs               int
	Fused, Unfused       time.Duration // per epoch
	FusedAct, UnfusedAct time.Duration // per epoch, bias and activation steps only
	SameBits             bool
}

// timeFused trains act for epochs epochs twice, one goroutine, with the
// fused kernels and then the unfused way (a bias-add loop then the kernel;
// the kernel then a column-sum loop), from the same seed, and times both.
// The two give the same bits: the fused kernels add the bias and sum the
// rows exactly as those loops do.
func timeFused(c config, act activation, epochs int) timing {
	data := spiral(rand.New(rand.NewPCG(c.Seed, 1)), c.Classes, c.PerClass, c.Noise)
	sizes := []int{data.dim}
	for range c.Layers {
		sizes = append(sizes, c.Hidden)
	}
	sizes = append(sizes, c.Classes)
	t := timing{Act: act.Name, Epochs: epochs}
	var stats [2][]epochStats
	for v, unfused := range []bool{false, true} {
		a := act
		a.unfused = unfused
		n := newMLP(rand.New(rand.NewPCG(c.Seed, 2)), sizes, a, c.Batch, c.InitScale, c.BiasInit)
		shuffle := rand.New(rand.NewPCG(c.Seed, 3))
		perm := make([]int, data.n)
		for j := range perm {
			perm[j] = j
		}
		start := time.Now()
		for range epochs {
			shuffle.Shuffle(len(perm), func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
			stats[v] = append(stats[v], n.epoch(&data, perm, c.Batch, c.LR))
		}
		per := time.Since(start) / time.Duration(epochs)
		if unfused {
			t.Unfused, t.UnfusedAct = per, n.actTime/time.Duration(epochs)
		} else {
			t.Fused, t.FusedAct = per, n.actTime/time.Duration(epochs)
		}
	}
	t.SameBits = reflect.DeepEqual(stats[0], stats[1])
	return t
}
