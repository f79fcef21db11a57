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
	c       *build.Context // nil: dry run, count registers only
	opmask  bool           // AVX-512: masks are opmask registers
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
}

var _ kernel.Lane = (*Lane)(nil)

// val returns the kernel.Value of register r.
func (l *Lane) val(r reg.Register) kernel.Value {
	l.vals = append(l.vals, r)
	return kernel.Value(len(l.vals) - 1)
}

// reg returns the register of v.
func (l *Lane) reg(v kernel.Value) reg.Register { return l.vals[v] }

// In returns the vector of input i (the i-th slice after dst), loaded.
func (l *Lane) In(i int) kernel.Value { return l.val(l.in[i]) }

// Scalar returns scalar parameter i, in every lane. Read only.
func (l *Lane) Scalar(i int) kernel.Value { return l.val(l.scalars[i]) }

func (l *Lane) temp() Vec {
	r := l.temps[l.nTemp]
	l.nTemp++
	return l.size(r)
}

func (l *Lane) mask() Mask {
	k := l.masks[l.nMask]
	l.nMask++
	return k
}

// le0 returns m(x) = (x <= 0): VCMPPS with predicate LE_OQ (2), ordered,
// so false for NaN and true for -0 and +0.
func (l *Lane) le0(x Vec) Mask {
	var m Mask
	if l.opmask {
		m = l.mask()
	} else {
		m = l.temp()
	}
	if l.c != nil {
		l.c.VCMPPS(operand.U8(2), l.zero, x, m)
	}
	return m
}

// zeroWhere returns m ? +0 : v, lane by lane, in v's register. AVX2:
// VANDNPS with the mask; AVX-512: a move of +0 merge-masked by m. Lanes
// where m is false keep v's exact bits.
func (l *Lane) zeroWhere(m Mask, v Vec) Vec {
	if l.c != nil {
		if l.opmask {
			l.c.VMOVAPS(l.zero, m, v)
		} else {
			l.c.VANDNPS(v, m, v)
		}
	}
	return v
}

// mulWhere returns m ? v*a : v, lane by lane, in v's register: one VMULPS
// (v the first source: with two NaNs the result is v's, quieted). AVX2: the
// product then VBLENDVPS on the mask; AVX-512: the VMULPS merge-masked by m.
// Lanes where m is false keep v's exact bits.
func (l *Lane) mulWhere(m Mask, v, a Vec) Vec {
	if l.opmask {
		if l.c != nil {
			l.c.VMULPS(a, v, m, v)
		}
		return v
	}
	p := l.temp()
	if l.c != nil {
		l.c.VMULPS(a, v, p)
		l.c.VBLENDVPS(m, p, v, v)
	}
	return v
}

// mul returns v*a in a new register: one VMULPS, v the first source.
func (l *Lane) mul(v, a Vec) Vec {
	p := l.temp()
	if l.c != nil {
		l.c.VMULPS(a, v, p)
	}
	return p
}

// max returns a > b ? a : b, lane by lane, in b's register: VMAXPS with b
// as the second source (Intel order; the first in Go's), which it returns
// as is when either is a NaN or both are zeros of any sign.
func (l *Lane) max(a, b Vec) Vec {
	if l.c != nil {
		l.c.VMAXPS(b, a, b)
	}
	return b
}

// min returns a < b ? a : b, lane by lane, in b's register: VMINPS, with
// b returned as is when either is a NaN or both are zeros, as for Max.
func (l *Lane) min(a, b Vec) Vec {
	if l.c != nil {
		l.c.VMINPS(b, a, b)
	}
	return b
}

// add returns a+b in a's register: one VADDPS with a as the first source
// operand (with two NaNs the result is a's, quieted).
func (l *Lane) add(a, b Vec) Vec {
	if l.c != nil {
		l.c.VADDPS(b, a, a)
	}
	return a
}

// mulInPlace returns a*b in a's register: one VMULPS with a as the first
// source operand (with two NaNs the result is a's, quieted). For kernels
// short of registers, where a is not needed afterwards.
func (l *Lane) mulInPlace(a, b Vec) Vec {
	if l.c != nil {
		l.c.VMULPS(b, a, a)
	}
	return a
}

// addWhere returns m ? acc+p : acc, lane by lane, in acc's register, acc
// the first source operand of the VADDPS. Lanes where m is false keep acc's
// exact bits: nothing is added to them, not even +0. AVX2: the sum into p
// (overwritten), then VBLENDVPS on the mask; AVX-512: the VADDPS
// merge-masked by m.
func (l *Lane) addWhere(m Mask, acc, p Vec) Vec {
	if l.c == nil {
		return acc
	}
	if l.opmask {
		l.c.VADDPS(p, acc, m, acc)
		return acc
	}
	l.c.VADDPS(p, acc, p)
	l.c.VBLENDVPS(m, p, acc, acc)
	return acc
}

