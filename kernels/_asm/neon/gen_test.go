package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestCheckedInFilesAreUpToDate fails when kernels_arm64.s or
// kernels_arm64.go differ from what this generator writes: run
// `go generate ./kernels` and commit the result.
func TestCheckedInFilesAreUpToDate(t *testing.T) {
	for _, f := range []struct {
		path string
		gen  func() ([]byte, error)
	}{{"../../kernels_arm64.s", generateAsm}, {"../../kernels_arm64.go", generateStubs}} {
		want, err := f.gen()
		if err != nil {
			t.Fatal(err)
		}
		again, _ := f.gen()
		if !bytes.Equal(want, again) {
			t.Errorf("%s: two runs of the generator differ", f.path)
		}
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the generator writes: run go generate ./kernels", f.path)
		}
	}
}

// The kernels announced next, as they would be described: each is a few
// lines. They are not emitted into the library; TestShape checks that the
// shape takes them.
var examples = []Kernel{
	{
		// dst = ReLU(src + bias): the sum as Go's compiler orders src+bias.
		Name: "biasReLU", Args: []string{"src", "bias"},
		Steps: []Step{fadd(b0, b0, b1), fcmle0(b1, b0), bic(b0, b0, b1)},
		Out:   b0,
	},
	{
		// PReLU with a slope per element (per channel, row by row): the
		// product as Go's compiler orders slope*src.
		Name: "prelu", Args: []string{"src", "slope"},
		Steps: []Step{fcmle0(Bank(2), b0), fmul(b4, b1, b0), bit(b0, b4, Bank(2))},
		Out:   b0,
	},
	{
		// Bias gradient, one row at a time: dst += grad. dst is an input.
		Name: "accumulate", Args: []string{"grad"}, Inputs: []string{"dst", "grad"},
		Steps: []Step{fadd(b0, b0, b1)},
		Out:   b0,
	},
}

var (
	loadLine  = regexp.MustCompile(`^\t(VLD1\.P|FMOVD\.P\t\d+\(R|FMOVS\t\(R)`)
	storeLine = regexp.MustCompile(`^\t(VST1\.P|FMOVD\.P\tF|FMOVS\tF\d+, \(R0\))`)
)

// TestShape checks every kernel, the library's and the examples: it emits,
// and in each block (the loop and every tail) all loads come before the one
// store, which is the block's last memory access.
func TestShape(t *testing.T) {
	for _, k := range append(append([]Kernel(nil), kernels...), examples...) {
		if err := k.check(); err != nil {
			t.Fatal(err)
		}
		var b w
		k.emit(&b)
		blocks := 0
		for _, block := range regexp.MustCompile(`\n(loop16|tail\d):\n`).Split(b.String(), -1)[1:] {
			blocks++
			stored, loads := false, 0
			for _, line := range strings.Split(block, "\n") {
				switch {
				case loadLine.MatchString(line):
					loads++
					if stored {
						t.Errorf("%s: load after the store: %q", k.Name, line)
					}
				case storeLine.MatchString(line):
					if stored {
						t.Errorf("%s: two stores in a block", k.Name)
					}
					stored = true
				}
			}
			if !stored || loads != len(k.inputs()) {
				t.Errorf("%s: a block with %d loads and store %v:\n%s", k.Name, loads, stored, block)
			}
		}
		if blocks != 5 {
			t.Errorf("%s: %d blocks, want 5", k.Name, blocks)
		}
		if k.Name == "accumulate" {
			for _, want := range []string{"\tMOVD\tdst_base+0(FP), R1\n", "\tMOVD\tgrad_base+24(FP), R2\n",
				"\tWORD\t$0x4e24d400 // fadd v0.4s, v0.4s, v4.4s\n", "TEXT ·accumulateNEON(SB), NOSPLIT, $0-48\n"} {
				if !strings.Contains(b.String(), want) {
					t.Errorf("accumulate: no %q in\n%s", want, b.String())
				}
			}
		}
	}
}

func TestCheckRejects(t *testing.T) {
	for _, k := range []Kernel{
		{Name: "undefined", Args: []string{"src"}, Steps: []Step{bic(b0, b0, b1)}, Out: b0},
		{Name: "bank7", Args: []string{"src"}, Steps: []Step{fcmle0(Bank(7), b0)}, Out: b0},
		{Name: "scalar", Args: []string{"src"}, Steps: []Step{fmul(b0, alpha, b0)}, Out: b0},
		{Name: "out", Args: []string{"src"}, Steps: []Step{fcmle0(b1, b0)}, Out: b4},
		{Name: "input", Args: []string{"src"}, Inputs: []string{"x"}, Out: b0},
		{Name: "writes a scalar", Args: []string{"src"}, Scalars: []string{"alpha"}, Steps: []Step{fcmle0(alpha, b0)}, Out: b0},
	} {
		if err := k.check(); err == nil {
			t.Errorf("%s: no error", k.Name)
		} else {
			t.Logf("%s: %v", k.Name, err)
		}
	}
}
