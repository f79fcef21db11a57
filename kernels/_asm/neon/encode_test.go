package neon

import (
	"debug/elf"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Known encodings, from aarch64-linux-gnu-as -march=armv8-a (GNU Binutils
// 2.40) and aarch64-linux-gnu-objdump -d: both widths, the lowest and highest
// registers in every field.
var known = []struct {
	in   Instr
	word uint32
	gnu  string
}{
	{FCMLE0(Q, 4, 0), 0x6ea0d804, "fcmle v4.4s, v0.4s, #0.0"},
	{FCMLE0(D, 7, 31), 0x2ea0dbe7, "fcmle v7.2s, v31.2s, #0.0"},
	{FCMLE0(Q, 31, 17), 0x6ea0da3f, "fcmle v31.4s, v17.4s, #0.0"},
	{FMUL(Q, 16, 31, 0), 0x6e20dff0, "fmul v16.4s, v31.4s, v0.4s"},
	{FMUL(D, 1, 2, 30), 0x2e3edc41, "fmul v1.2s, v2.2s, v30.2s"},
	{FMUL(Q, 31, 0, 15), 0x6e2fdc1f, "fmul v31.4s, v0.4s, v15.4s"},
	{FADD(Q, 0, 1, 2), 0x4e22d420, "fadd v0.4s, v1.4s, v2.4s"},
	{FADD(D, 29, 3, 31), 0x0e3fd47d, "fadd v29.2s, v3.2s, v31.2s"},
	{BIC(Q, 0, 0, 4), 0x4e641c00, "bic v0.16b, v0.16b, v4.16b"},
	{BIC(D, 31, 5, 18), 0x0e721cbf, "bic v31.8b, v5.8b, v18.8b"},
	{BIT(Q, 0, 16, 4), 0x6ea41e00, "bit v0.16b, v16.16b, v4.16b"},
	{BIT(D, 3, 19, 7), 0x2ea71e63, "bit v3.8b, v19.8b, v7.8b"},
	{BIT(Q, 31, 31, 31), 0x6ebf1fff, "bit v31.16b, v31.16b, v31.16b"},
	{FCMGE(Q, 4, 0, 31), 0x6e3fe404, "fcmge v4.4s, v0.4s, v31.4s"},
	{FCMGE(D, 31, 30, 1), 0x2e21e7df, "fcmge v31.2s, v30.2s, v1.2s"},
	{FCMGT(Q, 4, 0, 31), 0x6ebfe404, "fcmgt v4.4s, v0.4s, v31.4s"},
	{FCMGT(D, 1, 31, 2), 0x2ea2e7e1, "fcmgt v1.2s, v31.2s, v2.2s"},
	{FCMEQ(Q, 4, 0, 31), 0x4e3fe404, "fcmeq v4.4s, v0.4s, v31.4s"},
	{FCMEQ(Q, 31, 5, 17), 0x4e31e4bf, "fcmeq v31.4s, v5.4s, v17.4s"},
}

func TestKnownEncodings(t *testing.T) {
	for _, k := range known {
		if k.in.Word != k.word || k.in.GNU != k.gnu {
			t.Errorf("got %#08x %q, want %#08x %q", k.in.Word, k.in.GNU, k.word, k.gnu)
		}
	}
	// Go's own mnemonic, where there is one, names the same operands.
	if got, want := BIT(Q, 0, 16, 4).Go, "VBIT\tV4.B16, V16.B16, V0.B16"; got != want {
		t.Errorf("BIT Go form %q, want %q", got, want)
	}
	if got, want := BIT(D, 0, 16, 4).Go, "VBIT\tV4.B8, V16.B8, V0.B8"; got != want {
		t.Errorf("BIT Go form %q, want %q", got, want)
	}
}

func TestBadRegisterPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("FMUL with v32 did not panic")
		}
	}()
	FMUL(Q, 0, 32, 1)
}

// TestAgainstAssembler assembles every encoder function with random
// registers and both widths and compares each word. It skips when
// aarch64-linux-gnu-as is missing unless FASTRELU_REQUIRE_AS is set (as
// scripts/check-neon-encodings.sh does).
func TestAgainstAssembler(t *testing.T) {
	as := assembler(t)
	rng := rand.New(rand.NewPCG(1, 2))
	r := func() V { return V(rng.IntN(32)) }
	var ins []Instr
	for i := 0; i < 256; i++ {
		for _, w := range []Width{Q, D} {
			ins = append(ins, FCMLE0(w, r(), r()), FMUL(w, r(), r(), r()), FADD(w, r(), r(), r()),
				BIC(w, r(), r(), r()), BIT(w, r(), r(), r()),
				FCMGE(w, r(), r(), r()), FCMGT(w, r(), r(), r()), FCMEQ(w, r(), r(), r()))
		}
	}
	for _, k := range known {
		ins = append(ins, k.in)
	}
	words := assemble(t, as, ins)
	for i, in := range ins {
		if words[i] != in.Word {
			t.Errorf("%s: encoder %#08x, assembler %#08x", in.GNU, in.Word, words[i])
		}
	}
	t.Logf("%d instructions match %s", len(ins), as)
}

// assembler returns the path of aarch64-linux-gnu-as, or skips t when it is
// missing (fails it when FASTRELU_REQUIRE_AS is set).
func assembler(t *testing.T) string {
	t.Helper()
	as, err := exec.LookPath("aarch64-linux-gnu-as")
	if err != nil {
		if os.Getenv("FASTRELU_REQUIRE_AS") != "" {
			t.Fatal("aarch64-linux-gnu-as is not installed and FASTRELU_REQUIRE_AS is set")
		}
		t.Skip("aarch64-linux-gnu-as not installed (Debian: binutils-aarch64-linux-gnu)")
	}
	return as
}

// assemble returns the words as gives for ins, in order.
func assemble(t *testing.T, as string, ins []Instr) []uint32 {
	t.Helper()
	dir := t.TempDir()
	src, obj := filepath.Join(dir, "x.s"), filepath.Join(dir, "x.o")
	var text strings.Builder
	text.WriteString(".text\n")
	for _, in := range ins {
		text.WriteString(in.GNU + "\n")
	}
	if err := os.WriteFile(src, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// armv8-a with FEAT_BF16 alone: BFCVTN's encoders are checked here; the
	// kernels' files are checked against armv8-a itself, except package
	// bf16's BFCVTN WORDs (TestNEONEncodings).
	if out, err := exec.Command(as, "-march=armv8-a+bf16", "-o", obj, src).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	f, err := elf.Open(obj)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := f.Section(".text").Data()
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != 4*len(ins) {
		t.Fatalf("%d instructions gave %d bytes", len(ins), len(data))
	}
	words := make([]uint32, len(ins))
	for i := range words {
		words[i] = binary.LittleEndian.Uint32(data[4*i:])
	}
	return words
}
