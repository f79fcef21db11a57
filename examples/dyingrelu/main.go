// Command dyingrelu shows the dying-ReLU problem with fastrelu's kernels in a
// real training loop, and how LeakyReLU and PReLU avoid it.
//
// It generates a 2-D spiral classification task (3 interleaved arms, 900
// points) and trains the same multilayer perceptron on it (3 hidden layers
// of 256 units, softmax output, plain mini-batch SGD, pure Go) once per
// activation, all from the same seed, so with the same data, the same
// initial weights and the same batch order: ReLU, LeakyReLU alpha = 0.01,
// LeakyReLU alpha = 0.2, and PReLU, which learns one slope per hidden unit
// (starting from 0.25). The layers run on the fused layer kernels, through
// kernels.Activation values: BiasForward (kernels.BiasReLU,
// kernels.BiasLeakyReLU) adds the bias and applies the activation in one
// pass, in place on the layer's buffer; BiasGradient (kernels.ReLUGradBias,
// kernels.LeakyReLUGradBias) turns the incoming gradient into the
// pre-activation's in place and sums it into the bias gradient in the same
// pass, computed from the forward output y instead of the pre-activation x,
// which the contract allows for ReLU and for LeakyReLU with a finite
// alpha > 0 (m(y) = m(x)); for any other alpha the network keeps a copy of
// x. The PReLU run uses kernels.PReLU and kernels.PReLUGrad, which also
// gives each slope's gradient; at the end the learned slopes are reported
// per layer (mean, min, max). The matrix products are plain Go.
//
// Last, it trains the LeakyReLU run again twice, alone, with the fused
// kernels and the unfused way (a bias-add loop then kernels.LeakyReLU;
// kernels.LeakyReLUGrad then a column-sum loop), and prints the epoch time
// of both and the time of the bias and activation steps alone: the two
// ways give the same bits, so only the time differs. The matrix products
// dominate an epoch of this small network; the steps the kernels fuse are
// the part that changes.
//
// What provokes the dying is the learning rate. The default -lr 0.6 is six
// times the 0.1 at which this network trains calmly (there a few percent of
// the ReLU units end dead): large early steps push units below zero for every
// input. A ReLU unit there outputs 0 and gets gradient 0, so its incoming
// weights never change again; it can only come back if the layers below it
// move. A LeakyReLU unit there still passes alpha times the gradient, so it
// keeps learning and can climb back, quickly with alpha = 0.2, slowly with
// 0.01. Other provocations to try: -bias-init -0.5 -lr 0.1 (many units start
// dead; here LeakyReLU(0.2) also ends with a much lower loss) and
// -init-scale 3 -lr 0.05 (huge first steps). At -lr 0.6 the LeakyReLU(0.2)
// and PReLU runs are on the edge of divergence (with -seed 1 the
// LeakyReLU(0.2) run diverges in its last epoch; -seed 2, 3 and 4 do not),
// and much above it they may diverge: ReLU's dead units also damp the
// network's gain, and PReLU's learned slopes can raise it.
//
// After each epoch it prints, per run, the mean training loss and the
// fraction of dead hidden units: units whose output was exactly 0 for every
// example of the epoch (for ReLU the same as a zero gradient for every
// example; a LeakyReLU unit is never dead in this sense). It also prints the
// fraction of inactive units, whose pre-activation was <= 0 for every
// example: for ReLU these are the dead ones, for LeakyReLU the units that
// only the leak keeps learning. At the end it prints a comparison table
// (Markdown) and writes an SVG plot of both fractions and the loss against
// epoch (default docs/dyingrelu.svg; -svg to change it, -svg "" for none).
//
// The output depends only on the flags: it is deterministic for a given
// -seed on a given platform, and since every kernel path gives the same
// bits, FASTRELU_ISA does not change a figure. It takes a few CPU seconds.
//
//	go run ./examples/dyingrelu
//	go run ./examples/dyingrelu -seed 7 -svg /tmp/dyingrelu.svg
//	go run ./examples/dyingrelu -lr 0.1   # a calm rate: few dead units
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/kernels"
)

