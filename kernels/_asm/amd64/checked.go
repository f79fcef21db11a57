package amd64

import (
	"fmt"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The Checked kernels (kernel.Checked): the smooth activations, from the
// float64 lane evaluations of kernel/evaluate.go. Each is
//
//	func nameISAVectors(dst, inputs... []float32, scalars... float32) int
//
// over whole vectors only: it stores each vector whose lanes are all
// certain, and returns the number of elements stored, at the first vector
// with a lane that is not (a Require fails), or at the last whole vector.
// The Go side (kernels_checked_amd64.go) runs the generic kernel on the
// vector it stopped at and on the elements after the last whole vector.
//
// One vector per iteration: the evaluation's chain of dependent operations
// is long, and the out-of-order core overlaps the iterations, which are
// independent, by itself.

// constTable holds the float64 constants of the evaluations in read-only
// data, 64 bytes of copies each, so that a YMM or ZMM operation reads one
// from memory in place of a register.
type constTable struct {
	order []uint64
	off   map[uint64]int
}

const constName = "evaluationConsts"

func (t *constTable) mem(b uint64) operand.Mem {
	if t.off == nil {
		t.off = map[uint64]int{}
	}
	off, ok := t.off[b]
	if !ok {
		off = 64 * len(t.order)
		t.off[b] = off
		t.order = append(t.order, b)
	}
	return operand.NewDataAddr(operand.NewStaticSymbol(constName), off)
}

// emit writes the table into c's read-only data.
func (t *constTable) emit(c *build.Context) {
	if len(t.order) == 0 {
		return
	}
	c.StaticGlobal(constName)
	c.DataAttributes(attr.RODATA | attr.NOPTR)
	for i, b := range t.order {
		for j := 0; j < 8; j++ {
			c.AddDatum(64*i+8*j, operand.U64(b))
		}
	}
}

// Const64 is the constant's 64 bytes in the table: a memory operand.
func (l *Lane) Const64(b uint64) kernel.Value {
	if l.table == nil {
		panic("Const64: only in the Checked kernels' shape")
	}
	v := l.wideVal(nil)
	if l.mems == nil {
		l.mems = map[kernel.Value]operand.Mem{}
	}
	l.mems[v] = l.table.mem(b)
	return v
}

// load returns v's register; a constant from the table is loaded into a
// new one first, so that an operation may write its result there.
func (l *Lane) load(v kernel.Value) reg.Register {
	m, ok := l.mems[v]
	if !ok {
		return l.reg(v)
	}
	r := l.temp()
	l.emit(func() { l.c.VMOVUPD(m, r) })
	return r
}

// MulAdd is VFMADD213PD: a = b*a + c, one rounding, c from memory where it
// is a constant. The product's operands commute exactly.
func (l *Lane) MulAdd(a, b, c kernel.Value) kernel.Value {
	if !l.wide("MulAdd", true, a, b, c) {
		panic("MulAdd: float64 lanes only")
	}
	ra, rb, rc := l.load(a), l.load(b), l.src(c)
	l.emit(func() { l.c.VFMADD213PD(rc, rb, ra) })
	return l.wideVal(ra)
}

// Done frees the registers of vs for later temporaries.
func (l *Lane) Done(vs ...kernel.Value) {
	for _, v := range vs {
		if _, ok := l.mems[v]; ok {
			continue
		}
		r := l.vals[v]
		if r.Kind() == reg.KindOpmask {
			l.freedMasks = append(l.freedMasks, r.(reg.OpmaskPhysical))
			continue
		}
		for _, f := range l.freed {
			if f == r {
				panic("Done: a register freed twice")
			}
		}
		l.freed = append(l.freed, r)
	}
}

// Require jumps to the kernel's exit unless every lane of m holds: with an
// opmask, KORTESTW sets the carry flag when all 16 bits are ones; with a
// vector mask, VMOVMSKPS gathers the lanes' sign bits.
func (l *Lane) Require(m kernel.Value) {
	if l.exit == "" {
		panic("Require: only in the Checked kernels' shape")
	}
	if float64Values[l][m] {
		panic("Require: a float32 mask only")
	}
	rm := l.reg(m)
	l.emit(func() {
		if l.opmask {
			l.c.KORTESTW(rm, rm)
			l.c.JCC(operand.LabelRef(l.exit))
			return
		}
		l.c.VMOVMSKPS(rm, reg.EAX)
		l.c.CMPL(reg.EAX, operand.U8(1<<(rm.Size()/4)-1))
		l.c.JNE(operand.LabelRef(l.exit))
	})
}

// Rounded runs fn's evaluation.
func (l *Lane) Rounded(fn string, x kernel.Value) kernel.Value {
	ev := kernel.Evaluations[fn]
	if ev == nil || l.table == nil {
		panic("Rounded(" + fn + "): no evaluation here")
	}
	return ev(l, x)
}

// checkedRegs are the vector registers of a Checked kernel: X0 holds +0,
// X15 is never used (see shape.go).
var checkedRegs = []reg.VecPhysical{
	reg.X1, reg.X2, reg.X3, reg.X4, reg.X5, reg.X6, reg.X7,
	reg.X8, reg.X9, reg.X10, reg.X11, reg.X12, reg.X13, reg.X14,
}

// checkedSignature is a Checked kernel's Go signature.
func checkedSignature(k Kernel) string {
	return strings.TrimSuffix(signature(k), ")") + ") int"
}

// checked emits k's Checked kernel for isa.
func checked(c *build.Context, k Kernel, isa ISA, table *constTable) {
	w := isa.Floats()
	name := k.Name + isa.Name + "Vectors"
	defer func() {
		if e := recover(); e != nil {
			panic(fmt.Sprintf("%s: %v", name, e))
		}
	}()
	c.Function(name)
	c.Attributes(build.NOSPLIT)
	c.SignatureExpr(checkedSignature(k))
	c.Doc(fmt.Sprintf("%s: %s, %s, over whole vectors: it returns the", name, k.Doc, isa.Name),
		"elements stored, at the first vector with a lane that is not certain.")
	c.Pragma("noescape")

	// The registers: the inputs first, then the temporaries, and the
	// scalars and the float32 constants from the end, found by a dry run.
	dry := &Lane{opmask: isa.Opmask, size: isa.size, zero: isa.size(zeroReg), masks: maskPool, table: &constTable{}, exit: "dry"}
	dry.temps = append(append([]reg.VecPhysical{}, checkedRegs...), checkedRegs...)
	for range k.Inputs {
		dry.in = append(dry.in, dry.temp())
	}
	for range k.Scalars {
		dry.scalars = append(dry.scalars, dry.zero)
	}
	k.Op(dry)
	fixed := len(k.Scalars) + len(dry.found)
	if fixed+len(k.Inputs) > len(checkedRegs) {
		panic(k.Name + ": too many scalars and constants")
	}
	pool := checkedRegs[:len(checkedRegs)-fixed]
	fixedRegs := sized(checkedRegs[len(checkedRegs)-fixed:], isa)

	l := &Lane{c: c, opmask: isa.Opmask, size: isa.size, zero: isa.size(zeroReg), masks: maskPool, table: table, exit: "done",
		consts: map[uint32]Vec{}}
	l.in, l.temps = sized(pool[:len(k.Inputs)], isa), pool[len(k.Inputs):]
	l.scalars = fixedRegs[:len(k.Scalars)]
	for i, b := range dry.found {
		l.consts[b] = fixedRegs[len(k.Scalars)+i]
	}

	c.Load(c.Param("dst").Base(), reg.RDI)
	ptrs := inputPtrs[:len(k.Inputs)]
	for i, in := range k.Inputs {
		c.Load(c.Param(in).Base(), ptrs[i])
	}
	c.Load(c.Param("dst").Len(), reg.RCX)
	c.MOVQ(reg.RDI, reg.R8)
	c.VXORPS(reg.X0, reg.X0, reg.X0)
	for i, s := range k.Scalars {
		b, err := c.Param(s).Resolve()
		if err != nil {
			panic(err)
		}
		c.VBROADCASTSS(b.Addr, l.scalars[i])
	}
	for _, b := range dry.found {
		r := l.consts[b]
		c.MOVL(operand.U32(b), reg.EAX)
		c.VMOVD(reg.EAX, r.(reg.VecPhysical).AsX())
		c.VBROADCASTSS(r.(reg.VecPhysical).AsX(), r)
	}
	c.Comment(fmt.Sprintf("for ; n >= %d; n -= %d { one vector }, with n biased by -%d", w, w, w))
	c.SUBQ(operand.U8(w), reg.RCX)
	c.JB(operand.LabelRef("done"))
	c.Label("loop")
	for i, p := range ptrs {
		c.VMOVUPS(mem(p, 0), l.in[i])
	}
	r := l.reg(k.Op(l))
	c.VMOVUPS(r, mem(reg.RDI, 0))
	for _, p := range ptrs {
		c.ADDQ(operand.U32(isa.Bytes()), p)
	}
	c.ADDQ(operand.U32(isa.Bytes()), reg.RDI)
	c.SUBQ(operand.U8(w), reg.RCX)
	c.JAE(operand.LabelRef("loop"))

	c.Comment("return the elements stored: (DI - &dst[0]) / 4")
	c.Label("done")
	c.SUBQ(reg.R8, reg.RDI)
	c.SHRQ(operand.U8(2), reg.RDI)
	c.Store(reg.RDI, c.ReturnIndex(0))
	c.VZEROUPPER()
	c.RET()
}

func sized(rs []reg.VecPhysical, isa ISA) []Vec {
	var v []Vec
	for _, r := range rs {
		v = append(v, isa.size(r))
	}
	return v
}