// compare returns m = (a p b): VCMPPS with the ordered predicate of p, so
// false where either is NaN.
func (l *Lane) compare(p kernel.Pred, a, b Vec) Mask {
	imm := map[kernel.Pred]uint8{kernel.LT: 0x01, kernel.LE: 0x02, kernel.GE: 0x0d, kernel.GT: 0x0e, kernel.EQ: 0x00}[p]
	var m Mask
	if l.opmask {
		m = l.mask()
	} else {
		m = l.temp()
	}
	if l.c != nil {
		l.c.VCMPPS(operand.U8(imm), b, a, m)
	}
	return m
}

// selectWhere returns m ? a : v, lane by lane, in v's register. AVX2:
// VBLENDVPS on the mask; AVX-512: a move of a merge-masked by m. Either
// way each lane takes one operand's bits as they are.
func (l *Lane) selectWhere(m Mask, a, v Vec) Vec {
	if l.c != nil {
		if l.opmask {
			l.c.VMOVAPS(a, m, v)
		} else {
			l.c.VBLENDVPS(m, a, v, v)
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

// narrow panics unless every operand has 32-bit lanes: the operations of
// this file take no float64 (see kernel.Arith).
func (l *Lane) narrow(op string, vs ...kernel.Value) { l.wide(op, false, vs...) }

func (l *Lane) LE0(x kernel.Value) kernel.Value { l.narrow("LE0", x); return l.val(l.le0(l.reg(x))) }
func (l *Lane) ZeroWhere(m, v kernel.Value) kernel.Value {
	l.narrow("ZeroWhere", m, v)
	return l.val(l.zeroWhere(l.reg(m), l.reg(v)))
}
func (l *Lane) MulWhere(m, v, a kernel.Value) kernel.Value {
	l.narrow("MulWhere", m, v, a)
	return l.val(l.mulWhere(l.reg(m), l.reg(v), l.reg(a)))
}
func (l *Lane) AddWhere(m, acc, p kernel.Value) kernel.Value {
	l.narrow("AddWhere", m, acc, p)
	return l.val(l.addWhere(l.reg(m), l.reg(acc), l.reg(p)))
}

// Mul, MulInPlace and Add take float64 lanes too (kernel.Arith): VMULPD
// and VADDPD, operands in the same order.
func (l *Lane) Mul(a, b kernel.Value) kernel.Value {
	if l.wide("Mul", true, a, b) {
		p := l.temp()
		l.emit(func() { l.c.VMULPD(l.reg(b), l.reg(a), p) })
		return l.wideVal(p)
	}
	return l.val(l.mul(l.reg(a), l.reg(b)))
}
func (l *Lane) MulInPlace(a, b kernel.Value) kernel.Value {
	if l.wide("MulInPlace", true, a, b) {
		l.emit(func() { l.c.VMULPD(l.reg(b), l.reg(a), l.reg(a)) })
		return l.wideVal(l.reg(a))
	}
	return l.val(l.mulInPlace(l.reg(a), l.reg(b)))
}
func (l *Lane) Add(a, b kernel.Value) kernel.Value {
	if l.wide("Add", true, a, b) {
		l.emit(func() { l.c.VADDPD(l.reg(b), l.reg(a), l.reg(a)) })
		return l.wideVal(l.reg(a))
	}
	return l.val(l.add(l.reg(a), l.reg(b)))
}
func (l *Lane) Max(a, b kernel.Value) kernel.Value {
	l.narrow("Max", a, b)
	return l.val(l.max(l.reg(a), l.reg(b)))
}
func (l *Lane) Min(a, b kernel.Value) kernel.Value {
	l.narrow("Min", a, b)
	return l.val(l.min(l.reg(a), l.reg(b)))
}
func (l *Lane) Const(b uint32) kernel.Value { return l.val(l.constant(b)) }
func (l *Lane) Compare(p kernel.Pred, a, b kernel.Value) kernel.Value {
	l.narrow("Compare", a, b)
	return l.val(l.compare(p, l.reg(a), l.reg(b)))
}
func (l *Lane) Select(m, a, v kernel.Value) kernel.Value {
	l.narrow("Select", m, a, v)
	return l.val(l.selectWhere(l.reg(m), l.reg(a), l.reg(v)))
}
