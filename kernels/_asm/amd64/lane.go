package amd64

import (
	"fmt"
	"slices"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// Vec is a vector register holding one value per lane; Mask holds one
// boolean per lane (a vector register with AVX2, an opmask with AVX-512).
type (
	Vec  = reg.Register
	Mask = reg.Register
)

// A Lane is kernel.Lane for AVX2 and AVX-512: what a kernel's lane operation works with: one vector of each
// input, the broadcast scalars, and operations that emit the instructions
// of the Lane's instruction set at the Lane's register size (XMM for the
// AVX2 small-n paths, YMM, ZMM).
//
// The operation may overwrite its inputs; it returns the register holding
// the result. It must be a pure function of the inputs lane by lane: the
// shapes rely on two computations of the same element giving the same bits.
//
// Adding an operation: a method here with one branch per kind of
// instruction set (vector-register masks or opmasks). Temporaries come from
// l.temp and l.mask, never fixed registers: the generator counts them with a
// dry run (c == nil) and gives every vector of the body its own set.
type Lane struct {
	c      *build.Context // nil: dry run, count registers only
	opmask bool           // AVX-512: masks are opmask registers
	// elem64: the elements are float64 (package f64): the inputs, scalars
	// and constants have float64 lanes, and so has every value; the
	// operations take the PD instructions where the PS ones would see
	// 32-bit lanes (compares, blends, masked moves, arithmetic).
	elem64  bool
	size    func(reg.VecPhysical) Vec
	in      []Vec
	scalars []Vec
	zero    Vec
	temps   []reg.VecPhysical
	masks   []reg.OpmaskPhysical
	nTemp   int
	nMask   int
	vals    []reg.Register // kernel.Value i is vals[i]
	// consts holds the register of each constant, broadcast at entry like
	// a scalar; a Lane without one (finding, below) records each constant
	// it is asked for in found, so that the generator can place them.
	consts map[uint32]Vec
	found  []uint32
	// Loads folded into the operations (see src): mem[i], when set, is
	// where input i's vector is read from, in place of its register, which
	// then holds no value until an operation writes its result there.
	// inputOf maps the Values In returned to their inputs; reads and
	// memReads count each input's reads, and those that took a memory
	// operand, for the dry run to find the inputs it can fold.
	mem      []operand.Op
	inputOf  map[kernel.Value]int
	reads    []int
	memReads []int
	// The evaluations' (checked.go): the float64 constants' table, the
	// values that are constants in it, the registers Done freed, and the
	// label a Require jumps to.
	table      *constTable
	mems       map[kernel.Value]operand.Mem
	freed      []Vec
	freedMasks []reg.OpmaskPhysical
	pending    []Vec // loadRO's
	exit       string
	constMem   bool          // float32 constants from the table too (the Checked kernels: their registers go to temporaries)
	slots      []operand.Mem // Spill64's stack slots, nSlot of them in use
	nSlot      int
	spills     int // Spill64's calls, counted in the dry run too
}

var _ kernel.Lane = (*Lane)(nil)

// val returns the kernel.Value of register r.
func (l *Lane) val(r reg.Register) kernel.Value {
	l.vals = append(l.vals, r)
	return kernel.Value(len(l.vals) - 1)
}

// reg returns the register of v, as an operand read in a register.
func (l *Lane) reg(v kernel.Value) reg.Register {
	if _, ok := l.mems[v]; ok {
		panic("a float64 constant where a register is needed (use load)")
	}
	if i, ok := l.input(v); ok {
		l.reads[i]++
		if l.mem != nil && l.mem[i] != nil {
			panic(fmt.Sprintf("input %d is folded into an operation, but read in a register", i))
		}
	}
	return l.vals[v]
}

// src returns v as an operand that may be memory: the instruction's
// second source in Intel's order (the first in Go's), where x86 takes a
// memory operand. A whole vector's input read once, there and nowhere
// else, is read from memory by that instruction, not loaded before it:
// one µop fewer per vector on every x86 core, and on AMD Zen 1 and Zen 2
// the loops' bound (docs/llvm-mca.md).
func (l *Lane) src(v kernel.Value) operand.Op {
	if m, ok := l.mems[v]; ok {
		return m
	}
	if i, ok := l.input(v); ok {
		l.reads[i]++
		l.memReads[i]++
		if l.mem != nil && l.mem[i] != nil {
			return l.mem[i]
		}
	}
	return l.vals[v]
}

// dst returns the register of v as an operation's destination: not a read
// of v (a folded input's register is free until written).
func (l *Lane) dst(v kernel.Value) reg.Register { return l.vals[v] }

func (l *Lane) input(v kernel.Value) (int, bool) {
	i, ok := l.inputOf[v]
	return i, ok
}

// In returns the vector of input i (the i-th slice after dst), loaded, or
// read from memory where it is folded.
func (l *Lane) In(i int) kernel.Value {
	v := l.own(l.in[i])
	if l.inputOf == nil {
		l.inputOf = map[kernel.Value]int{}
	}
	if l.reads == nil {
		l.reads, l.memReads = make([]int, len(l.in)), make([]int, len(l.in))
	}
	l.inputOf[v] = i
	return v
}

// folded returns, after a run of a lane operation, which inputs ld folds:
// for foldOnce those read exactly once, from an operand that may be
// memory; for foldAll those read only from such operands.
func (l *Lane) folded(ld loading) []bool {
	f := make([]bool, len(l.in))
	for i := range f {
		if l.reads == nil || l.reads[i] == 0 || l.reads[i] != l.memReads[i] {
			continue
		}
		f[i] = ld == foldAll || ld == foldOnce && l.reads[i] == 1
	}
	return f
}

// Scalar returns scalar parameter i, in every lane. Read only.
func (l *Lane) Scalar(i int) kernel.Value { return l.own(l.scalars[i]) }

func (l *Lane) temp() Vec {
	if n := len(l.freed); n > 0 {
		r := l.freed[n-1]
		l.freed = l.freed[:n-1]
		return r
	}
	if l.nTemp == len(l.temps) {
		panic(fmt.Sprintf("the lane operation takes more vector registers than the shape has (%d, %d freed)", len(l.temps), len(l.freed)))
	}
	r := l.temps[l.nTemp]
	l.nTemp++
	return l.size(r)
}

func (l *Lane) mask() Mask {
	if n := len(l.freedMasks); n > 0 {
		k := l.freedMasks[n-1]
		l.freedMasks = l.freedMasks[:n-1]
		return k
	}
	k := l.masks[l.nMask]
	l.nMask++
	return k
}

// le0 returns m(x) = (x <= 0) as 0 >= x: VCMPPS with predicate GE_OQ
// (0x1d) and +0 as its first operand in Intel's order, so that x may be
// memory; ordered, so false for NaN, and true for -0 and +0.
func (l *Lane) le0(x operand.Op) Mask {
	var m Mask
	if l.opmask {
		m = l.mask()
	} else {
		m = l.temp()
	}
	if l.c != nil {
		if l.elem64 {
			l.c.VCMPPD(operand.U8(0x1d), x, l.zero, m)
		} else {
			l.c.VCMPPS(operand.U8(0x1d), x, l.zero, m)
		}
	}
	return m
}

// zeroWhere returns m ? +0 : v, lane by lane, in d, v's register. AVX2:
// VANDNPS with the mask (v may be memory); AVX-512: a move of +0
// merge-masked by m (v is d). Lanes where m is false keep v's exact bits.
func (l *Lane) zeroWhere(m Mask, v operand.Op, d Vec) Vec {
	if l.c != nil {
		switch {
		case l.opmask && l.elem64:
			l.c.VMOVAPD(l.zero, m, d)
		case l.opmask:
			l.c.VMOVAPS(l.zero, m, d)
		default:
			l.c.VANDNPS(v, m, d) // bits: the same for float64 lanes
		}
	}
	return d
}

// mulWhere returns m ? v*a : v, lane by lane, in v's register: one VMULPS
// (v the first source: with two NaNs the result is v's, quieted). AVX2: the
// product then VBLENDVPS on the mask; AVX-512: the VMULPS merge-masked by m.
// Lanes where m is false keep v's exact bits.
func (l *Lane) mulWhere(m Mask, v Vec, a operand.Op) Vec {
	if l.opmask {
		if l.c != nil && l.elem64 {
			l.c.VMULPD(a, v, m, v)
		} else if l.c != nil {
			l.c.VMULPS(a, v, m, v)
		}
		return v
	}
	p := l.temp()
	if l.c != nil && l.elem64 {
		l.c.VMULPD(a, v, p)
		l.c.VBLENDVPD(m, p, v, v)
	} else if l.c != nil {
		l.c.VMULPS(a, v, p)
		l.c.VBLENDVPS(m, p, v, v)
	}
	return v
}

// mul returns v*a in a new register: one VMULPS, v the first source.
func (l *Lane) mul(v Vec, a operand.Op) Vec {
	p := l.temp()
	if l.c != nil {
		l.c.VMULPS(a, v, p)
	}
	return p
}

// max returns a > b ? a : b, lane by lane, in d, b's register: VMAXPS
// with b as the second source (Intel order; the first in Go's), which it
// returns as is when either is a NaN or both are zeros of any sign.
func (l *Lane) max(a Vec, b operand.Op, d Vec) Vec {
	if l.c != nil && l.elem64 {
		l.c.VMAXPD(b, a, d)
	} else if l.c != nil {
		l.c.VMAXPS(b, a, d)
	}
	return d
}

// min returns a < b ? a : b, lane by lane, in d, b's register: VMINPS,
// with b returned as is when either is a NaN or both are zeros, as for Max.
func (l *Lane) min(a Vec, b operand.Op, d Vec) Vec {
	if l.c != nil && l.elem64 {
		l.c.VMINPD(b, a, d)
	} else if l.c != nil {
		l.c.VMINPS(b, a, d)
	}
	return d
}

// add returns a+b in a's register: one VADDPS with a as the first source
// operand (with two NaNs the result is a's, quieted).
func (l *Lane) add(a Vec, b operand.Op) Vec {
	if l.c != nil {
		l.c.VADDPS(b, a, a)
	}
	return a
}

// mulInPlace returns a*b in a's register: one VMULPS with a as the first
// source operand (with two NaNs the result is a's, quieted). For kernels
// short of registers, where a is not needed afterwards.
func (l *Lane) mulInPlace(a Vec, b operand.Op) Vec {
	if l.c != nil {
		l.c.VMULPS(b, a, a)
	}
	return a
}

// addWhere returns m ? acc+p : acc, lane by lane, in acc's register, acc
// the first source operand of the VADDPS. Lanes where m is false keep acc's
// exact bits: nothing is added to them, not even +0. AVX2: the sum into
// pd, p's register (overwritten), then VBLENDVPS on the mask; AVX-512: the
// VADDPS merge-masked by m. p may be memory.
func (l *Lane) addWhere(m Mask, acc Vec, p operand.Op, pd Vec) Vec {
	if l.c == nil {
		return acc
	}
	switch {
	case l.opmask && l.elem64:
		l.c.VADDPD(p, acc, m, acc)
	case l.opmask:
		l.c.VADDPS(p, acc, m, acc)
	case l.elem64:
		l.c.VADDPD(p, acc, pd)
		l.c.VBLENDVPD(m, pd, acc, acc)
	default:
		l.c.VADDPS(p, acc, pd)
		l.c.VBLENDVPS(m, pd, acc, acc)
	}
	return acc
}

// compare returns m = (a p b): VCMPPS with the ordered predicate of p, so
// false where either is NaN. b may be memory. VCMPPD on float64 lanes.
func (l *Lane) compare(p kernel.Pred, a Vec, b operand.Op, wide bool) Mask {
	imm := map[kernel.Pred]uint8{kernel.LT: 0x01, kernel.LE: 0x02, kernel.GE: 0x0d, kernel.GT: 0x0e, kernel.EQ: 0x00}[p]
	var m Mask
	if l.opmask {
		m = l.mask()
	} else {
		m = l.temp()
	}
	if l.c != nil {
		if wide {
			l.c.VCMPPD(operand.U8(imm), b, a, m)
		} else {
			l.c.VCMPPS(operand.U8(imm), b, a, m)
		}
	}
	return m
}

// selectWhere returns m ? a : v, lane by lane, in v's register. AVX2:
// VBLENDVPS on the mask; AVX-512: a move of a merge-masked by m (VMOVUPS
// where a is memory). Either way each lane takes one operand's bits as
// they are.
func (l *Lane) selectWhere(m Mask, a operand.Op, v Vec, wide bool) Vec {
	if l.c != nil {
		switch {
		case !l.opmask && wide:
			l.c.VBLENDVPD(m, a, v, v)
		case !l.opmask:
			l.c.VBLENDVPS(m, a, v, v)
		case wide && operand.IsMem(a):
			l.c.VMOVUPD(a, m, v)
		case wide:
			l.c.VMOVAPD(a, m, v)
		case operand.IsMem(a):
			l.c.VMOVUPS(a, m, v)
		default:
			l.c.VMOVAPS(a, m, v)
		}
	}
	return v
}

// constant returns the register of the constant with bits b.
func (l *Lane) constant(b uint32) Vec {
	if b == 0 {
		return l.zero // +0 has its register already
	}
	if r, ok := l.consts[b]; ok {
		return r
	}
	if l.c != nil {
		panic(fmt.Sprintf("constant %#08x has no register", b))
	}
	if !slices.Contains(l.found, b) {
		l.found = append(l.found, b)
	}
	return l.zero
}

// The kernel.Lane methods, on the registers above.

// narrow panics unless every operand has the elements' lanes: 32-bit
// ones, or 64-bit ones on float64 elements (elem64); the operations of
// this file take no float64 from Widen (see kernel.Arith).
func (l *Lane) narrow(op string, vs ...kernel.Value) {
	if l.wide(op, true, vs...) != l.elem64 {
		panic(op + ": the elements' lanes only")
	}
}

// own returns the Value of r, with the elements' lanes.
func (l *Lane) own(r reg.Register) kernel.Value { return l.result(r, l.elem64) }

func (l *Lane) LE0(x kernel.Value) kernel.Value { l.narrow("LE0", x); return l.own(l.le0(l.src(x))) }
func (l *Lane) ZeroWhere(m, v kernel.Value) kernel.Value {
	l.narrow("ZeroWhere", m, v)
	if l.opmask {
		return l.own(l.zeroWhere(l.reg(m), nil, l.reg(v)))
	}
	return l.own(l.zeroWhere(l.reg(m), l.src(v), l.dst(v)))
}
func (l *Lane) MulWhere(m, v, a kernel.Value) kernel.Value {
	l.narrow("MulWhere", m, v, a)
	return l.own(l.mulWhere(l.reg(m), l.reg(v), l.src(a)))
}
func (l *Lane) AddWhere(m, acc, p kernel.Value) kernel.Value {
	l.narrow("AddWhere", m, acc, p)
	return l.own(l.addWhere(l.reg(m), l.reg(acc), l.src(p), l.dst(p)))
}

// Mul, MulInPlace and Add take float64 lanes too (kernel.Arith): VMULPD
// and VADDPD, operands in the same order.
func (l *Lane) Mul(a, b kernel.Value) kernel.Value {
	if l.wide("Mul", true, a, b) {
		ra, rb := l.loadRO(a), l.src(b)
		p := l.temp()
		l.emit(func() { l.c.VMULPD(rb, ra, p) })
		l.release()
		return l.wideVal(p)
	}
	return l.val(l.mul(l.reg(a), l.src(b)))
}
func (l *Lane) MulInPlace(a, b kernel.Value) kernel.Value {
	if l.wide("MulInPlace", true, a, b) {
		ra, rb := l.load(a), l.src(b)
		l.emit(func() { l.c.VMULPD(rb, ra, ra) })
		return l.wideVal(ra)
	}
	return l.val(l.mulInPlace(l.reg(a), l.src(b)))
}
func (l *Lane) Add(a, b kernel.Value) kernel.Value {
	if l.wide("Add", true, a, b) {
		ra, rb := l.load(a), l.src(b)
		l.emit(func() { l.c.VADDPD(rb, ra, ra) })
		return l.wideVal(ra)
	}
	return l.val(l.add(l.reg(a), l.src(b)))
}
func (l *Lane) Max(a, b kernel.Value) kernel.Value {
	l.narrow("Max", a, b)
	r := l.own(l.max(l.loadRO(a), l.src(b), l.dst(b)))
	l.release()
	return r
}
func (l *Lane) Min(a, b kernel.Value) kernel.Value {
	l.narrow("Min", a, b)
	r := l.own(l.min(l.loadRO(a), l.src(b), l.dst(b)))
	l.release()
	return r
}
func (l *Lane) Const(b uint32) kernel.Value {
	if l.constMem && b != 0 {
		if l.mems == nil {
			l.mems = map[kernel.Value]operand.Mem{}
		}
		if l.elem64 {
			v := l.wideVal(nil)
			l.mems[v] = l.table.mem(kernel.WideConst(b))
			return v
		}
		v := l.val(nil)
		l.mems[v] = l.table.mem32(b)
		return v
	}
	return l.own(l.constant(b))
}

// Compare and Select take float64 lanes too (the evaluations'): the mask
// of a float64 compare is for a float64 Select only.
func (l *Lane) Compare(p kernel.Pred, a, b kernel.Value) kernel.Value {
	wide := l.wide("Compare", true, a, b)
	r := l.result(l.compare(p, l.loadRO(a), l.src(b), wide), wide)
	l.release()
	return r
}

func (l *Lane) Select(m, a, v kernel.Value) kernel.Value {
	wide := l.wide("Select", true, m, a, v)
	return l.result(l.selectWhere(l.reg(m), l.src(a), l.load(v), wide), wide)
}
