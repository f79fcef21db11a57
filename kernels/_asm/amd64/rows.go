package main

import (
	"fmt"

	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The shapes of the layer kernels (layerKernels in kernels.go): rows outer,
// inside the kernel, columns inner, each row with the shapes of shape.go
// (the 64-float body, whole vectors) and a row tail:
//
//   - The forward kernels (no Acc) store the row's last vector, computed
//     from the row's inputs as they are at the row's start, at the row's
//     end, overlapping what the row's vectors wrote: exact in place and out
//     of place, as for the elementwise kernels. cols < W: AVX-512 runs the
//     AVX2 kernel (JMP); AVX2 runs every row with the steps below.
//   - The gradient kernels (Acc) add each element to its column's sum once:
//     after the whole vectors, the row's last cols%W elements in steps that
//     do not overlap. AVX2: one XMM vector (4 floats), one 8-byte pair, one
//     element, as many of them as the remainder has bits. AVX-512: one
//     vector with an opmask of the remainder's lanes, zero-masked loads and
//     masked stores (fault suppression: nothing outside the slices is
//     touched). Every cols >= 1 runs in the kernel.
//
// Within a row every pointer (dst, the row inputs, the per-column ones)
// advances by the same bytes; after a row the row pointers are at the next
// row's start (the forward kernels add what the overlapping last vector
// left), and the per-column ones start again from their bases. The
// *Stream variants do not exist for these kernels: the Go side never
// streams them.

// Registers of the row loop, beside those of shape.go (DI = dst, the
// inputs' pointers, CX = floats left in the row, R8 = &row[cols-W]).
var (
	colsReg  = reg.R10                          // cols
	endReg   = reg.R11                          // &dst[n]
	colBases = []reg.Register{reg.R12, reg.R13} // the per-column inputs' bases
	tailMask = reg.K2                           // AVX-512: the lanes of cols%16
)

func (k Kernel) perCol(name string) bool {
	for _, c := range k.PerCol {
		if c == name {
			return true
		}
	}
	return false
}

// storeAcc stores the accumulator of set s back (kernels with an Acc).
func (g *gen) storeAcc(s regSet, size func(reg.VecPhysical) Vec, mov func(src, dst operand.Op), addr func(reg.Register) operand.Mem) {
	for i, name := range g.k.Inputs {
		if name == g.k.Acc {
			mov(size(s.in[i]), addr(g.ptrs()[i]))
		}
	}
}

// rowPtrs are dst and the pointers of the row inputs.
func (g *gen) rowPtrs() []reg.Register {
	ps := []reg.Register{reg.RDI}
	for i, name := range g.k.Inputs {
		if !g.k.perCol(name) {
			ps = append(ps, g.ptrs()[i])
		}
	}
	return ps
}

// rowStart sets CX = cols and the per-column pointers to their bases.
func (g *gen) rowStart() {
	g.c.MOVQ(colsReg, reg.RCX)
	b := 0
	for i, name := range g.k.Inputs {
		if g.k.perCol(name) {
			g.c.MOVQ(colBases[b], g.ptrs()[i])
			b++
		}
	}
}

// skipRest moves the row pointers on by CX floats: to the next row's start.
func (g *gen) skipRest() {
	for _, p := range g.rowPtrs() {
		g.c.LEAQ(operand.Mem{Base: p, Index: reg.RCX, Scale: 4}, p)
	}
}

// nextRow loops to label while dst has rows left.
func (g *gen) nextRow(label string) {
	g.c.CMPQ(reg.RDI, endReg)
	g.c.JB(operand.LabelRef(label))
}

// layer emits the plain kernel of a layer kernel.
func (g *gen) layer() {
	k, isa := g.k, g.isa
	w := isa.Floats()
	name := k.Name + isa.Name
	fwd := k.Acc == ""
	g.text(name, fmt.Sprintf("%s: %s, %s.", name, k.Doc, isa.Name))
	if fwd && isa.Small != "" {
		g.c.Load(g.c.Param(k.PerCol[0]).Len(), colsReg)
		g.c.CMPQ(colsReg, operand.U8(w))
		g.c.JAE(operand.LabelRef("wide"))
		g.c.Comment(fmt.Sprintf("cols < %d: the %s kernel", w, isa.Small))
		tailJump(g.c, k.Name+isa.Small)
		g.c.Label("wide")
	}
	g.c.Load(g.c.Param("dst").Len(), endReg)
	g.c.TESTQ(endReg, endReg)
	g.c.JEQ(operand.LabelRef("done"))
	g.loadArgs(false)
	g.c.Load(g.c.Param(k.PerCol[0]).Len(), colsReg)
	g.c.LEAQ(operand.Mem{Base: reg.RDI, Index: endReg, Scale: 4}, endReg)
	b := 0
	for i, name := range k.Inputs {
		if k.perCol(name) {
			g.c.MOVQ(g.ptrs()[i], colBases[b])
			b++
		}
	}
	g.constants()
	switch {
	case fwd && isa.Small == "":
		g.c.CMPQ(colsReg, operand.U8(w))
		g.c.JB(operand.LabelRef("narrow"))
	case !fwd && isa.Opmask:
		g.c.Comment(fmt.Sprintf("K2 = the lanes of the row's last cols%%%d elements", w))
		g.c.MOVQ(colsReg, reg.RCX)
		g.c.ANDQ(operand.U8(w-1), reg.RCX)
		g.c.MOVL(operand.U32(1), reg.EAX)
		g.c.SHLL(reg.CL, reg.EAX)
		g.c.DECL(reg.EAX)
		g.c.KMOVW(reg.EAX, tailMask)
	}

	g.c.Comment("for each row")
	g.c.Label("row")
	g.rowStart()
	if fwd {
		g.computeLast()
	}
	g.c.CMPQ(reg.RCX, operand.U8(bodyFloats))
	g.c.JB(operand.LabelRef("vec"))
	g.c.SUBQ(operand.U8(bodyFloats), reg.RCX)
	g.c.Comment(fmt.Sprintf("for ; cols >= %d; cols -= %d { %d vectors }", bodyFloats, bodyFloats, bodyFloats/w))
	g.body("loop", g.movups)
	g.c.ADDQ(operand.U8(bodyFloats), reg.RCX)

	g.c.Comment(fmt.Sprintf("for ; cols >= %d; cols -= %d { one vector }", w, w))
	g.c.Label("vec")
	g.c.CMPQ(reg.RCX, operand.U8(w))
	g.c.JB(operand.LabelRef("rest"))
	g.vector(g.sets[0], 0, g.movups)
	g.advance(isa.Bytes())
	g.c.SUBQ(operand.U8(w), reg.RCX)
	g.c.JMP(operand.LabelRef("vec"))

	g.c.Label("rest")
	switch {
	case fwd:
		g.c.Comment(fmt.Sprintf("if cols > 0 { row[len-%d:len] = last }", w))
		g.c.TESTQ(reg.RCX, reg.RCX)
		g.c.JEQ(operand.LabelRef("next"))
		g.c.VMOVUPS(isa.size(lastReg), mem(reg.R8, 0))
		g.c.Label("next")
		g.skipRest()
	case isa.Opmask:
		g.c.Comment("if cols > 0 { the row's last cols elements, masked by K2 }")
		g.c.TESTQ(reg.RCX, reg.RCX)
		g.c.JEQ(operand.LabelRef("next"))
		g.maskedVector(g.sets[0])
		g.skipRest()
		g.c.Label("next")
	default:
		g.steps("rest")
	}
	g.nextRow("row")

	g.c.Label("done")
	g.ret()

	if fwd && isa.Small == "" {
		g.c.Comment(fmt.Sprintf("cols < %d: every row in steps", w))
		g.c.Label("narrow")
		g.rowStart()
		g.steps("narrow")
		g.nextRow("narrow")
		g.ret()
	}
}

// maskedVector emits one AVX-512 vector of CX < 16 floats: the loads
// zero-masked by tailMask (no fault outside the slices), the stores masked.
func (g *gen) maskedVector(s regSet) {
	size := g.isa.size
	load := func(src, dst operand.Op) { g.c.VMOVUPS_Z(src, tailMask, dst) }
	store := func(src, dst operand.Op) { g.c.VMOVUPS(src, tailMask, dst) }
	at := func(p reg.Register) operand.Mem { return mem(p, 0) }
	g.load(s, size, load, at)
	r := g.k.Op(g.lane(s, size))
	store(r, mem(reg.RDI, 0))
	g.storeAcc(s, size, store, at)
}

// steps emits the AVX2 row tail of CX < 8 floats without overlap: 4 floats
// in an XMM vector if CX >= 4, then 2 in an 8-byte pair if what is left is
// >= 2, then 1; every pointer moved on past each.
func (g *gen) steps(prefix string) {
	x := func(r reg.VecPhysical) Vec { return r.AsX() }
	s := g.sets[0]
	at := func(p reg.Register) operand.Mem { return mem(p, 0) }
	step := func(floats int, mov func(src, dst operand.Op), skip string) {
		g.load(s, x, mov, at)
		mov(g.k.Op(g.lane(s, x)), mem(reg.RDI, 0))
		g.storeAcc(s, x, mov, at)
		g.advance(floats * 4)
		g.c.Label(skip)
	}
	g.c.Comment("4 floats if cols >= 4")
	g.c.CMPQ(reg.RCX, operand.U8(4))
	g.c.JB(operand.LabelRef(prefix + "4"))
	g.c.SUBQ(operand.U8(4), reg.RCX)
	step(4, g.movups, prefix+"4")
	g.c.Comment("2 floats if cols >= 2")
	g.c.CMPQ(reg.RCX, operand.U8(2))
	g.c.JB(operand.LabelRef(prefix + "2"))
	g.c.SUBQ(operand.U8(2), reg.RCX)
	step(2, g.movq, prefix+"2")
	g.c.Comment("1 float if cols >= 1")
	g.c.TESTQ(reg.RCX, reg.RCX)
	g.c.JEQ(operand.LabelRef(prefix + "1"))
	step(1, g.movss, prefix+"1")
}
