package amd64

import (
	"fmt"
	"math"
	"strings"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/ir"
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
// data, so that a YMM or ZMM operation reads one from memory in place of a
// register. Go's linker aligns the table to 32 bytes only, and a ZMM
// operand that straddles two cache lines costs each read an extra access:
// each entry is 128 bytes of copies, and every kernel reads its table from
// tableBase, the first 64-byte boundary in it (tableAlign), where every
// entry's 64 bytes from there lie in the entry.
type constTable struct {
	order  []uint64 // a float32's bits in the low half, with bit 64 in f32
	off    map[uint64]int
	f32    map[int]bool // the entries that are float32s, 16 copies
	arrays map[int][8]uint64
	arrOff map[[8]uint64]int
}

const constName = "evaluationConsts"

// entryBytes is the bytes of one constant's copies in the table.
const entryBytes = 128

// tableBase holds the table's first address that is a multiple of 64 in
// every Checked kernel.
var tableBase = reg.R12

// tableAlign sets tableBase: the table's address rounded up to a multiple
// of 64, at most 63 bytes on, so that each entry's first 64 bytes from
// there are in the entry.
func tableAlign(c *build.Context) {
	c.LEAQ(operand.NewDataAddr(operand.NewStaticSymbol(constName), 63), tableBase)
	c.ANDQ(operand.I32(-64), tableBase)
}

func (t *constTable) mem(b uint64) operand.Mem {
	if t.off == nil {
		t.off = map[uint64]int{}
	}
	off, ok := t.off[b]
	if !ok {
		off = entryBytes * len(t.order)
		t.off[b] = off
		t.order = append(t.order, b)
	}
	return operand.Mem{Base: tableBase, Disp: off}
}

// arrayBase holds the table's own address in the kernels that Lookup:
// a table's 8 values are not copies, so they are read from where they
// are, not from tableBase, which is up to 63 bytes on.
var arrayBase = reg.R13

// memArray is the entry holding t's float64s in its first 64 bytes (8 at
// most, zeros after them): a Lookup table, off arrayBase.
func (t *constTable) memArray(vals []float64) operand.Mem {
	if len(vals) > 8 {
		panic("a Lookup table of more than 8 entries")
	}
	var key [8]uint64
	for i, v := range vals {
		key[i] = math.Float64bits(v)
	}
	if t.arrOff == nil {
		t.arrOff, t.arrays = map[[8]uint64]int{}, map[int][8]uint64{}
	}
	off, ok := t.arrOff[key]
	if !ok {
		// An entry of its own: a key no float64 constant has.
		off = entryBytes * len(t.order)
		t.order = append(t.order, 0)
		t.arrOff[key], t.arrays[off] = off, key
	}
	return operand.Mem{Base: arrayBase, Disp: off}
}

// mem32 is mem for a float32 constant: copies of b.
func (t *constTable) mem32(b uint32) operand.Mem {
	key := uint64(b) | 1<<32 // no float64 constant of the table is a subnormal this small
	m := t.mem(key)
	if t.f32 == nil {
		t.f32 = map[int]bool{}
	}
	t.f32[t.off[key]] = true
	return m
}

// emit writes the table into c's read-only data.
func (t *constTable) emit(c *build.Context) {
	if len(t.order) == 0 {
		return
	}
	c.StaticGlobal(constName)
	c.DataAttributes(attr.RODATA | attr.NOPTR)
	for i, b := range t.order {
		if a, ok := t.arrays[entryBytes*i]; ok {
			for j := 0; j < entryBytes/8; j++ {
				v := uint64(0)
				if j < len(a) {
					v = a[j]
				}
				c.AddDatum(entryBytes*i+8*j, operand.U64(v))
			}
			continue
		}
		if t.f32[entryBytes*i] {
			for j := 0; j < entryBytes/4; j++ {
				c.AddDatum(entryBytes*i+4*j, operand.U32(uint32(b)))
			}
			continue
		}
		for j := 0; j < entryBytes/8; j++ {
			c.AddDatum(entryBytes*i+8*j, operand.U64(b))
		}
	}
}

// Const64 is the constant's copies in the table: a memory operand.
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

// loadRO is load for an operand the operation only reads: a register it
// loads a constant into is freed again by release, once the operation has
// taken its result's register.
func (l *Lane) loadRO(v kernel.Value) reg.Register {
	r := l.load(v)
	if _, ok := l.mems[v]; ok {
		l.pending = append(l.pending, r)
	}
	return r
}

func (l *Lane) release() {
	l.freed = append(l.freed, l.pending...)
	l.pending = l.pending[:0]
}

// MulAdd is VFMADD213PD: a = b*a + c, one rounding, c from memory where it
// is a constant. The product's operands commute exactly.
func (l *Lane) MulAdd(a, b, c kernel.Value) kernel.Value {
	if !l.wide("MulAdd", true, a, b, c) {
		panic("MulAdd: float64 lanes only")
	}
	ra, rb, rc := l.load(a), l.loadRO(b), l.src(c)
	l.emit(func() { l.c.VFMADD213PD(rc, rb, ra) })
	l.release()
	return l.wideVal(ra)
}

// Copy64 is a move into a new register: VMOVAPD, which most cores do at
// register renaming, or VMOVUPD of a constant from the table.
func (l *Lane) Copy64(v kernel.Value) kernel.Value {
	if !l.wide("Copy64", true, v) {
		panic("Copy64: float64 lanes only")
	}
	src, r := l.src(v), l.temp()
	l.emit(func() {
		if operand.IsMem(src) {
			l.c.VMOVUPD(src, r)
		} else {
			l.c.VMOVAPD(src, r)
		}
	})
	return l.wideVal(r)
}

// Spill64 stores v in a stack slot of its own (VMOVUPD) and frees its
// register: the slot is a memory operand from then on, as the table's
// constants are.
func (l *Lane) Spill64(v kernel.Value) kernel.Value {
	if !l.wide("Spill64", true, v) {
		panic("Spill64: float64 lanes only")
	}
	r := l.reg(v)
	l.spills++
	var slot operand.Mem
	if l.c != nil {
		// A loop body's slots are the previous body's: one at a time.
		if l.nSlot == len(l.slots) {
			l.slots = append(l.slots, l.c.AllocLocal(int(r.Size())))
		}
		slot = l.slots[l.nSlot]
		l.nSlot++
		l.c.VMOVUPD(r, slot)
	}
	l.Done(v)
	s := l.wideVal(nil)
	if l.mems == nil {
		l.mems = map[kernel.Value]operand.Mem{}
	}
	l.mems[s] = slot
	return s
}

// Index is c + roundMagic with AVX-512: the low bits of each 64-bit lane
// are c, which VPERMPD reads. With AVX2, VPERMD reads 32-bit lanes of a
// 4-entry half of the table: each 64-bit lane holds the pair 2j, 2j + 1
// (j = c mod 4, as c*(2 + 2^33) + 2^32 + roundMagic, one exact FMA), and
// its sign bit says which half (c >= 4), which VBLENDVPD reads.
func (l *Lane) Index(c kernel.Value) kernel.Value {
	if !l.wide("Index", true, c) {
		panic("Index: float64 lanes only")
	}
	if l.opmask {
		return l.Add(c, l.Const64(math.Float64bits(0x1.8p52)))
	}
	rc := l.load(c)
	hi, j, m := l.temp(), l.temp(), l.table.mem(math.Float64bits(4))
	k, add := l.table.mem(math.Float64bits(2+0x1p33)), l.table.mem(math.Float64bits(0x1p32+0x1.8p52))
	neg := l.table.mem(math.Float64bits(-1))
	l.emit(func() {
		l.c.VCMPPD(operand.U8(0x0d), m, rc, hi) // c >= 4
		l.c.VSUBPD(m, rc, j)
		l.c.VBLENDVPD(hi, j, rc, rc)
		l.c.VMOVUPD(k, j)
		l.c.VFMADD213PD(add, j, rc)
		l.c.VMULPD(neg, rc, j)
		l.c.VBLENDVPD(hi, j, rc, rc)
	})
	l.freed = append(l.freed, hi, j)
	return l.wideVal(rc)
}

// Lookup is VPERMPD of the table's 64 bytes with AVX-512; with AVX2,
// VPERMD of each 32-byte half, then VBLENDVPD on idx's sign bits.
func (l *Lane) Lookup(idx kernel.Value, t []float64) kernel.Value {
	ri, tab := l.reg(idx), l.table.memArray(t)
	r := l.temp()
	if l.opmask {
		l.emit(func() { l.c.VPERMPD(tab, ri, r) })
		return l.wideVal(r)
	}
	h := l.temp()
	upper := tab
	upper.Disp += 32
	l.emit(func() {
		l.c.VPERMD(tab, ri, r)
		l.c.VPERMD(upper, ri, h)
		l.c.VBLENDVPD(ri, h, r, r)
	})
	l.freed = append(l.freed, h)
	return l.wideVal(r)
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
			if f == r && l.c != nil { // the dry run's pool names each register twice
				panic(fmt.Sprintf("Done: register %s freed twice (value %d)", r.Asm(), v))
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
	evs := kernel.Evaluations
	if l.elem64 {
		evs = kernel.WideEvaluations
	}
	ev := evs[fn]
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
func checkedSignature(k Kernel, elem string) string {
	return strings.TrimSuffix(signature(k, elem), ")") + ") int"
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
	elem64 := isa.Elem == 8
	elem := map[bool]string{false: "float32", true: "float64"}[elem64]
	c.SignatureExpr(checkedSignature(k, elem))
	c.Doc(fmt.Sprintf("%s: %s, %s, over whole vectors: it returns the", name, k.Doc, isa.Name),
		"elements stored, at the first vector with a lane that is not certain.")
	c.Pragma("noescape")

	// The registers: the inputs first, then the temporaries, and the
	// scalars and the float32 constants from the end, found by a dry run.
	dry := &Lane{opmask: isa.Opmask, elem64: elem64, size: isa.size, zero: isa.size(zeroReg), masks: maskPool, table: &constTable{}, exit: "dry",
		constMem: true}
	dry.temps = append(append([]reg.VecPhysical{}, checkedRegs...), checkedRegs...)
	for range k.Inputs {
		dry.in = append(dry.in, dry.temp())
	}
	for range k.Scalars {
		dry.scalars = append(dry.scalars, dry.zero)
	}
	k.Op(dry)
	// A kernel that spills has a frame, which may pass the linker's limit
	// for NOSPLIT functions: it takes the stack check instead.
	if dry.spills == 0 {
		c.Attributes(build.NOSPLIT)
	}
	fixed := len(k.Scalars) + len(dry.found)
	if fixed+len(k.Inputs) > len(checkedRegs) {
		panic(k.Name + ": too many scalars and constants")
	}
	pool := checkedRegs[:len(checkedRegs)-fixed]
	fixedRegs := sized(checkedRegs[len(checkedRegs)-fixed:], isa)

	l := &Lane{c: c, opmask: isa.Opmask, elem64: elem64, size: isa.size, zero: isa.size(zeroReg), masks: maskPool, table: table, exit: "done",
		consts: map[uint32]Vec{}, constMem: true}
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
	tableAlign(c)
	if len(dry.table.arrays) > 0 {
		c.LEAQ(operand.NewDataAddr(operand.NewStaticSymbol(constName), 0), arrayBase)
	}
	c.VXORPS(reg.X0, reg.X0, reg.X0)
	for i, s := range k.Scalars {
		b, err := c.Param(s).Resolve()
		if err != nil {
			panic(err)
		}
		if elem64 {
			c.VBROADCASTSD(b.Addr, l.scalars[i])
		} else {
			c.VBROADCASTSS(b.Addr, l.scalars[i])
		}
	}
	if elem64 && len(dry.found) > 0 {
		panic("a float32 constant in a register on float64 elements")
	}
	for _, b := range dry.found {
		r := l.consts[b]
		c.MOVL(operand.U32(b), reg.EAX)
		c.VMOVD(reg.EAX, r.(reg.VecPhysical).AsX())
		c.VBROADCASTSS(r.(reg.VecPhysical).AsX(), r)
	}
	// AVX-512, with registers enough, computes two vectors per iteration
	// in two register sets, their instructions interleaved (interleave):
	// the evaluation is one long chain of dependent operations, which the
	// core's window overlaps across iterations only in part. Every store
	// comes after both vectors' Requires, so that a vector stored is never
	// computed again from a dst that is also src.
	var second *Lane
	if isa.Opmask {
		second = &Lane{c: c, opmask: true, elem64: elem64, size: isa.size, zero: l.zero, masks: maskPool[3:], table: table, exit: "done",
			consts: l.consts, scalars: l.scalars, constMem: true}
		l.masks = maskPool[:3]
		second.in, second.temps = sized(highRegs[:len(k.Inputs)], isa), highRegs[len(k.Inputs):]
	}
	vector := func(l *Lane, off int) reg.Register {
		for i, p := range ptrs {
			c.VMOVUPS(mem(p, off), l.in[i])
		}
		return l.reg(k.Op(l))
	}
	advance := func(bytes int) {
		for _, p := range ptrs {
			c.ADDQ(operand.U32(bytes), p)
		}
		c.ADDQ(operand.U32(bytes), reg.RDI)
	}
	if second != nil {
		c.Comment(fmt.Sprintf("for ; n >= %d; n -= %d { two vectors }, with n biased by -%d", 2*w, 2*w, 2*w))
		c.SUBQ(operand.U8(2*w), reg.RCX)
		c.JB(operand.LabelRef("pairsdone"))
		c.Label("pairs")
		c.Comment(interleaveFirst)
		ra := vector(l, 0)
		c.Comment(interleaveSecond)
		rb := vector(second, isa.Bytes())
		c.Comment(interleaveEnd)
		c.VMOVUPS(ra, mem(reg.RDI, 0))
		c.VMOVUPS(rb, mem(reg.RDI, isa.Bytes()))
		advance(2 * isa.Bytes())
		c.SUBQ(operand.U8(2*w), reg.RCX)
		c.JAE(operand.LabelRef("pairs"))
		c.Label("pairsdone")
		c.ADDQ(operand.U8(2*w), reg.RCX)
		l.freed, l.nTemp, l.freedMasks, l.nMask, l.nSlot = nil, 0, nil, 0, 0
	}
	c.Comment(fmt.Sprintf("for ; n >= %d; n -= %d { one vector }, with n biased by -%d", w, w, w))
	c.SUBQ(operand.U8(w), reg.RCX)
	c.JB(operand.LabelRef("done"))
	c.Label("loop")
	r := vector(l, 0)
	c.VMOVUPS(r, mem(reg.RDI, 0))
	advance(isa.Bytes())
	c.SUBQ(operand.U8(w), reg.RCX)
	c.JAE(operand.LabelRef("loop"))

	c.Comment(fmt.Sprintf("return the elements stored: (DI - &dst[0]) / %d", isa.Elem))
	c.Label("done")
	c.SUBQ(reg.R8, reg.RDI)
	c.SHRQ(operand.U8(isa.shift()), reg.RDI)
	c.Store(reg.RDI, c.ReturnIndex(0))
	c.VZEROUPPER()
	c.RET()
}

// highRegs are the second register set of the AVX-512 kernels: EVEX
// encodes registers 16 to 31.
var highRegs = []reg.VecPhysical{
	reg.X16, reg.X17, reg.X18, reg.X19, reg.X20, reg.X21, reg.X22,
	reg.X23, reg.X24, reg.X25, reg.X26, reg.X27, reg.X28, reg.X29,
}

// The markers of the two instruction streams that interleave merges.
const (
	interleaveFirst  = "interleave: the first vector"
	interleaveSecond = "interleave: the second vector"
	interleaveEnd    = "interleave: end"
)

// interleave merges, in every function of f, the instructions between
// the markers: one of the first stream, one of the second, and so on, so
// that the core sees two independent chains side by side. A KORTESTW stays
// with the jump after it, which reads its flags.
func interleave(f *ir.File) {
	for _, fn := range f.Functions() {
		var out []ir.Node
		nodes := fn.Nodes
		for i := 0; i < len(nodes); i++ {
			if !isMarker(nodes[i], interleaveFirst) {
				out = append(out, nodes[i])
				continue
			}
			j := i + 1
			for !isMarker(nodes[j], interleaveSecond) {
				j++
			}
			k := j + 1
			for !isMarker(nodes[k], interleaveEnd) {
				k++
			}
			out = append(out, ir.NewComment("two vectors, their instructions interleaved"))
			a, b := units(nodes[i+1:j]), units(nodes[j+1:k])
			for len(a) > 0 || len(b) > 0 {
				if len(a) > 0 {
					out = append(out, a[0]...)
					a = a[1:]
				}
				if len(b) > 0 {
					out = append(out, b[0]...)
					b = b[1:]
				}
			}
			i = k
		}
		fn.Nodes = out
	}
}

func isMarker(n ir.Node, text string) bool {
	c, ok := n.(*ir.Comment)
	return ok && len(c.Lines) == 1 && c.Lines[0] == text
}

// units splits nodes into what must stay together: an instruction, or a
// KORTESTW and the jump on its flags.
func units(nodes []ir.Node) [][]ir.Node {
	var us [][]ir.Node
	for i := 0; i < len(nodes); i++ {
		u := []ir.Node{nodes[i]}
		if in, ok := nodes[i].(*ir.Instruction); ok && in.Opcode == "KORTESTW" {
			i++
			u = append(u, nodes[i])
		}
		us = append(us, u)
	}
	return us
}

func sized(rs []reg.VecPhysical, isa ISA) []Vec {
	var v []Vec
	for _, r := range rs {
		v = append(v, isa.size(r))
	}
	return v
}
