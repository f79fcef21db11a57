package amd64

import (
	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/mmcloughlin/avo/operand"
)

// The kernel.Arith operations. Go's assembler takes the operands in the
// reverse of Intel's order: the destination last, Intel's first source
// just before it. That first source is the operand whose NaN wins.

// emit runs f unless this is the dry run.
func (l *Lane) emit(f func()) {
	if l.c != nil {
		f()
	}
}

// Sub is VSUBPS with a as the first source, into a.
func (l *Lane) Sub(a, b kernel.Value) kernel.Value {
	ra, rb := l.reg(a), l.reg(b)
	l.emit(func() { l.c.VSUBPS(rb, ra, ra) })
	return l.val(ra)
}

// Div is VDIVPS with a as the first source, into a.
func (l *Lane) Div(a, b kernel.Value) kernel.Value {
	ra, rb := l.reg(a), l.reg(b)
	l.emit(func() { l.c.VDIVPS(rb, ra, ra) })
	return l.val(ra)
}

// FMA is VFMADD231PS c, a, b (Intel's order): c = a*b + c, one rounding.
// It needs FMA3.
func (l *Lane) FMA(a, b, c kernel.Value) kernel.Value {
	ra, rb, rc := l.reg(a), l.reg(b), l.reg(c)
	l.emit(func() { l.c.VFMADD231PS(rb, ra, rc) })
	return l.val(rc)
}

// Abs shifts the sign bit out and a zero back in (VPSLLD, VPSRLD by 1):
// bits only, no constant and no temporary.
func (l *Lane) Abs(a kernel.Value) kernel.Value {
	ra := l.reg(a)
	l.emit(func() {
		l.c.VPSLLD(operand.U8(1), ra, ra)
		l.c.VPSRLD(operand.U8(1), ra, ra)
	})
	return l.val(ra)
}

// Neg xors a with the sign bit, made in a temporary: all ones shifted left
// by 31. All ones is VPCMPEQD of a register with itself under AVX2;
// AVX-512F compares into opmasks only, so there it is VPTERNLOGD with the
// truth table 0xff, and the xor is VPXORD (VXORPS on ZMM is AVX512DQ).
func (l *Lane) Neg(a kernel.Value) kernel.Value {
	ra, sign := l.reg(a), l.temp()
	l.emit(func() {
		if l.opmask {
			l.c.VPTERNLOGD(operand.U8(0xff), sign, sign, sign)
			l.c.VPSLLD(operand.U8(31), sign, sign)
			l.c.VPXORD(sign, ra, ra)
			return
		}
		l.c.VPCMPEQD(sign, sign, sign)
		l.c.VPSLLD(operand.U8(31), sign, sign)
		l.c.VXORPS(sign, ra, ra)
	})
	return l.val(ra)
}

// roundNearestQuiet is the rounding immediate of VROUNDPS and VRNDSCALEPS:
// round to nearest even (bits 1:0 = 0) whatever MXCSR says (bit 2 = 0),
// with the precision exception suppressed (bit 3), scale 0 (bits 7:4).
const roundNearestQuiet = 0x08

// RoundEven is VROUNDPS under AVX2, VRNDSCALEPS (AVX512F's form for ZMM)
// under AVX-512, into a. Both quiet a signaling NaN and keep its payload.
func (l *Lane) RoundEven(a kernel.Value) kernel.Value {
	ra := l.reg(a)
	l.emit(func() {
		if l.opmask {
			l.c.VRNDSCALEPS(operand.U8(roundNearestQuiet), ra, ra)
		} else {
			l.c.VROUNDPS(operand.U8(roundNearestQuiet), ra, ra)
		}
	})
	return l.val(ra)
}

// ToInt32 is VCVTPS2DQ, rounding as MXCSR says (Go's: nearest even); out
// of range and NaN give the integer indefinite, 0x80000000.
func (l *Lane) ToInt32(a kernel.Value) kernel.Value {
	ra := l.reg(a)
	l.emit(func() { l.c.VCVTPS2DQ(ra, ra) })
	return l.val(ra)
}

// IntAdd is VPADDD, into a.
func (l *Lane) IntAdd(a, b kernel.Value) kernel.Value {
	ra, rb := l.reg(a), l.reg(b)
	l.emit(func() { l.c.VPADDD(rb, ra, ra) })
	return l.val(ra)
}

// ShiftLeft is VPSLLD by an immediate, into a.
func (l *Lane) ShiftLeft(a kernel.Value, n int) kernel.Value {
	if n < 0 || n > 31 {
		panic("ShiftLeft: the count must be 0 to 31")
	}
	ra := l.reg(a)
	l.emit(func() { l.c.VPSLLD(operand.U8(uint8(n)), ra, ra) })
	return l.val(ra)
}

var _ kernel.Arith = (*Lane)(nil)