func main() {
	c := defaultConfig()
	flag.Uint64Var(&c.Seed, "seed", c.Seed, "random seed: data, initial weights and batch order")
	flag.IntVar(&c.Epochs, "epochs", c.Epochs, "training epochs")
	flag.IntVar(&c.Hidden, "hidden", c.Hidden, "units per hidden layer")
	flag.IntVar(&c.Layers, "layers", c.Layers, "hidden layers")
	flag.IntVar(&c.PerClass, "points", c.PerClass, "points per spiral arm")
	flag.IntVar(&c.Classes, "classes", c.Classes, "spiral arms (classes)")
	flag.IntVar(&c.Batch, "batch", c.Batch, "mini-batch size")
	lr := flag.Float64("lr", float64(c.LR), "SGD learning rate (the default is deliberately high: it provokes dying units)")
	bias := flag.Float64("bias-init", float64(c.BiasInit), "initial bias of every hidden unit (negative provokes dying)")
	scale := flag.Float64("init-scale", float64(c.InitScale), "multiplier on the He-normal initial weights (large provokes dying)")
	alphas := flag.String("alphas", "0.01,0.2", "comma-separated LeakyReLU alphas to compare with ReLU")
	flag.BoolVar(&c.PReLU, "prelu", c.PReLU, "add a PReLU run (one learned slope per unit)")
	slope := flag.Float64("prelu-init", float64(c.SlopeInit), "PReLU's initial slope")
	timeEpochs := flag.Int("time-epochs", 5, "epochs of the fused-against-unfused timing (0: none)")
	out := flag.String("svg", "docs/dyingrelu.svg", `file to write the plot to ("": none)`)
	flag.Parse()
	if flag.NArg() > 0 {
		fatalf("unexpected arguments: %q", flag.Args())
	}
	c.LR, c.BiasInit, c.InitScale, c.SlopeInit = float32(*lr), float32(*bias), float32(*scale), float32(*slope)
	c.Alphas = nil
	for _, s := range strings.Split(*alphas, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		a, err := strconv.ParseFloat(s, 32)
		if err != nil {
			fatalf("bad -alphas entry %q: %v", s, err)
		}
		c.Alphas = append(c.Alphas, float32(a))
	}
	if err := c.validate(); err != nil {
		fatalf("%v", err)
	}

	printSetup(os.Stdout, c)
	hist := run(c, func(e int, stats []epochStats) { printEpoch(os.Stdout, e, stats) })
	fmt.Println()
	printTable(os.Stdout, hist)
	printSlopes(os.Stdout, hist)
	if *timeEpochs > 0 {
		acts := c.activations()
		act := acts[0]
		if len(acts) > 1 && acts[1].Leaky {
			act = acts[1]
		}
		fmt.Println()
		printTiming(os.Stdout, timeFused(c, act, *timeEpochs))
	}

	if *out != "" {
		if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
			fatalf("%v", err)
		}
		if err := os.WriteFile(*out, []byte(plotSVG(c, hist)), 0o644); err != nil {
			fatalf("%v", err)
		}
		fmt.Printf("\nplot written to %s\n", *out)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "dyingrelu: "+format+"\n", args...)
	os.Exit(2)
}

const colWidth = 24

// printSetup says what is trained, what provokes the dying units, and the
// header of the per-epoch lines.
func printSetup(w io.Writer, c config) {
	fmt.Fprintf(w, "dyingrelu: %d-arm spiral, %d points; MLP 2-%s-%d; plain SGD, batch %d, %d epochs; seed %d; kernels: %s\n",
		c.Classes, c.Classes*c.PerClass, hiddenSizes(c), c.Classes, c.Batch, c.Epochs, c.Seed, kernels.Implementation())
	fmt.Fprintf(w, "provoking dying units with: %s\n", provocation(c))
	fmt.Fprintln(w, "loss: mean training cross-entropy; dead: hidden units whose output was 0 for every example of the epoch;")
	fmt.Fprintln(w, "inactive: hidden units whose pre-activation was <= 0 for every example (for ReLU, the dead ones)")
	fmt.Fprintln(w)
	var h1, h2 strings.Builder
	fmt.Fprintf(&h1, "%5s", "")
	fmt.Fprintf(&h2, "%5s", "epoch")
	for _, a := range c.activations() {
		fmt.Fprintf(&h1, " | %-*s", colWidth, a.Name)
		fmt.Fprintf(&h2, " | %-*s", colWidth, "  loss    dead inactive")
	}
	fmt.Fprintln(w, strings.TrimRight(h1.String(), " "))
	fmt.Fprintln(w, strings.TrimRight(h2.String(), " "))
}

