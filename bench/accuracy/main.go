// Command accuracy writes docs/accuracy.md: for each activation, the
// largest error in float32 ulps of this library and of its peers on the
// same inputs, how many outputs are off by more than an ulp, whether the
// hard functions give PyTorch's bits, and what each gives at the special
// inputs.
//
//	cd bench && go run -tags peers ./accuracy -o ../docs/accuracy.md
//
// Without -tags peers only this library and the Go math loop are measured,
// and the page says so. -stride and -near thin the inputs for a smoke run.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/fastrelu/fastrelu/bench"
	"github.com/fastrelu/fastrelu/kernels"
	"github.com/klauspost/cpuid/v2"
)

func main() {
	out := flag.String("o", "", "write the page to this file (default stdout)")
	stride := flag.Uint("stride", 64, "measure every stride-th float32 bit pattern (a power of two)")
	near := flag.Uint("near", 16, "and every near-th pattern in [-20, 20] (a power of two dividing stride; 0 for none)")
	only := flag.String("fn", "", "measure only these functions (comma-separated names)")
	flag.Parse()
	in := inputSet{stride: uint32(*stride), near: uint32(*near)}
	if err := in.check(); err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writePage(&buf, in, selected(*only), commandLine()); err != nil {
		log.Fatal(err)
	}
	if *out == "" {
		os.Stdout.Write(buf.Bytes())
		return
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

func (s inputSet) check() error {
	pow2 := func(v uint32) bool { return v != 0 && v&(v-1) == 0 }
	if !pow2(s.stride) {
		return fmt.Errorf("-stride %d is not a power of two", s.stride)
	}
	if s.near != 0 && (!pow2(s.near) || s.near > s.stride) {
		return fmt.Errorf("-near %d is not a power of two at most -stride", s.near)
	}
	return nil
}

func selected(only string) []function {
	all := append(hardFunctions(), smoothFunctions()...)
	if only == "" {
		return all
	}
	var fs []function
	for _, f := range all {
		for _, name := range strings.Split(only, ",") {
			if strings.EqualFold(strings.TrimSpace(name), f.name) {
				fs = append(fs, f)
			}
		}
	}
	return fs
}

// commandLine is the command that remakes the page, as run from bench/.
func commandLine() string {
	cmd := "go run"
	if peersBuilt() {
		cmd += " -tags peers"
	}
	cmd += " ./accuracy"
	flag.Visit(func(f *flag.Flag) {
		if f.Name != "o" {
			cmd += fmt.Sprintf(" -%s %s", f.Name, f.Value)
		}
	})
	return cmd + " -o ../docs/accuracy.md"
}

// peersBuilt reports whether the C libraries are in this build.
func peersBuilt() bool {
	for _, p := range bench.Peers() {
		if p.Name != "fastrelu" && p.Name != "gomath" {
			return true
		}
	}
	return false
}

func (s inputSet) count() (n uint64) {
	for _, g := range s.segments() {
		n += g.count
	}
	return n
}

func writePage(w io.Writer, in inputSet, fs []function, cmd string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Accuracy\n\n")
	fmt.Fprintf(&b, "Each function's largest error on finite float32 inputs, in units in the last place (ulps) of float32 at the exact value, "+
		"for this library and for the peer libraries, all run on the same inputs: ")
	nearText := ""
	if in.near != 0 {
		nearText = fmt.Sprintf(", and every %s pattern with |x| <= 20 (where activations take their inputs), %s inputs in all less the NaN and infinite patterns", ordinal(in.near), thousands(in.count()))
	}
	fmt.Fprintf(&b, "every %s float32 bit pattern%s. ", ordinal(in.stride), nearText)
	fmt.Fprintf(&b, "The special inputs (±Inf, NaN, signaling NaN, ±0, ±2^-140) and the tails (x = -10^4 … 10^4, where exponentials overflow or results underflow) are run separately.\n\n")
	fmt.Fprintf(&b, "The reference is the exact function: for the hard functions their piecewise rational formula in float64, for the smooth ones a float64 evaluation "+
		"(erfc for GELU, e^-2u for GELUTanh, so that nothing cancels) that decides ulp errors far below the precision shown; "+
		"where it puts an output within a millionth of half an ulp, the correctly rounded oracle (internal/oracle, math/big) decides whether the output is correctly rounded. "+
		"ELU's alpha is 1 and LeakyReLU's slope is %g.\n\n", bench.Alpha)
	fmt.Fprintf(&b, "Machine: %s, %s, GOMAXPROCS %d. Implementations:\n\n", cpuid.CPU.BrandName, runtime.Version(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(&b, "- fastrelu: package kernels' public functions (%s path; the smooth functions in float64 lanes or the generic kernel, the same bits either way, "+
		"proven correctly rounded on all 2^32 inputs).\n", kernels.Implementation())
	for _, p := range bench.Peers() {
		if p.Name != "fastrelu" {
			fmt.Fprintf(&b, "- %s: %s.\n", p.Name, p.Note)
		}
	}
	fmt.Fprintf(&b, "- pytorch formula (hard functions): PyTorch's CPU formula as a float32 Go loop, operation for operation (hardsigmoid = min(max(x+3, 0), 6)/6).\n")
	if !peersBuilt() {
		fmt.Fprintf(&b, "\nThis page was made without `-tags peers`: oneDNN and XNNPACK are not measured.\n")
	}
	fmt.Fprintf(&b, "\nRemade from bench/ with the command below (minutes on two cores; -stride and -near thin the inputs for a smoke run, -fn picks functions; -tags peers needs cgo and Debian's libdnnl-dev, libxnnpack-dev and libpthreadpool-dev):\n\n\t%s\n\n", cmd)
	b.WriteString(howToRead)
	for _, f := range fs {
		start := time.Now()
		impls := implementations(f)
		st := measure(f, impls, in)
		fmt.Fprintf(&b, "\n## %s\n\n", f.name)
		if f.hard {
			b.WriteString("| implementation | max error (ulp) | at x | max error, normal values | inputs > 1 ulp | PyTorch's bits | specials |\n|---|---|---|---|---|---|---|\n")
		} else {
			b.WriteString("| implementation | max error (ulp) | at x | max error, normal values | inputs > 1 ulp | not correctly rounded | specials |\n|---|---|---|---|---|---|---|\n")
		}
		for k, im := range impls {
			s := &st[k]
			at := "—"
			if s.maxULP > 0 {
				at = fmt.Sprintf("%g (gives %s)", s.maxAt, show(s.maxGot))
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | ", im.name, formatULP(s.maxULP), at, formatULP(s.maxNormal), share(s.overOne, s.inputs))
			if f.hard {
				if s.torchDiffers == 0 {
					b.WriteString("yes")
				} else {
					fmt.Fprintf(&b, "no: %s differ, first at %g", share(s.torchDiffers, s.inputs), s.torchFirst)
				}
			} else {
				b.WriteString(share(s.notCorrect, s.inputs))
			}
			fmt.Fprintf(&b, " | %s |\n", specialsSummary(f, im))
		}
		log.Printf("%s: %d implementations, %v", f.name, len(impls), time.Since(start).Round(time.Second))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

const howToRead = `## How to read the tables

- 0.5 ulp means correctly rounded: the output is the float32 nearest the exact value. Every smooth function of this library is, by proof on all 2^32 inputs; the column "not correctly rounded" counts the outputs that are not.
- "max error, normal values" is the max over inputs whose exact value is a normal float32 (magnitude at least 2^-126): it leaves out outputs flushed to zero and the coarse absolute spacing of subnormals, where a flush counts millions of ulps.
- The hard functions of this library (and PyTorch's formula) are float32 loops with a fixed order of operations; "exact" there means the same bits as that formula, and their error against the real function is what those float32 roundings give (x + 3, then /6): above 0.5 ulp for HardSigmoid and HardSwish, 0 for the clamps. LeakyReLU's reference slope is the real 0.01, which float32 holds as 0.0099999998: that alone adds up to 0.37 ulp to the half ulp of the product.
- "PyTorch's bits" compares every finite output, bit for bit, with PyTorch's CPU formula run as a float32 loop. At the special inputs the reference is the same formula, except HardSwish(-Inf), which this library defines as the limit -0 where PyTorch's -Inf*0 gives NaN.
- "specials" lists only what differs from the reference (the oracle for the smooth functions, which gives limits at ±Inf and keeps a NaN's payload, quieted): "-Inf→NaN" is the output at -Inf, "flushes subnormals" means a subnormal input gives the output at zero, "tails x→got (want)" an output more than an ulp off in the tails, "ok" nothing.
- "∞" is a NaN or infinite output for a finite input whose value is finite. PyTorch's HardSwish formula, and so this library's, computes x*6 before dividing, which overflows to +Inf for x above MaxFloat32/6 (about 5.7e37) where the value is x.
`

func formatULP(e float64) string {
	switch {
	case math.IsInf(e, 1):
		return "∞"
	case e == 0:
		return "0"
	case e > 0.5 && e < 0.505:
		// Not correctly rounded, though "0.50" would read as if it were.
		return "> 0.50"
	case e < 100:
		return fmt.Sprintf("%.2f", e)
	}
	return fmt.Sprintf("%.3g", e)
}

func share(n, of uint64) string {
	if n == 0 {
		return "0"
	}
	return fmt.Sprintf("%s (%.2g%%)", thousands(n), 100*float64(n)/float64(of))
}

func thousands(n uint64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func ordinal(n uint32) string {
	s := fmt.Sprint(n)
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return s + "th"
	case n%10 == 1:
		return s + "st"
	case n%10 == 2:
		return s + "nd"
	case n%10 == 3:
		return s + "rd"
	}
	return s + "th"
}
