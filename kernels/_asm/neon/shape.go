package neon

import (
	"fmt"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
)

// The shape every kernel shares, and the lane-op abstraction it is filled
// with.
//
// A kernel is a Kernel value: its arguments, which slices it loads, and its
// lane op, a short list of Steps. The shape (emit below) does the rest, the
// same for every kernel: argument loads, the 16-float loop (four chains of
// one Q register each), the 8-, 4-, 2- and 1-float tails (two chains, one
// Q, one D, one S register), loads before stores in every block.
//
// A Step is one instruction written once, for chain 0; the shape repeats it
// for every chain of a block, chain j using register V(4*bank+j) for each
// bank operand, and the same V(31-k) for broadcast scalar k. All chains
// run one step before the next step starts, so a block's chains are
// independent instructions back to back. In the D and S tails the steps run
// at width D (.2s/.8b); after a 1-float load the second lane holds +0, is
// computed on and never stored.

// Reg is an operand of a lane op: a bank (one register per chain) or a
// broadcast scalar (one register for all chains).
type Reg struct {
	bank   int // chain j uses V(4*bank+j); -1 for a scalar
	scalar int // scalar k is in V(31-k)
}

// Bank returns bank b: V(4b) to V(4b+3), one register per chain. Inputs are
// loaded into banks 0, 1, ...; banks 0 to 6 exist (V0 to V27).
func Bank(b int) Reg { return Reg{bank: b} }

// Scalar returns the k-th float32 argument of the kernel, broadcast to every
// lane of V(31-k) once, before the loop.
func Scalar(k int) Reg { return Reg{bank: -1, scalar: k} }

const (
	maxBanks   = 7               // V0-V27
	maxScalars = 32 - 4*maxBanks // V28-V31, from V31 down
)

func (r Reg) String() string {
	if r.bank < 0 {
		return fmt.Sprintf("scalar %d", r.scalar)
	}
	return fmt.Sprintf("bank %d", r.bank)
}

// v is r's register in chain j.
func (r Reg) v(j int) V {
	if r.bank < 0 {
		return V(31 - r.scalar)
	}
	return V(4*r.bank + j)
}

// Step is one instruction of a lane op.
type Step struct {
	name    string // the mnemonic, for the docs
	enc     func(w Width, d, n, m V) Instr
	d, n, m Reg
	reads   []Reg // operands read, d included when the instruction keeps some of d's bits
}

func op3(name string, enc func(Width, V, V, V) Instr, readsD bool) func(d, n, m Reg) Step {
	return func(d, n, m Reg) Step {
		s := Step{name: name, enc: enc, d: d, n: n, m: m, reads: []Reg{n, m}}
		if readsD {
			s.reads = append(s.reads, d)
		}
		return s
	}
}

// The lane operations, one per encoder function. Operands are in the
// instruction's own order (destination first), so the operand order of a
// floating-point operation, which decides which NaN wins, is written down.
var (
	fmul = op3("FMUL", FMUL, false) // d = n * m
	fadd = op3("FADD", FADD, false) // d = n + m
	bic  = op3("BIC", BIC, false)   // d = n &^ m
	bit  = op3("BIT", BIT, true)    // d = n where m, d elsewhere (bitwise)

	fcmge = op3("FCMGE", FCMGE, false) // d = n >= m, ordered
	fcmgt = op3("FCMGT", FCMGT, false) // d = n > m, ordered
	fcmeq = op3("FCMEQ", FCMEQ, false) // d = n == m, ordered
)

// fcmle0 is d = (n <= 0) ? all ones : all zeros, lane by lane, ordered.
func fcmle0(d, n Reg) Step {
	return Step{name: "FCMLE", enc: func(w Width, d, n, _ V) Instr { return FCMLE0(w, d, n) }, d: d, n: n, reads: []Reg{n}}
}

// Kernel describes one kernel: func <Name>NEON(dst, <Args> []float32,
// <Scalars> float32). Its dispatch entry point is <Name> and the generic
// Go function it falls back to is <Name>Generic, with the same signature.
type Kernel struct {
	Name    string   // "relu"
	Doc     string   // one line for the file header
	Args    []string // the slice parameters after dst, in order
	Scalars []string // the float32 parameters after the slices, in order
	// Consts are the bits of the constants, broadcast once per call like
	// scalars: constant i is Scalar(len(Scalars)+i).
	Consts []uint32
	// Inputs are the slices loaded, input i into bank i; nil means Args.
	// "dst" may be one of them (an accumulating kernel): it is read through
	// its own pointer register, and every block loads before it stores.
	Inputs []string
	Steps  []Step
	Out    Reg // the bank stored to dst

	// A row kernel works on a row-major matrix. Cols are its per-column
	// slices (bias, slope, dbias), cols = len(Cols[0]) elements each, every
	// one an input too: the shape wraps the column loop (16-float body and
	// tails) in a row loop and points each Cols input back at its start at
	// every row. Accs are per-column accumulators: a Cols input whose new
	// value, computed in bank From, is stored back in every block (after
	// all the block's loads, like dst) through a pointer of its own that
	// also goes back each row. Rows run in order, so an accumulator adds
	// its rows in order, one column per lane.
	Cols []string
	Accs []Acc

	// Wide: the elements are float64 (package f64): every block works on
	// Q registers of two float64 lanes (.2D), eight elements a loop
	// iteration, tails of 4, 2 and 1 (a D register), the scalars and
	// constants broadcast as float64.
	Wide bool
}