// provocation describes the settings that push units to die.
func provocation(c config) string {
	p := []string{fmt.Sprintf("learning rate %g", c.LR)}
	if c.LR > 0.3 {
		p[0] += fmt.Sprintf(" (%.3gx the calm 0.1; no momentum, no clipping)", c.LR/0.1)
	}
	if c.BiasInit != 0 {
		p = append(p, fmt.Sprintf("hidden biases start at %g", c.BiasInit))
	}
	if c.InitScale != 1 {
		p = append(p, fmt.Sprintf("initial weights %gx the He-normal scale", c.InitScale))
	}
	return strings.Join(p, "; ")
}

func printEpoch(w io.Writer, e int, stats []epochStats) {
	var b strings.Builder
	fmt.Fprintf(&b, "%5d", e)
	for _, s := range stats {
		fmt.Fprintf(&b, " | %-*s", colWidth, fmt.Sprintf("%6.4f %6.1f%% %6.1f%%", s.Loss, 100*s.Dead, 100*s.Inactive))
	}
	fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
}

// printTable prints the comparison as a Markdown table.
func printTable(w io.Writer, hist []history) {
	fmt.Fprintln(w, "| activation | loss, untrained | loss, final | accuracy, final | dead, final | dead, peak | dead by layer, final | inactive, final |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, h := range hist {
		first, last := h.Stats[0], h.Stats[len(h.Stats)-1]
		peak := 0.0 // over the training epochs
		for _, s := range h.Stats[1:] {
			peak = max(peak, s.Dead)
		}
		var layers []string
		for _, d := range last.DeadBy {
			layers = append(layers, fmt.Sprintf("%.0f%%", 100*d))
		}
		fmt.Fprintf(w, "| %s | %.4f | %.4f | %.1f%% | %.1f%% | %.1f%% | %s | %.1f%% |\n",
			h.Act.Name, first.Loss, last.Loss, 100*last.Acc, 100*last.Dead, 100*peak,
			strings.Join(layers, " / "), 100*last.Inactive)
	}
}

// printSlopes reports the slopes each PReLU run learned, per hidden layer.
func printSlopes(w io.Writer, hist []history) {
	for _, h := range hist {
		if len(h.Slopes) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s: learned slopes per hidden layer (initially %g)\n", h.Act.Name, h.Act.SlopeInit)
		fmt.Fprintln(w, "| layer | mean | min | max | negative |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|")
		for l, s := range h.Slopes {
			st := summarize(s)
			fmt.Fprintf(w, "| %d | %.4f | %.4f | %.4f | %d of %d |\n", l+1, st.mean, st.min, st.max, st.negative, len(s))
		}
	}
}

type slopeStats struct {
	mean, min, max float64
	negative       int
}

func summarize(s []float32) slopeStats {
	st := slopeStats{min: math.Inf(1), max: math.Inf(-1)}
	for _, v := range s {
		f := float64(v)
		st.mean += f
		st.min = min(st.min, f)
		st.max = max(st.max, f)
		if f < 0 {
			st.negative++
		}
	}
	st.mean /= float64(len(s))
	return st
}

// printTiming prints the fused-against-unfused timing.
func printTiming(w io.Writer, t timing) {
	fmt.Fprintf(w, "%s, %d epochs, one goroutine; elementwise kernels: %s, layer kernels: %s\n",
		t.Act, t.Epochs, kernels.Implementation(), layerPath())
	fmt.Fprintln(w, "| | epoch | bias and activation steps |")
	fmt.Fprintln(w, "|---|---:|---:|")
	fmt.Fprintf(w, "| fused (BiasForward, BiasGradient) | %v | %v |\n", t.Fused.Round(time.Microsecond), t.FusedAct.Round(time.Microsecond))
	fmt.Fprintf(w, "| unfused (bias loop + kernel, kernel + column sums) | %v | %v |\n", t.Unfused.Round(time.Microsecond), t.UnfusedAct.Round(time.Microsecond))
	fmt.Fprintf(w, "bias and activation steps, unfused time / fused time: %.2f; same bits: %v\n",
		float64(t.UnfusedAct)/float64(max(t.FusedAct, 1)), t.SameBits)
}

// layerPath names the path the layer kernels run on: the active row's, or
// generic where that row has no layer kernels yet.
func layerPath() string {
	for _, r := range impl.All() {
		if r.Name == kernels.Implementation() && r.BiasReLU != nil {
			return r.Name
		}
	}
	return "generic"
}
