package amd64

import (
	"fmt"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"

	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/ir"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The shapes every kernel shares; see header.go for what they are and why.

// bodyFloats is what one iteration of the body handles: 8 YMM or 4 ZMM
// vectors (measured: with 4 YMM the speed at n = 4096 varied by 25% with the
// loop's code alignment on Zen 5, with 8 it does not).
const bodyFloats = 64

// The descriptions, from package kernel.
type (
	Kernel = kernel.Kernel
	Form   = kernel.Form
)

// op runs g's lane operation on l and returns its result's register.
func (g *gen) op(l *Lane) Vec { return l.reg(g.form.Op(l)) }

// An ISA is a vector width and how to mask with it.
type ISA struct {
	Name   string // suffix of the kernels' names
	Bits   int    // vector register size
	Opmask bool   // masks in opmask registers (AVX-512), else in vectors
	// Small is the ISA whose kernel handles n < Floats(), or "" when this
	// one has its own small-n path (AVX2 only).
	Small string
	// Elem is the size of an element in bytes: 4 (float32, package
	// kernels), or 8 (float64, package f64: every lane operation on
	// float64 lanes, see Lane.elem64).
	Elem int
}

var (
	avx2   = ISA{Name: "AVX2", Bits: 256, Elem: 4}
	avx512 = ISA{Name: "AVX512", Bits: 512, Opmask: true, Small: "AVX2", Elem: 4}
)

// wide returns i on float64 elements.
func (i ISA) wide() ISA { i.Elem = 8; return i }

// Floats is the number of elements (lanes) of one vector.
func (i ISA) Floats() int { return i.Bits / 8 / i.Elem }

// bodyElems is what one iteration of the body handles, in elements.
func (i ISA) bodyElems() int { return bodyFloats * 4 / i.Elem }

// scale is the index scale of an element.
func (i ISA) scale() uint8 { return uint8(i.Elem) }

// shift is log2 of Elem.
func (i ISA) shift() uint8 {
	if i.Elem == 8 {
		return 3
	}
	return 2
}

// elemType is the Go type of an element.
func (i ISA) elemType() string {
	if i.Elem == 8 {
		return "float64"
	}
	return "float32"
}

// Bytes is the size of one vector, and the alignment VMOVNTPS needs.
func (i ISA) Bytes() int { return i.Bits / 8 }

func (i ISA) size(r reg.VecPhysical) Vec {
	if i.Bits == 512 {
		return r.AsZ()
	}
	return r.AsY()
}

// Fixed registers. DI = dst, the inputs' pointers in inputPtrs order, CX =
// floats left, R8 = &dst[n-W], AX scratch. Vectors: zeroReg = +0, the
// scalars in scalarRegs, lastReg = the last vector's result; the body's sets
// come from vecPool. X15, R14 and R15 are never used (ABIInternal's zero
// register, g, and the GOT register when dynamically linking).
var (
	inputPtrs  = []reg.Register{reg.RSI, reg.RDX, reg.RBX, reg.R9, reg.R10, reg.R11}
	zeroReg    = reg.X0
	lastReg    = reg.X7
	scalarRegs = []reg.VecPhysical{reg.X6, reg.X5, reg.X14, reg.X13}
	vecPool    = []reg.VecPhysical{
		reg.X1, reg.X2, reg.X3, reg.X4,
		reg.X8, reg.X9, reg.X10, reg.X11,
		reg.X12, reg.X13, reg.X14, reg.X5,
	}
	maskPool = []reg.OpmaskPhysical{reg.K1, reg.K3, reg.K4, reg.K5, reg.K6, reg.K7}
)

// A regSet holds the registers of one vector in flight: its inputs, then
// the temporaries its lane operation takes, and its opmasks.
type regSet struct {
	in    []reg.VecPhysical
	temps []reg.VecPhysical
	masks []reg.OpmaskPhysical
}

// gen emits one kernel for one ISA, with one form of its lane operation.
type gen struct {
	c       *build.Context
	k       Kernel
	isa     ISA
	form    Form              // Name "" and k.Op: the default
	forms   []*gen            // the default's: one per k.Forms
	perIter int               // vectors per iteration of the body
	sets    []regSet          // sets[j % len(sets)] for the j-th vector of the body
	last    regSet            // sets[0] with lastReg for input 0
	scal    []reg.VecPhysical // the scalars', then the constants' registers
	consts  []uint32
	fold    []bool // per input: a whole vector's is read from memory, not loaded (Lane.src)
	flag    string // a form selected by this byte variable being nonzero, not by a scalar's bits
}

// A loading says how the inputs of a kernel's whole vectors reach its
// operations (Lane.src): the choice is per kernel and microarchitecture,
// by the loops' llvm-mca figures and measurements in docs/llvm-mca.md.
type loading int

const (
	loadFirst loading = iota // every input loaded into its register first
	foldOnce                 // an input read once, where memory may be, is read there from memory
	foldAll                  // every read where memory may be is from memory: an input read twice is loaded twice
)

// tuning is the loading of the kernels whose loops docs/llvm-mca.md models
// and measures, where folding wins or ties on every core modeled; the
// others load first.
var tuning = map[string]loading{"reluGrad": foldOnce}

// zen12 are the AVX2 kernels with a form of their own for AMD family 0x17
// (Zen, Zen+ and Zen 2), selected by the flag useZen12: the same lane
// operation with more loads folded, which wins on Zen 2 and ties on Zen 1
// (their 256-bit operations are two µops, and dispatch is the bound) but
// loses elsewhere: ReLU's on Zen 3 and later and on Intel cores,
// LeakyReLUGrad's on Intel cores.
var zen12 = map[string]loading{"relu": foldAll, "leakyReLUGrad": foldOnce}

// newGen returns the generator of kernel k for isa, with its forms.
func newGen(c *build.Context, k Kernel, isa ISA) *gen {
	consts := findConsts(k, isa)
	g := newFormGen(c, k, isa, Form{Op: k.Op}, consts, tuning[k.Name])
	if isa.Elem == 8 {
		// The forms test a float32 scalar's bits; the Zen 1/2 ones a flag
		// of package kernels.
		return g
	}
	if l, ok := zen12[k.Name]; ok && isa.Name == avx2.Name {
		z := newFormGen(c, k, isa, Form{Name: "zen12", Op: k.Op}, consts, l)
		z.flag = "useZen12"
		g.forms = append(g.forms, z)
	}
	for _, f := range k.Forms {
		if f.Name == "" || f.When.Scalar >= len(k.Scalars) || f.When.Lo > f.When.Hi {
			panic(k.Name + ": a form needs a name and a range of one of its scalars")
		}
		g.forms = append(g.forms, newFormGen(c, k, isa, f, consts, tuning[k.Name]))
	}
	return g
}

// findConsts returns the constants of k's lane operations (its forms'
// included), in the order they are first used: each takes a register
// after the scalars', broadcast once per call.
func findConsts(k Kernel, isa ISA) []uint32 {
	l := &Lane{opmask: isa.Opmask, elem64: isa.Elem == 8, size: isa.size, zero: isa.size(zeroReg), masks: maskPool}
	l.temps = append(append(l.temps, vecPool...), vecPool...) // a dry run may count past the pool
	for range k.Inputs {
		l.in = append(l.in, l.zero)
	}
	for range k.Scalars {
		l.scalars = append(l.scalars, l.zero)
	}
	ops := []func(kernel.Lane) kernel.Value{k.Op}
	for _, f := range k.Forms {
		ops = append(ops, f.Op)
	}
	for _, op := range ops {
		l.nTemp, l.nMask = 0, 0
		op(l)
	}
	if len(k.Scalars)+len(l.found) > len(scalarRegs) {
		panic(fmt.Sprintf("%s: %d scalars and %d constants, at most %d in all", k.Name, len(k.Scalars), len(l.found), len(scalarRegs)))
	}
	return l.found
}

func newFormGen(c *build.Context, k Kernel, isa ISA, f Form, consts []uint32, ld loading) *gen {
	if len(k.Inputs) > len(inputPtrs) {
		panic(k.Name + ": too many inputs")
	}
	g := &gen{c: c, k: k, isa: isa, form: f, consts: consts, scal: scalarRegs[:len(k.Scalars)+len(consts)]}
	g.perIter = isa.bodyElems() / isa.Floats()
	if f.Vectors > 0 {
		g.perIter = f.Vectors
	}
	pool := []reg.VecPhysical{}
	for _, r := range vecPool {
		if !containsVec(g.scal, r) {
			pool = append(pool, r)
		}
	}
	// Dry run: how many temporaries and opmasks does one vector take?
	nin := len(k.Inputs)
	dry := &Lane{opmask: isa.Opmask, elem64: isa.Elem == 8, size: isa.size, zero: isa.size(zeroReg), temps: pool[nin:], masks: maskPool}
	for i := 0; i < nin; i++ {
		dry.in = append(dry.in, isa.size(pool[i]))
	}
	g.fill(dry, isa.size)
	f.Op(dry)
	g.fold = dry.folded(ld)
	need := nin + dry.nTemp
	// As many sets as fit, a divisor of the vectors per iteration. Register
	// j of set s is pool[j*nsets+s]: with 4 sets, set s takes Y1+s, Y8+s...
	perIter := g.perIter
	nsets := perIter
	for nsets > 1 && (nsets*need > len(pool) || nsets*dry.nMask > len(maskPool) || perIter%nsets != 0) {
		nsets--
	}
	if nsets < 2 {
		panic(fmt.Sprintf("%s: lane operation takes %d vector registers, too many", k.Name, need))
	}
	for s := 0; s < nsets; s++ {
		var rs regSet
		for j := 0; j < need; j++ {
			if j < nin {
				rs.in = append(rs.in, pool[j*nsets+s])
			} else {
				rs.temps = append(rs.temps, pool[j*nsets+s])
			}
		}
		for j := 0; j < dry.nMask; j++ {
			rs.masks = append(rs.masks, maskPool[j*nsets+s])
		}
		g.sets = append(g.sets, rs)
	}
	g.last = g.sets[0]
	g.last.in = append([]reg.VecPhysical{lastReg}, g.sets[0].in[1:]...)
	return g
}

func containsVec(rs []reg.VecPhysical, r reg.VecPhysical) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// signature is the Go signature of every function of kernel k, on
// elements of Go type elem.
func signature(k Kernel, elem string) string {
	s := "func(dst, " + strings.Join(k.Inputs, ", ") + " []" + elem
	if len(k.Scalars) > 0 {
		s += ", " + strings.Join(k.Scalars, ", ") + " " + elem
	}
	return s + ")"
}

func (g *gen) ptrs() []reg.Register { return inputPtrs[:len(g.k.Inputs)] }

func (g *gen) text(name string, doc ...string) {
	g.c.Function(name)
	g.c.Attributes(build.NOSPLIT)
	g.c.SignatureExpr(signature(g.k, g.isa.elemType()))
	g.c.Doc(doc...)
	g.c.Pragma("noescape")
}

// tailJump emits JMP ·fn(SB), a tail call with the arguments in place. avo
// accepts only labels of the same function as branch targets, so this is an
// instruction avo does not see as a branch: a terminal one, like RET.
func tailJump(c *build.Context, fn string) {
	c.Instruction(&ir.Instruction{
		Opcode:     "JMP",
		Operands:   []operand.Op{operand.LabelRef("·" + fn + "(SB)")},
		IsTerminal: true,
	})
}

func mem(base reg.Register, disp int) operand.Mem { return operand.Mem{Base: base, Disp: disp} }

// fromEnd is -bytes(base)(CX*Elem): bytes before base[n].
func (g *gen) fromEnd(base reg.Register, bytes int) operand.Mem {
	return operand.Mem{Base: base, Disp: -bytes, Index: reg.RCX, Scale: g.isa.scale()}
}

// loadArgs loads dst's and the inputs' pointers, and the length if withLen.
func (g *gen) loadArgs(withLen bool) {
	g.c.Load(g.c.Param("dst").Base(), reg.RDI)
	for i, name := range g.k.Inputs {
		g.c.Load(g.c.Param(name).Base(), g.ptrs()[i])
	}
	if withLen {
		g.c.Load(g.c.Param("dst").Len(), reg.RCX)
	}
}

// constants sets +0, the broadcast scalars and the constants.
func (g *gen) constants() {
	g.c.VXORPS(reg.X0, reg.X0, reg.X0)
	for i, name := range g.k.Scalars {
		b, err := g.c.Param(name).Resolve()
		if err != nil {
			panic(err)
		}
		if g.isa.Elem == 8 {
			g.c.VBROADCASTSD(b.Addr, g.isa.size(g.scal[i]))
		} else {
			g.c.VBROADCASTSS(b.Addr, g.isa.size(g.scal[i]))
		}
	}
	for i, b := range g.consts {
		r := g.scal[len(g.k.Scalars)+i]
		if g.isa.Elem == 8 {
			g.c.MOVQ(operand.U64(kernel.WideConst(b)), reg.RAX)
			g.c.VMOVQ(reg.RAX, r.AsX())
			g.c.VBROADCASTSD(r.AsX(), g.isa.size(r))
			continue
		}
		g.c.MOVL(operand.U32(b), reg.EAX)
		g.c.VMOVD(reg.EAX, r.AsX())
		g.c.VBROADCASTSS(r.AsX(), g.isa.size(r))
	}
}

// fill gives l the scalars' and the constants' registers at size size.
func (g *gen) fill(l *Lane, size func(reg.VecPhysical) Vec) {
	l.consts = map[uint32]Vec{}
	for i, r := range g.scal {
		if i < len(g.k.Scalars) {
			l.scalars = append(l.scalars, size(r))
		} else {
			l.consts[g.consts[i-len(g.k.Scalars)]] = size(r)
		}
	}
}

// lane returns a Lane over set s at register size size.
func (g *gen) lane(s regSet, size func(reg.VecPhysical) Vec) *Lane {
	l := &Lane{c: g.c, opmask: g.isa.Opmask, elem64: g.isa.Elem == 8, size: size, zero: size(zeroReg), temps: s.temps, masks: s.masks}
	for _, r := range s.in {
		l.in = append(l.in, size(r))
	}
	g.fill(l, size)
	return l
}

// load emits the load of one vector of every input of set s from addr(ptr),
// with mov (VMOVUPS, VMOVQ or VMOVSS), at register size size.
func (g *gen) load(s regSet, size func(reg.VecPhysical) Vec, mov func(src, dst operand.Op), addr func(reg.Register) operand.Mem) {
	for i, p := range g.ptrs() {
		mov(addr(p), size(s.in[i]))
	}
}

// vector emits one whole vector at byte offset off of every slice: load,
// compute, store with store (VMOVUPS, or VMOVNTPS when streaming). The
// inputs g.fold names are not loaded: the one operation that reads each
// reads it from memory.
func (g *gen) vector(s regSet, off int, store func(src, dst operand.Op)) {
	size := g.isa.size
	l := g.lane(s, size)
	l.mem = make([]operand.Op, len(g.ptrs()))
	for i, p := range g.ptrs() {
		if g.fold[i] {
			l.mem[i] = mem(p, off)
		} else {
			g.movups(mem(p, off), size(s.in[i]))
		}
	}
	r := g.op(l)
	store(r, mem(reg.RDI, off))
}

// computeLast computes the result of the last vector, dst[n-W:n], from the
// inputs as they are at entry, into lastReg, and sets R8 = &dst[n-W].
func (g *gen) computeLast() {
	size := g.isa.size
	b := g.isa.Bytes()
	g.c.Comment(fmt.Sprintf("last := the result of dst[n-%d:n], before any store", g.isa.Floats()))
	g.load(g.last, size, g.movups, func(p reg.Register) operand.Mem { return g.fromEnd(p, b) })
	r := g.op(g.lane(g.last, size))
	if want := size(lastReg); r != want {
		g.c.VMOVAPS(r, want)
	}
	g.c.LEAQ(g.fromEnd(reg.RDI, b), reg.R8)
}

func (g *gen) ret() {
	g.c.VZEROUPPER()
	g.c.RET()
}

// advance moves every pointer on by bytes.
func (g *gen) advance(bytes int) {
	for _, p := range g.ptrs() {
		g.c.ADDQ(operand.U32(bytes), p)
	}
	g.c.ADDQ(operand.U32(bytes), reg.RDI)
}

// body emits the loop over 64 floats per iteration, entered with CX = n-64
// >= 0; it leaves CX = floats left.
func (g *gen) body(label string, store func(src, dst operand.Op)) {
	g.c.Label(g.l(label))
	for j := 0; j < g.perIter; j++ {
		g.vector(g.sets[j%len(g.sets)], j*g.isa.Bytes(), store)
	}
	g.advance(g.bodyFloats() * g.isa.Elem)
	g.c.SUBQ(operand.U8(g.bodyFloats()), reg.RCX)
	g.c.JAE(operand.LabelRef(g.l(label)))
}

// bodyFloats is what one iteration of g's body handles.
func (g *gen) bodyFloats() int { return g.perIter * g.isa.Floats() }

// l returns the name of label name in g's form: the default's labels keep
// their names.
func (g *gen) l(name string) string {
	if g.form.Name == "" {
		return name
	}
	return name + "_" + g.form.Name
}

// selectForm emits, once per call, the test of each form's range and a
// jump to its copy of what emit writes, then emit for the default, then
// for each form under its label (the form's name).
func (g *gen) selectForm(emit func(f *gen)) {
	for _, f := range g.forms {
		if f.flag != "" {
			g.c.Comment(fmt.Sprintf("%s: the %s form", f.flag, f.form.Name))
			g.c.CMPB(operand.NewDataAddr(operand.Symbol{Name: "·" + f.flag}, 0), operand.U8(0))
			g.c.JNE(operand.LabelRef(f.form.Name))
			continue
		}
		w := f.form.When
		name := g.k.Scalars[w.Scalar]
		b, err := g.c.Param(name).Resolve()
		if err != nil {
			panic(err)
		}
		g.c.Comment(fmt.Sprintf("%s's bits in [%#08x, %#08x]: the %s form", name, w.Lo, w.Hi, f.form.Name))
		g.c.MOVL(b.Addr, reg.EAX)
		if w.Lo != 0 {
			g.c.SUBL(operand.U32(w.Lo), reg.EAX)
		}
		g.c.CMPL(reg.EAX, operand.U32(w.Hi-w.Lo))
		g.c.JBE(operand.LabelRef(f.form.Name))
	}
	if len(g.forms) > 0 {
		g.c.Comment("otherwise: the general form")
	}
	emit(g)
	for _, f := range g.forms {
		g.c.Label(f.form.Name)
		emit(f)
	}
}

// tail emits the whole vectors after the body, then the last vector, and
// the return: entered at its label with CX = floats left, lastReg and R8
// set. The one-vector loop counts CX down biased by -W and closes with
// SUBQ/JAE, one compare and branch per vector fewer than testing n >= W at
// its top and jumping back (docs/llvm-mca.md: fewer cycles per tail vector
// on every core modeled).
func (g *gen) tail() {
	w := g.isa.Floats()
	g.c.Comment(fmt.Sprintf("for ; n >= %d; n -= %d { one vector }, with n biased by -%d", w, w, w))
	g.c.Label(g.l("tail"))
	g.c.SUBQ(operand.U8(w), reg.RCX)
	g.c.JB(operand.LabelRef(g.l("last")))
	g.c.Label(g.l("vec"))
	g.vector(g.sets[0], 0, g.movups)
	g.advance(g.isa.Bytes())
	g.c.SUBQ(operand.U8(w), reg.RCX)
	g.c.JAE(operand.LabelRef(g.l("vec")))

	g.c.Comment(fmt.Sprintf("if n > 0 { dst[len-%d:len] = last }", w))
	g.c.Label(g.l("last"))
	g.c.ADDQ(operand.U8(w), reg.RCX)
	g.c.JEQ(operand.LabelRef(g.l("done")))
	g.c.VMOVUPS(g.isa.size(lastReg), mem(reg.R8, 0))

	g.c.Label(g.l("done"))
	g.ret()
}

// plain emits the kernel with regular stores.
func (g *gen) plain() {
	k, isa := g.k, g.isa
	w := isa.Floats()
	name := k.Name + isa.Name
	g.text(name, fmt.Sprintf("%s: %s, %s.", name, k.Doc, isa.Name))
	if isa.Small != "" {
		g.c.Load(g.c.Param("dst").Len(), reg.RCX)
		g.c.CMPQ(reg.RCX, operand.U8(w))
		g.c.JAE(operand.LabelRef("wide"))
		g.c.Comment(fmt.Sprintf("n < %d: at most two overlapping vectors of the %s kernel", w, isa.Small))
		tailJump(g.c, k.Name+isa.Small)
		g.c.Label("wide")
		g.loadArgs(false)
	} else {
		g.loadArgs(true)
	}
	g.constants()
	g.selectForm((*gen).plainShape)
}

// plainShape emits the plain kernel after the constants, in g's form.
func (g *gen) plainShape() {
	isa := g.isa
	w := isa.Floats()
	if isa.Small == "" {
		g.c.CMPQ(reg.RCX, operand.U8(w))
		g.c.JB(operand.LabelRef(g.l("small")))
	}
	g.computeLast()
	g.c.CMPQ(reg.RCX, operand.U8(2*w))
	g.c.JA(operand.LabelRef(g.l("big")))
	g.c.Comment(fmt.Sprintf("n <= %d: dst[0:%d], then dst[n-%d:n] = last", 2*w, w, w))
	g.vector(g.sets[0], 0, g.movups)
	g.c.VMOVUPS(isa.size(lastReg), mem(reg.R8, 0))
	g.ret()

	g.c.Label(g.l("big"))
	b := g.bodyFloats()
	g.c.CMPQ(reg.RCX, operand.U8(b))
	g.c.JB(operand.LabelRef(g.l("tail")))
	g.c.SUBQ(operand.U8(b), reg.RCX)
	g.c.Comment(fmt.Sprintf("for ; n >= %d; n -= %d { %d vectors }", b, b, g.perIter))
	g.body("loop", g.movups)
	g.c.ADDQ(operand.U8(b), reg.RCX)
	g.tail()

	if isa.Small == "" {
		g.small()
	}
}

// small emits the AVX2 kernel's n < W: two overlapping XMM halves (16
// bytes each: float32's 4..7, float64's 2..3), two 8-byte pairs (float32's
// 2..3) or one element, both halves loaded before either is stored.
func (g *gen) small() {
	x := func(r reg.VecPhysical) Vec { return r.AsX() }
	a, b := g.sets[0], g.sets[1]
	pair := func(bytes int, mov func(src, dst operand.Op)) {
		g.load(a, x, mov, func(p reg.Register) operand.Mem { return mem(p, 0) })
		g.load(b, x, mov, func(p reg.Register) operand.Mem { return g.fromEnd(p, bytes) })
		ra := g.op(g.lane(a, x))
		rb := g.op(g.lane(b, x))
		mov(ra, mem(reg.RDI, 0))
		mov(rb, g.fromEnd(reg.RDI, bytes))
		g.ret()
	}
	label := g.l("small")
	for _, bytes := range []int{16, 8} {
		k := bytes / g.isa.Elem
		if k < 2 {
			continue
		}
		next := g.l(fmt.Sprintf("small%d", k-1))
		g.c.Comment(fmt.Sprintf("n < %d: dst[0:%d] and dst[n-%d:n]", 2*k, k, k))
		g.c.Label(label)
		g.c.CMPQ(reg.RCX, operand.U8(k))
		g.c.JB(operand.LabelRef(next))
		pair(bytes, g.movBytes(bytes))
		label = next
	}

	g.c.Comment("n < 2: dst[0]")
	g.c.Label(label)
	g.c.TESTQ(reg.RCX, reg.RCX)
	g.c.JEQ(operand.LabelRef(g.l("small0")))
	mov := g.movBytes(g.isa.Elem)
	g.load(a, x, mov, func(p reg.Register) operand.Mem { return mem(p, 0) })
	mov(g.op(g.lane(a, x)), mem(reg.RDI, 0))

	g.c.Label(g.l("small0"))
	g.ret()
}

// stream emits the kernel whose body stores with VMOVNTPS. It runs the
// plain kernel (a tail call) when n < 64, when dst is not 4-byte aligned
// (it cannot reach vector alignment by whole elements), or when dst is an
// input (the head below overlaps the body: fine out of place only).
// Otherwise: dst[0:W] with a regular store, then the body from dst's next
// W*4-byte boundary on, every pointer advanced by the same bytes and the
// count by bytes/4, SFENCE, then the plain kernel's whole vectors and last.
func (g *gen) stream() {
	k, isa := g.k, g.isa
	name := k.Name + isa.Name + "Stream"
	g.text(name, fmt.Sprintf("%s: %s, %s, the body stored with VMOVNTPS.", name, k.Doc, isa.Name))
	g.loadArgs(true)
	g.c.Comment(
		fmt.Sprintf("the plain kernel when n < %d, when dst is not %d-byte aligned (it can", isa.bodyElems(), isa.Elem),
		"never reach vector alignment by whole elements), or when dst is an input")
	g.c.CMPQ(reg.RCX, operand.U8(isa.bodyElems()))
	g.c.JB(operand.LabelRef("plain"))
	g.c.TESTQ(operand.U32(uint32(isa.Elem-1)), reg.RDI)
	g.c.JNE(operand.LabelRef("plain"))
	for _, p := range g.ptrs() {
		g.c.CMPQ(reg.RDI, p)
		g.c.JEQ(operand.LabelRef("plain"))
	}
	g.constants()
	g.selectForm((*gen).streamShape)

	g.c.Label("plain")
	tailJump(g.c, k.Name+isa.Name)
}

// streamShape emits the *Stream kernel after the constants, in g's form.
func (g *gen) streamShape() {
	isa := g.isa
	g.computeLast()
	g.c.Comment(fmt.Sprintf("dst[0:%d], then non-temporal from dst's next %d-byte boundary on", isa.Floats(), isa.Bytes()))
	g.vector(g.sets[0], 0, g.movups)
	g.c.MOVQ(reg.RDI, reg.RAX)
	g.c.NEGQ(reg.RAX)
	g.c.ANDQ(operand.U8(isa.Bytes()-1), reg.RAX)
	for _, p := range g.ptrs() {
		g.c.ADDQ(reg.RAX, p)
	}
	g.c.ADDQ(reg.RAX, reg.RDI)
	g.c.SHRQ(operand.U8(isa.shift()), reg.RAX)
	g.c.SUBQ(reg.RAX, reg.RCX)
	g.c.SUBQ(operand.U8(g.bodyFloats()), reg.RCX)
	g.c.JB(operand.LabelRef(g.l("streamdone")))
	g.body("streamloop", g.movnt)
	g.c.Label(g.l("streamdone"))
	g.c.SFENCE()
	g.c.ADDQ(operand.U8(g.bodyFloats()), reg.RCX)
	g.tail()
}

// entry emits the dispatch entry point of kernel k: it jumps, arguments in
// place, to the kernel of the path the flags useAVX512 and useAVX2 select,
// or to the generic Go function.
func entry(c *build.Context, k Kernel, suffix, elem string) {
	name := k.Name + suffix
	c.Function(name)
	c.Attributes(build.NOSPLIT)
	c.SignatureExpr(signature(k, elem))
	c.Doc(fmt.Sprintf("%s runs %sAVX512%s, %sAVX2%s or %sGeneric, as useAVX512 and useAVX2 say.",
		name, k.Name, suffix, k.Name, suffix, k.Name))
	c.Pragma("noescape")
	for _, isa := range []ISA{avx512, avx2} {
		c.CMPB(operand.NewDataAddr(operand.Symbol{Name: "·use" + isa.Name}, 0), operand.U8(0))
		c.JNE(operand.LabelRef(strings.ToLower(isa.Name)))
	}
	tailJump(c, k.Name+"Generic")
	for _, isa := range []ISA{avx512, avx2} {
		c.Label(strings.ToLower(isa.Name))
		tailJump(c, k.Name+isa.Name+suffix)
	}
}

// The moves, as func(src, dst) for the shapes to pass around.
func (g *gen) movups(src, dst operand.Op) { g.c.VMOVUPS(src, dst) }
func (g *gen) movnt(src, dst operand.Op)  { g.c.VMOVNTPS(src, dst) }
func (g *gen) movq(src, dst operand.Op)   { g.c.VMOVQ(src, dst) }
func (g *gen) movss(src, dst operand.Op)  { g.c.VMOVSS(src, dst) }

// movBytes is the move of 16, 8 or 4 bytes.
func (g *gen) movBytes(bytes int) func(src, dst operand.Op) {
	return map[int]func(src, dst operand.Op){16: g.movups, 8: g.movq, 4: g.movss}[bytes]
}