// Acc is a per-column accumulator of a row kernel: bank From is stored to
// the Cols slice Arg.
type Acc struct {
	Arg  string
	From Reg
}

func (k Kernel) rows() bool { return len(k.Cols) > 0 }

func (k Kernel) inputs() []string {
	if k.Inputs == nil {
		return k.Args
	}
	return k.Inputs
}

// Registers of the shape: R0 dst, R3 n, R4 the count of 16-float blocks, and
// one pointer register per input. A row kernel adds R10 cols, the base of
// each Cols slice (colBase, in the order of Cols) and a store pointer per
// accumulator (accPtr, in the order of Accs); R3 counts the floats left.
var (
	inputPtr = []string{"R1", "R2", "R5", "R6", "R7", "R8", "R9"}
	colsReg  = "R10"
	colBase  = []string{"R11", "R12", "R13"}
	accPtr   = []string{"R14", "R15"}
	constReg = "R19" // a constant's bits on their way to its vector register
)

// check reports a description the shape cannot emit.
func (k Kernel) check() error {
	in := k.inputs()
	if len(in) == 0 || len(in) > len(inputPtr) || len(in) > maxBanks {
		return fmt.Errorf("%s: %d inputs, want 1 to %d", k.Name, len(in), min(len(inputPtr), maxBanks))
	}
	if len(k.Scalars)+len(k.Consts) > maxScalars {
		return fmt.Errorf("%s: %d scalars and %d constants, at most %d in all", k.Name, len(k.Scalars), len(k.Consts), maxScalars)
	}
	for _, name := range in {
		if name != "dst" && !contains(k.Args, name) {
			return fmt.Errorf("%s: input %q is not an argument", k.Name, name)
		}
	}
	if len(k.Cols) > len(colBase) || len(k.Accs) > len(accPtr) {
		return fmt.Errorf("%s: %d Cols and %d Accs, at most %d and %d", k.Name, len(k.Cols), len(k.Accs), len(colBase), len(accPtr))
	}
	for i, name := range k.Cols {
		if !contains(in, name) || name == "dst" || index(k.Cols, name) != i {
			return fmt.Errorf("%s: Cols %q is not an input of its own", k.Name, name)
		}
	}
	for i, a := range k.Accs {
		if !contains(k.Cols, a.Arg) {
			return fmt.Errorf("%s: accumulator %q is not in Cols", k.Name, a.Arg)
		}
		for _, b := range k.Accs[:i] {
			if b.Arg == a.Arg {
				return fmt.Errorf("%s: accumulator %q stored twice", k.Name, a.Arg)
			}
		}
	}
	defined := map[int]bool{}
	for i := range in {
		defined[i] = true
	}
	valid := func(r Reg) error {
		if r.bank < 0 && r.scalar >= len(k.Scalars)+len(k.Consts) {
			return fmt.Errorf("%s: %v, but the kernel has %d scalars and constants", k.Name, r, len(k.Scalars)+len(k.Consts))
		}
		if r.bank >= maxBanks {
			return fmt.Errorf("%s: %v, banks are 0 to %d", k.Name, r, maxBanks-1)
		}
		return nil
	}
	for i, s := range k.Steps {
		for _, r := range append([]Reg{s.d}, s.reads...) {
			if err := valid(r); err != nil {
				return err
			}
		}
		for _, r := range s.reads {
			if r.bank >= 0 && !defined[r.bank] {
				return fmt.Errorf("%s: step %d reads %v before anything is written to it", k.Name, i, r)
			}
		}
		if s.d.bank < 0 {
			return fmt.Errorf("%s: step %d writes a scalar", k.Name, i)
		}
		defined[s.d.bank] = true
	}
	if k.Out.bank < 0 || !defined[k.Out.bank] {
		return fmt.Errorf("%s: output %v is never written", k.Name, k.Out)
	}
	for _, a := range k.Accs {
		if a.From.bank < 0 || !defined[a.From.bank] {
			return fmt.Errorf("%s: accumulator %q from %v, which is never written", k.Name, a.Arg, a.From)
		}
	}
	return nil
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// signature is the Go parameter list: "dst, src []float32, alpha float32".
func (k Kernel) signature() string {
	s := strings.Join(append([]string{"dst"}, k.Args...), ", ") + " []" + k.elem()
	if len(k.Scalars) > 0 {
		s += ", " + strings.Join(k.Scalars, ", ") + " " + k.elem()
	}
	return s
}

// elem is the Go type of an element, size its bytes.
func (k Kernel) elem() string {
	if k.Wide {
		return "float64"
	}
	return "float32"
}

func (k Kernel) size() int {
	if k.Wide {
		return 8
	}
	return 4
}

// argNames is the parameters of signature, as the arguments of a call.
func (k Kernel) argNames() string {
	return strings.Join(append(append([]string{"dst"}, k.Args...), k.Scalars...), ", ")
}

// argSize is the size of the arguments on the stack (ABI0).
func (k Kernel) argSize() int { return 24*(1+len(k.Args)) + k.size()*len(k.Scalars) }

// w is an assembly writer.
type w struct{ strings.Builder }

func (b *w) p(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }

// asmFile starts an assembly file: the generated-by line, the build
// constraint and textflag.h.
func (b *w) asmFile() {
	b.p("%s", generatedBy)
	b.p("")
	b.p("//go:build !purego && !noasm")
	b.p("")
	b.p(`#include "textflag.h"`)
}

// goFile starts a Go file of package pkg: the generated-by line, the build
// constraint and the package clause.
func (b *w) goFile(pkg string) {
	b.p("%s", generatedBy)
	b.p("")
	b.p("//go:build !purego && !noasm")
	b.p("")
	b.p("package %s", pkg)
}

// block emits one block of chains chains at width wd: the loads of every
// input (LD1 of Q registers, or FMOVD of a D register, or with single FMOVS
// of an S register), each step for every chain, and the stores: the output
// bank to dst, then each accumulator. Every access post-increments its
// pointer, except the single float of a kernel without rows (the last
// block it runs).
func (k Kernel) block(b *w, chains int, wd Width, single bool) {
	in := k.inputs()
	arr := "S4"
	if k.Wide {
		arr = "D2"
	}
	regs := func(bank Reg) string {
		var r []string
		for j := 0; j < chains; j++ {
			r = append(r, fmt.Sprintf("V%d.%s", bank.v(j), arr))
		}
		return "[" + strings.Join(r, ", ") + "]"
	}
	for i := range in {
		switch {
		case single && k.Wide && k.rows():
			b.p("\tFMOVD.P\t8(%s), F%d", inputPtr[i], Bank(i).v(0))
		case single && k.Wide:
			b.p("\tFMOVD\t(%s), F%d", inputPtr[i], Bank(i).v(0))
		case single && k.rows():
			b.p("\tFMOVS.P\t4(%s), F%d", inputPtr[i], Bank(i).v(0))
		case single:
			b.p("\tFMOVS\t(%s), F%d", inputPtr[i], Bank(i).v(0))
		case wd == D:
			b.p("\tFMOVD.P\t8(%s), F%d", inputPtr[i], Bank(i).v(0))
		default:
			b.p("\tVLD1.P\t%d(%s), %s", 16*chains, inputPtr[i], regs(Bank(i)))
		}
	}
	for _, s := range k.Steps {
		for j := 0; j < chains; j++ {
			ins := s.enc(wd, s.d.v(j), s.n.v(j), s.m.v(j))
			if ins.Go != "" {
				b.p("\t%s", ins.Go)
			} else {
				b.p("\tWORD\t$0x%08x // %s", ins.Word, ins.GNU)
			}
		}
	}
	store := func(bank Reg, ptr string) {
		switch {
		case single && k.Wide && k.rows():
			b.p("\tFMOVD.P\tF%d, 8(%s)", bank.v(0), ptr)
		case single && k.Wide:
			b.p("\tFMOVD\tF%d, (%s)", bank.v(0), ptr)
		case single && k.rows():
			b.p("\tFMOVS.P\tF%d, 4(%s)", bank.v(0), ptr)
		case single:
			b.p("\tFMOVS\tF%d, (%s)", bank.v(0), ptr)
		case wd == D:
			b.p("\tFMOVD.P\tF%d, 8(%s)", bank.v(0), ptr)
		default:
			b.p("\tVST1.P\t%s, %d(%s)", regs(bank), 16*chains, ptr)
		}
	}
	store(k.Out, "R0")
	for i, a := range k.Accs {
		store(a.From, accPtr[i])
	}
}

// emit writes the kernel <Name>NEON.
func (k Kernel) emit(b *w) {
	name := k.Name + "NEON"
	b.p("// func %s(%s)", name, k.signature())
	b.p("TEXT ·%s(SB), NOSPLIT, $0-%d", name, k.argSize())
	b.p("\tMOVD\tdst_base+0(FP), R0")
	b.p("\tMOVD\tdst_len+8(FP), R3")
	for i, in := range k.inputs() {
		off := 0
		if in != "dst" {
			off = 24 * (1 + index(k.Args, in))
		}
		reg := inputPtr[i]
		if c := index(k.Cols, in); c >= 0 {
			reg = colBase[c]
		}
		b.p("\tMOVD\t%s_base+%d(FP), %s", in, off, reg)
	}
	// n is the count of floats of the column loop: all of dst, or one row.
	n, last := "R3", "done"
	if k.rows() {
		n, last = colsReg, "next"
		b.p("\tMOVD\t%s_len+%d(FP), %s", k.Cols[0], 24*(1+index(k.Args, k.Cols[0]))+8, colsReg)
	}
	for i, s := range k.Scalars {
		r := Scalar(i).v(0)
		if k.Wide {
			b.p("\tFMOVD\t%s+%d(FP), F%d", s, 24*(1+len(k.Args))+8*i, r)
			b.p("\tVDUP\tV%d.D[0], V%d.D2", r, r)
			continue
		}
		b.p("\tFMOVS\t%s+%d(FP), F%d", s, 24*(1+len(k.Args))+4*i, r)
		b.p("\tVDUP\tV%d.S[0], V%d.S4", r, r)
	}
	for i, c := range k.Consts {
		r := Scalar(len(k.Scalars) + i).v(0)
		if k.Wide {
			b.p("\tMOVD\t$%#016x, %s", kernel.WideConst(c), constReg)
			b.p("\tVDUP\t%s, V%d.D2", constReg, r)
			continue
		}
		b.p("\tMOVW\t$%#08x, %s", c, constReg)
		b.p("\tVDUP\t%s, V%d.S4", constReg, r)
	}
	if k.rows() {
		b.p("\tCBZ\tR3, done")
		b.p("")
		b.p("row:")
		for i, in := range k.inputs() {
			if c := index(k.Cols, in); c >= 0 {
				b.p("\tMOVD\t%s, %s", colBase[c], inputPtr[i])
			}
		}
		for i, a := range k.Accs {
			b.p("\tMOVD\t%s, %s", colBase[index(k.Cols, a.Arg)], accPtr[i])
		}
	}
	// The column loop: a body of four Q chains, then the tails, each at
	// most once, by the bits of n: 8 floats (two Q chains), 4 (one Q), 2
	// (D), 1 (S); for float64, 4 (two Q), 2 (one Q), 1 (D).
	type tail struct {
		bit, chains int
		wd          Width
		single      bool
	}
	body, bodyWidth := 4, Q
	tails := []tail{{3, 2, Q, false}, {2, 1, Q, false}, {1, 1, D, false}, {0, 1, D, true}}
	if k.Wide {
		body, bodyWidth = 3, Q2D
		tails = []tail{{2, 2, Q2D, false}, {1, 1, Q2D, false}, {0, 1, Q2D, true}}
	}
	loop := fmt.Sprintf("loop%d", 1<<body)
	b.p("\tLSR\t$%d, %s, R4", body, n)
	b.p("\tCBZ\tR4, tail%d", 1<<tails[0].bit)
	b.p("")
	b.p("%s:", loop)
	k.block(b, 4, bodyWidth, false)
	b.p("\tSUBS\t$1, R4")
	b.p("\tBNE\t%s", loop)
	b.p("")
	for i, t := range tails {
		next := last
		if i+1 < len(tails) {
			next = fmt.Sprintf("tail%d", 1<<tails[i+1].bit)
		}
		b.p("tail%d:", 1<<t.bit)
		b.p("\tTBZ\t$%d, %s, %s", t.bit, n, next)
		k.block(b, t.chains, t.wd, t.single)
		b.p("")
	}
	if k.rows() {
		b.p("next:")
		b.p("\tSUBS\t%s, R3", colsReg)
		b.p("\tBNE\trow")
		b.p("")
	}
	b.p("done:")
	b.p("\tRET")
}

// emitEntry writes the dispatch entry point <Name>: a leaf without a
// frame that jumps, arguments in place, to <Name>NEON when the byte flag
// useNEON is set and to <Name>Generic otherwise.
func (k Kernel) emitEntry(b *w) {
	b.p("// func %s(%s)", k.Name, k.signature())
	b.p("TEXT ·%s(SB), NOSPLIT, $0-%d", k.Name, k.argSize())
	b.p("\tMOVBU\t·useNEON(SB), R16")
	b.p("\tCBZ\tR16, generic")
	b.p("\tJMP\t·%sNEON(SB)", k.Name)
	b.p("")
	b.p("generic:")
	b.p("\tJMP\t·%sGeneric(SB)", k.Name)
}

func index(s []string, x string) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}
