package neon

import "fmt"

// A tiny encoder for the few AdvSIMD (NEON) instructions the kernels use.
//
// Each function returns one instruction: its 32-bit encoding, its text in
// GNU syntax (what aarch64-linux-gnu-as accepts, and what the WORD check in
// kernels/neon_encoding_test.go assembles and compares), and, where Go's
// assembler has a mnemonic for it, the Go form, which the generator emits in
// place of a WORD. The encodings follow the Arm Architecture Reference
// Manual (Armv8-A, "Advanced SIMD three same", "two-register miscellaneous");
// encode_test.go checks them against the GNU assembler.
//
// Adding an instruction: one function here, built on three or two, and a
// line in encode_test.go's table with the word aarch64-linux-gnu-as
// gives for it.

// V is a SIMD&FP register, V0 to V31.
type V uint8

// Width is the part of a vector register an instruction works on: all 128
// bits (Q: 4 float32 lanes, 16 byte lanes) or the low 64 (D: 2 float32
// lanes, 8 byte lanes; the upper 64 bits of the result are zeroed).
type Width uint8

const (
	Q   Width = iota // .4s / .16b
	D                // .2s / .8b
	Q2D              // .2d / .16b: all 128 bits as 2 float64 lanes (package f64)
)

// Instr is one encoded instruction.
type Instr struct {
	Word uint32 // the encoding
	GNU  string // GNU syntax, lowercase: "fcmle v4.4s, v0.4s, #0.0"
	Go   string // Go assembler form, "" when Go has no mnemonic for it
}

func (w Width) q() uint32 {
	if w == Q || w == Q2D {
		return 1 << 30
	}
	return 0
}

// sz is the size bit of a floating-point instruction: set for float64
// lanes.
func (w Width) sz() uint32 {
	if w == Q2D {
		return 1 << 22
	}
	return 0
}

// s is the float arrangement, b the byte arrangement, in GNU and Go syntax.
func (w Width) s() string { return map[Width]string{Q: "4s", D: "2s", Q2D: "2d"}[w] }
func (w Width) b() string { return map[Width]string{Q: "16b", D: "8b", Q2D: "16b"}[w] }
func (w Width) goB() string {
	return map[Width]string{Q: "B16", D: "B8", Q2D: "B16"}[w]
}

func check(rs ...V) {
	for _, r := range rs {
		if r > 31 {
			panic(fmt.Sprintf("neon: no register v%d", r))
		}
	}
}

// three encodes an "Advanced SIMD three same" instruction: base | Q | Rm<<16
// | Rn<<5 | Rd.
func three(base uint32, w Width, d, n, m V) uint32 {
	check(d, n, m)
	return base | w.q() | uint32(m)<<16 | uint32(n)<<5 | uint32(d)
}

// two encodes an "Advanced SIMD two-register miscellaneous" instruction:
// base | Q | Rn<<5 | Rd.
func two(base uint32, w Width, d, n V) uint32 {
	check(d, n)
	return base | w.q() | uint32(n)<<5 | uint32(d)
}

// fp3 formats a float32 instruction with three vector operands.
func fp3(op string, w Width, d, n, m V) string {
	a := w.s()
	return fmt.Sprintf("%s v%d.%s, v%d.%s, v%d.%s", op, d, a, n, a, m, a)
}

// bit3 formats a bitwise instruction with three vector operands.
func bit3(op string, w Width, d, n, m V) string {
	a := w.b()
	return fmt.Sprintf("%s v%d.%s, v%d.%s, v%d.%s", op, d, a, n, a, m, a)
}

// FCMLE0 is FCMLE Vd, Vn, #0.0 (float32 lanes): all ones in a lane where
// Vn <= 0 (either zero included), all zeros where Vn > 0 or is NaN. An
// ordered compare: it raises nothing and changes no operand.
func FCMLE0(w Width, d, n V) Instr {
	a := w.s()
	return Instr{
		Word: two(0x2ea0d800|w.sz(), w, d, n),
		GNU:  fmt.Sprintf("fcmle v%d.%s, v%d.%s, #0.0", d, a, n, a),
	}
}

// FMUL is FMUL Vd, Vn, Vm (float32 lanes), rounded under FPCR: in Go
// programs FZ = 0 and DN = 0, so subnormals are kept and a NaN operand
// propagates (quieted); when both are NaN the result is Vn's.
func FMUL(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x2e20dc00|w.sz(), w, d, n, m), GNU: fp3("fmul", w, d, n, m)}
}

// FADD is FADD Vd, Vn, Vm (float32 lanes); NaNs as for FMUL.
func FADD(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x0e20d400|w.sz(), w, d, n, m), GNU: fp3("fadd", w, d, n, m)}
}

// BIC is BIC Vd, Vn, Vm (vector, register): Vd = Vn AND NOT Vm, bitwise.
func BIC(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x0e601c00, w, d, n, m), GNU: bit3("bic", w, d, n, m)}
}

// BIT is BIT Vd, Vn, Vm: Vd takes the bits of Vn where Vm is 1 and keeps
// its own elsewhere. Go's assembler has it as VBIT Vm, Vn, Vd.
func BIT(w Width, d, n, m V) Instr {
	b := w.goB()
	return Instr{
		Word: three(0x2ea01c00, w, d, n, m),
		GNU:  bit3("bit", w, d, n, m),
		Go:   fmt.Sprintf("VBIT\tV%d.%s, V%d.%s, V%d.%s", m, b, n, b, d, b),
	}
}

// FCMGE is FCMGE Vd, Vn, Vm (float32 lanes): all ones in a lane where
// Vn >= Vm, all zeros where not or where either is NaN (ordered; -0 and +0
// equal). Vn <= Vm is FCMGE Vd, Vm, Vn.
func FCMGE(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x2e20e400|w.sz(), w, d, n, m), GNU: fp3("fcmge", w, d, n, m)}
}

// FCMGT is FCMGT Vd, Vn, Vm: Vn > Vm, ordered, as FCMGE.
func FCMGT(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x2ea0e400|w.sz(), w, d, n, m), GNU: fp3("fcmgt", w, d, n, m)}
}

// FCMEQ is FCMEQ Vd, Vn, Vm: Vn == Vm, ordered, as FCMGE.
func FCMEQ(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x0e20e400|w.sz(), w, d, n, m), GNU: fp3("fcmeq", w, d, n, m)}
}
