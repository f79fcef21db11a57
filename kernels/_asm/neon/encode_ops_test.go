package neon

import (
	"math/rand/v2"
	"testing"
)

// Known encodings of encode_ops.go, from aarch64-linux-gnu-as
// -march=armv8-a (GNU Binutils 2.40) and aarch64-linux-gnu-objdump -d.
var knownOps = []struct {
	in   Instr
	word uint32
	gnu  string
}{
	{FSUB(Q, 0, 1, 2), 0x4ea2d420, "fsub v0.4s, v1.4s, v2.4s"},
	{FDIV(D, 31, 0, 17), 0x2e31fc1f, "fdiv v31.2s, v0.2s, v17.2s"},
	{FMLA(Q, 8, 4, 0), 0x4e20cc88, "fmla v8.4s, v4.4s, v0.4s"},
	{FABS(Q, 3, 30), 0x4ea0fbc3, "fabs v3.4s, v30.4s"},
	{FNEG(D, 0, 31), 0x2ea0fbe0, "fneg v0.2s, v31.2s"},
	{FRINTN(Q, 16, 5), 0x4e2188b0, "frintn v16.4s, v5.4s"},
	{FCVTNS(Q, 1, 2), 0x4e21a841, "fcvtns v1.4s, v2.4s"},
	{ADD32(Q, 0, 1, 31), 0x4ebf8420, "add v0.4s, v1.4s, v31.4s"},
	{SHL32(Q, 0, 1, 23), 0x4f375420, "shl v0.4s, v1.4s, #23"},
	{SHL32(D, 31, 31, 0), 0x0f2057ff, "shl v31.2s, v31.2s, #0"},
	{SHL32(Q, 2, 3, 31), 0x4f3f5462, "shl v2.4s, v3.4s, #31"},
	{FSUB64(0, 1, 2), 0x4ee2d420, "fsub v0.2d, v1.2d, v2.2d"},
	{FADD64(1, 2, 3), 0x4e63d441, "fadd v1.2d, v2.2d, v3.2d"},
	{FADD64(31, 0, 17), 0x4e71d41f, "fadd v31.2d, v0.2d, v17.2d"},
	{FMUL64(1, 2, 3), 0x6e63dc41, "fmul v1.2d, v2.2d, v3.2d"},
	{FMUL64(0, 31, 5), 0x6e65dfe0, "fmul v0.2d, v31.2d, v5.2d"},
	{FDIV64(3, 4, 31), 0x6e7ffc83, "fdiv v3.2d, v4.2d, v31.2d"},
	{FMLA64(8, 0, 4), 0x4e64cc08, "fmla v8.2d, v0.2d, v4.2d"},
	{FCVTL(1, 2), 0x0e617841, "fcvtl v1.2d, v2.2s"},
	{FCVTL2(16, 31), 0x4e617bf0, "fcvtl2 v16.2d, v31.4s"},
	{FCVTN(5, 6), 0x0e6168c5, "fcvtn v5.2s, v6.2d"},
	{FCVTN2(7, 8), 0x4e616907, "fcvtn2 v7.4s, v8.2d"},
	{FCVTLH(1, 2), 0x0e217841, "fcvtl v1.4s, v2.4h"},
	{FCVTL2H(16, 31), 0x4e217bf0, "fcvtl2 v16.4s, v31.8h"},
	{FCVTNH(5, 6), 0x0e2168c5, "fcvtn v5.4h, v6.4s"},
	{FCVTN2H(7, 8), 0x4e216907, "fcvtn2 v7.8h, v8.4s"},
	// -march=armv8.6-a+bf16
	{BFCVTN(5, 6), 0x0ea168c5, "bfcvtn v5.4h, v6.4s"},
	{BFCVTN2(7, 8), 0x4ea16907, "bfcvtn2 v7.8h, v8.4s"},
}

func TestKnownOpEncodings(t *testing.T) {
	for _, k := range knownOps {
		if k.in.Word != k.word || k.in.GNU != k.gnu {
			t.Errorf("got %#08x %q, want %#08x %q", k.in.Word, k.in.GNU, k.word, k.gnu)
		}
	}
}

// TestOpsAgainstAssembler is TestAgainstAssembler for encode_ops.go: every
// encoder with random registers (and shifts) at both widths.
func TestOpsAgainstAssembler(t *testing.T) {
	as := assembler(t)
	rng := rand.New(rand.NewPCG(3, 4))
	r := func() V { return V(rng.IntN(32)) }
	var ins []Instr
	for i := 0; i < 256; i++ {
		for _, w := range []Width{Q, D} {
			ins = append(ins, FSUB(w, r(), r(), r()), FDIV(w, r(), r(), r()), FMLA(w, r(), r(), r()),
				FABS(w, r(), r()), FNEG(w, r(), r()), FRINTN(w, r(), r()), FCVTNS(w, r(), r()),
				ADD32(w, r(), r(), r()), SHL32(w, r(), r(), rng.IntN(32)))
		}
		ins = append(ins, FSUB64(r(), r(), r()), FDIV64(r(), r(), r()), FMLA64(r(), r(), r()),
			FADD64(r(), r(), r()), FMUL64(r(), r(), r()),
			FCVTL(r(), r()), FCVTL2(r(), r()), FCVTN(r(), r()), FCVTN2(r(), r()),
			FCVTLH(r(), r()), FCVTL2H(r(), r()), FCVTNH(r(), r()), FCVTN2H(r(), r()),
			BFCVTN(r(), r()), BFCVTN2(r(), r()))
	}
	for _, k := range knownOps {
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
