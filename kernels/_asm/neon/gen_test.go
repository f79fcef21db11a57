package neon

import (
	"bytes"
	"crypto/sha256"
	"fmt"
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
	}{{"../../kernels_arm64.s", GenerateAsm}, {"../../kernels_arm64.go", GenerateStubs}} {
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

// A kernel the shape takes that the library does not emit: TestShape checks
// it. Bias gradient one row at a time, dst += grad: dst is an input.
var examples = []Kernel{
	{
		Name: "accumulate", Args: []string{"grad"}, Inputs: []string{"dst", "grad"},
		Steps: []Step{fadd(b0, b0, b1)},
		Out:   b0,
	},
}

var (
	loadLine  = regexp.MustCompile(`^\t(VLD1\.P|FMOVD\.P\t\d+\(R|FMOVS(\.P)?\t(4)?\(R)`)
	storeLine = regexp.MustCompile(`^\t(VST1\.P|FMOVD\.P\tF|FMOVS(\.P)?\tF\d+, (4)?\(R\d+\))`)
)

// TestShape checks every kernel, the library's and the examples: it emits,
// and in each block (the loop and every tail) all loads come before the
// stores (dst, then each accumulator), which are the block's last memory
// accesses.
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
			stores, loads := 0, 0
			for _, line := range strings.Split(block, "\n") {
				switch {
				case loadLine.MatchString(line):
					loads++
					if stores > 0 {
						t.Errorf("%s: load after a store: %q", k.Name, line)
					}
				case storeLine.MatchString(line):
					stores++
				}
			}
			if stores != 1+len(k.Accs) || loads != len(k.inputs()) {
				t.Errorf("%s: a block with %d loads and %d stores:\n%s", k.Name, loads, stores, block)
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

// TestElementwiseKernelsUnchanged holds the four elementwise kernels (entry
// point and kernel) to the bytes they had before the shape learned rows:
// the row loop must not touch a kernel without Cols. (The hashes changed
// once since, when the entry points lost their Asm suffix: the text was
// otherwise the same.)
func TestElementwiseKernelsUnchanged(t *testing.T) {
	want := map[string]string{
		"relu":          "d910ae1e7d0c16962fff1ba21c387e299412fa3c61d6b8656fe4317a4e5a3fee",
		"leakyReLU":     "a67ffcf19cc01d71ab117dd84ba45a7c8ec54db966661546f890b93783037e8f",
		"reluGrad":      "a1d4fb068fd7c8d7f22b1dda8fe46814505a7bf64fecaf5f4ae39a6979edc898",
		"leakyReLUGrad": "5f3cca6807246adffb3097e848d3b5b9c829d485a5375380c7acc8a7702c6516",
	}
	seen := 0
	for _, k := range kernels {
		h, ok := want[k.Name]
		if !ok {
			continue
		}
		seen++
		var b w
		k.emitEntry(&b)
		k.emit(&b)
		if got := fmt.Sprintf("%x", sha256.Sum256([]byte(b.String()))); got != h {
			t.Errorf("%s: emitted text changed (sha256 %s, want %s):\n%s", k.Name, got, h, b.String())
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d elementwise kernels found", seen, len(want))
	}
}

// emitted returns the text of kernel name's NEON kernel.
func emitted(t *testing.T, name string) string {
	t.Helper()
	for _, k := range kernels {
		if k.Name == name {
			var b w
			k.emit(&b)
			return b.String()
		}
	}
	t.Fatalf("no kernel %s", name)
	return ""
}

// blockOf returns the lines of the block after label ("loop16", "tail1")
// up to the next blank line.
func blockOf(text, label string) []string {
	_, after, _ := strings.Cut(text, "\n"+label+":\n")
	body, _, _ := strings.Cut(after, "\n\n")
	return strings.Split(body, "\n")
}

// TestLayerKernels checks the descriptions of the six layer kernels in what
// they emit: the frame, the row loop (the per-column pointers reset at every
// row, cols from the right argument, n counted down by cols), the operand
// order of every FADD and FMUL (the NaN order: the generic Go code's
// src + bias, acc + d, alpha*grad, slope*x, slope*grad, x*grad), the
// select of the PReLU slope gradient (a BIT: rows with m(x) false add
// nothing), and post-increments in the 1-float tail (the next row follows).
func TestLayerKernels(t *testing.T) {
	for _, c := range []struct {
		name   string
		frame  string
		want   []string // lines, in this order, anywhere in the kernel
		loop16 []string // the first chain's instructions of the 16-float block, in order
	}{
		{"biasReLU", "$0-72", []string{
			"\tMOVD\tsrc_base+24(FP), R1", "\tMOVD\tbias_base+48(FP), R11", "\tMOVD\tbias_len+56(FP), R10",
			"\tCBZ\tR3, done", "row:", "\tMOVD\tR11, R2", "\tLSR\t$4, R10, R4"}, []string{
			"\tVLD1.P\t64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]", "\tVLD1.P\t64(R2), [V4.S4, V5.S4, V6.S4, V7.S4]",
			"\tWORD\t$0x4e24d400 // fadd v0.4s, v0.4s, v4.4s", "\tWORD\t$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0",
			"\tWORD\t$0x4e641c00 // bic v0.16b, v0.16b, v4.16b", "\tVST1.P\t[V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)"}},
		{"biasLeakyReLU", "$0-76", []string{
			"\tMOVD\tbias_len+56(FP), R10", "\tFMOVS\talpha+72(FP), F31", "row:", "\tMOVD\tR11, R2"}, []string{
			"\tWORD\t$0x4e24d400 // fadd v0.4s, v0.4s, v4.4s", "\tWORD\t$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0",
			"\tWORD\t$0x6e20dff0 // fmul v16.4s, v31.4s, v0.4s", "\tVBIT\tV4.B16, V16.B16, V0.B16"}},
		{"reluGradBias", "$0-96", []string{
			"\tMOVD\tgrad_base+48(FP), R1", "\tMOVD\ty_base+72(FP), R2", "\tMOVD\tdbias_base+24(FP), R11",
			"\tMOVD\tdbias_len+32(FP), R10", "row:", "\tMOVD\tR11, R5", "\tMOVD\tR11, R14"}, []string{
			"\tVLD1.P\t64(R5), [V8.S4, V9.S4, V10.S4, V11.S4]", "\tWORD\t$0x6ea0d884 // fcmle v4.4s, v4.4s, #0.0",
			"\tWORD\t$0x4e641c00 // bic v0.16b, v0.16b, v4.16b", "\tWORD\t$0x4e20d508 // fadd v8.4s, v8.4s, v0.4s",
			"\tVST1.P\t[V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)", "\tVST1.P\t[V8.S4, V9.S4, V10.S4, V11.S4], 64(R14)"}},
		{"leakyReLUGradBias", "$0-100", []string{"\tFMOVS\talpha+96(FP), F31", "row:", "\tMOVD\tR11, R14"}, []string{
			"\tWORD\t$0x6e20dff0 // fmul v16.4s, v31.4s, v0.4s", "\tVBIT\tV4.B16, V16.B16, V0.B16",
			"\tWORD\t$0x4e20d508 // fadd v8.4s, v8.4s, v0.4s"}},
		{"prelu", "$0-72", []string{"\tMOVD\tslope_base+48(FP), R11", "\tMOVD\tslope_len+56(FP), R10"}, []string{
			"\tWORD\t$0x6ea0d808 // fcmle v8.4s, v0.4s, #0.0", "\tWORD\t$0x6e20dc90 // fmul v16.4s, v4.4s, v0.4s",
			"\tVBIT\tV8.B16, V16.B16, V0.B16"}},
		{"preluGrad", "$0-120", []string{
			"\tMOVD\tslope_base+96(FP), R11", "\tMOVD\tdslope_base+24(FP), R12", "\tMOVD\tslope_len+104(FP), R10",
			"row:", "\tMOVD\tR11, R5", "\tMOVD\tR12, R6", "\tMOVD\tR12, R14"}, []string{
			"\tWORD\t$0x6ea0d890 // fcmle v16.4s, v4.4s, #0.0", "\tWORD\t$0x6e20dc94 // fmul v20.4s, v4.4s, v0.4s",
			"\tWORD\t$0x6e20dd18 // fmul v24.4s, v8.4s, v0.4s", "\tWORD\t$0x4e34d594 // fadd v20.4s, v12.4s, v20.4s",
			"\tVBIT\tV16.B16, V24.B16, V0.B16", "\tVBIT\tV16.B16, V20.B16, V12.B16",
			"\tVST1.P\t[V12.S4, V13.S4, V14.S4, V15.S4], 64(R14)"}},
	} {
		text := emitted(t, c.name)
		if !strings.Contains(text, "TEXT ·"+c.name+"NEON(SB), NOSPLIT, "+c.frame+"\n") {
			t.Errorf("%s: frame is not %s", c.name, c.frame)
		}
		lines := strings.Split(text, "\n")
		inOrder := func(what string, lines, want []string) {
			at := 0
			for _, l := range lines {
				if at < len(want) && l == want[at] {
					at++
				}
			}
			if at < len(want) {
				t.Errorf("%s: %s: no %q (in this order) in\n%s", c.name, what, want[at], strings.Join(lines, "\n"))
			}
		}
		inOrder("kernel", lines, c.want)
		inOrder("loop16", blockOf(text, "loop16"), c.loop16)
		// The row loop: the column loop counts cols, not n, and the last
		// tail goes on to the next row, whose floats follow.
		inOrder("row loop", lines, []string{"\tTBZ\t$3, R10, tail4", "\tTBZ\t$0, R10, next", "next:",
			"\tSUBS\tR10, R3", "\tBNE\trow", "done:", "\tRET"})
		for _, l := range blockOf(text, "tail1") {
			if strings.HasPrefix(l, "\tFMOVS\t") {
				t.Errorf("%s: a 1-float access without post-increment: %q", c.name, l)
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
		{Name: "cols not an input", Args: []string{"src", "bias"}, Inputs: []string{"src"}, Cols: []string{"bias"}, Out: b0},
		{Name: "cols dst", Args: []string{"src"}, Inputs: []string{"dst", "src"}, Cols: []string{"dst"}, Out: b0},
		{Name: "acc not in cols", Args: []string{"dbias", "grad"}, Inputs: []string{"grad", "dbias"}, Cols: []string{"dbias"},
			Accs: []Acc{{"grad", b0}}, Out: b0},
		{Name: "acc twice", Args: []string{"dbias", "grad"}, Inputs: []string{"grad", "dbias"}, Cols: []string{"dbias"},
			Accs: []Acc{{"dbias", b1}, {"dbias", b1}}, Out: b0},
		{Name: "acc unwritten", Args: []string{"dbias", "grad"}, Inputs: []string{"grad", "dbias"}, Cols: []string{"dbias"},
			Accs: []Acc{{"dbias", b4}}, Out: b0},
	} {
		if err := k.check(); err == nil {
			t.Errorf("%s: no error", k.Name)
		} else {
			t.Logf("%s: %v", k.Name, err)
		}
	}
}

// Banks for the hand-written examples above.
var (
	b0, b1, b4 = Bank(0), Bank(1), Bank(4)
	alpha      = Scalar(0)
)
