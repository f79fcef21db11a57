package amd64

import (
	"fmt"

	"github.com/fastrelu/fastrelu/kernels/_asm/kernel"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
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

// float64Values are, for each Lane, its values with float64 lanes (from
// Widen, and the operations on them): Lane itself, and kernel.Value, know
// registers only.
var float64Values = map[*Lane]map[kernel.Value]bool{}

// wideVal returns the kernel.Value of register r, holding float64 lanes.
func (l *Lane) wideVal(r reg.Register) kernel.Value {
	v := l.val(r)
	if float64Values[l] == nil {
		float64Values[l] = map[kernel.Value]bool{}
	}
	float64Values[l][v] = true
	return v
}

// wide reports whether the operands of op have float64 lanes; they must
// all have the same width, and wide ones are for the operations that take
// them (mixed false).
func (l *Lane) wide(op string, mixed bool, vs ...kernel.Value) bool {
	w := float64Values[l][vs[0]]
	for _, v := range vs[1:] {
		if float64Values[l][v] != w {
			panic(fmt.Sprintf("%s: operands of two widths", op))
		}
	}
	if w && !mixed {
		panic(op + ": float32 or int32 lanes only")
	}
	return w
}

// result returns the Value of r, wide if the operation was.
func (l *Lane) result(r reg.Register, wide bool) kernel.Value {
	if wide {
		return l.wideVal(r)
	}
	return l.val(r)
}

// Sub is VSUBPS (VSUBPD) with a as the first source, into a.
func (l *Lane) Sub(a, b kernel.Value) kernel.Value {
	ra, rb, wide := l.load(a), l.src(b), l.wide("Sub", true, a, b)
	l.emit(func() {
		if wide {
			l.c.VSUBPD(rb, ra, ra)
		} else {
			l.c.VSUBPS(rb, ra, ra)
		}
	})
	return l.result(ra, wide)
}

// Div is VDIVPS (VDIVPD) with a as the first source, into a.
func (l *Lane) Div(a, b kernel.Value) kernel.Value {
	ra, rb, wide := l.load(a), l.src(b), l.wide("Div", true, a, b)
	l.emit(func() {
		if wide {
			l.c.VDIVPD(rb, ra, ra)
		} else {
			l.c.VDIVPS(rb, ra, ra)
		}
	})
	return l.result(ra, wide)
}

// FMA is VFMADD231PS (VFMADD231PD) c, a, b in Intel's order: c = a*b + c,
// one rounding. It needs FMA3.
func (l *Lane) FMA(a, b, c kernel.Value) kernel.Value {
	ra, rb, rc, wide := l.loadRO(a), l.src(b), l.load(c), l.wide("FMA", true, a, b, c)
	defer l.release()
	l.emit(func() {
		if wide {
			l.c.VFMADD231PD(rb, ra, rc)
		} else {
			l.c.VFMADD231PS(rb, ra, rc)
		}
	})
	return l.result(rc, wide)
}

// Widen converts the low half of a in place (VCVTPS2PD of its lower half
// register) and the high half into a temporary, extracted first: VMOVHLPS
// (XMM), VEXTRACTF128 (YMM) or VEXTRACTF64X4 (ZMM, AVX512F).
func (l *Lane) Widen(a kernel.Value) (lo, hi kernel.Value) {
	l.wide("Widen", false, a)
	ra, t := l.reg(a).(reg.VecPhysical), l.temp().(reg.VecPhysical)
	l.emit(func() {
		switch ra.Size() {
		case 16:
			l.c.VMOVHLPS(ra, ra, t)
			l.c.VCVTPS2PD(t, t)
			l.c.VCVTPS2PD(ra, ra)
		case 32:
			l.c.VEXTRACTF128(operand.U8(1), ra, t.AsX())
			l.c.VCVTPS2PD(t.AsX(), t)
			l.c.VCVTPS2PD(ra.AsX(), ra)
		default:
			l.c.VEXTRACTF64X4(operand.U8(1), ra, t.AsY())
			l.c.VCVTPS2PD(t.AsY(), t)
			l.c.VCVTPS2PD(ra.AsY(), ra)
		}
	})
	return l.wideVal(ra), l.wideVal(t)
}

// Narrow converts lo and hi in place (VCVTPD2PS into their lower half
// registers) and puts hi's floats above lo's: VMOVLHPS (XMM), VINSERTF128
// (YMM) or VINSERTF64X4 (ZMM, AVX512F).
func (l *Lane) Narrow(lo, hi kernel.Value) kernel.Value {
	if !l.wide("Narrow", true, lo, hi) {
		panic("Narrow: float64 lanes only")
	}
	rl, rh := l.reg(lo).(reg.VecPhysical), l.reg(hi).(reg.VecPhysical)
	l.emit(func() {
		switch rl.Size() {
		case 16:
			l.c.VCVTPD2PSX(rl, rl)
			l.c.VCVTPD2PSX(rh, rh)
			l.c.VMOVLHPS(rh, rl, rl)
		case 32:
			l.c.VCVTPD2PSY(rl, rl.AsX())
			l.c.VCVTPD2PSY(rh, rh.AsX())
			l.c.VINSERTF128(operand.U8(1), rh.AsX(), rl, rl)
		default:
			l.c.VCVTPD2PS(rl, rl.AsY())
			l.c.VCVTPD2PS(rh, rh.AsY())
			l.c.VINSERTF64X4(operand.U8(1), rh.AsY(), rl, rl)
		}
	})
	return l.val(rl)
}

// Abs shifts the sign bit out and a zero back in (VPSLLD, VPSRLD by 1;
// VPSLLQ, VPSRLQ on float64 lanes): bits only, no constant and no
// temporary.
func (l *Lane) Abs(a kernel.Value) kernel.Value {
	wide := l.wide("Abs", true, a)
	ra := l.load(a)
	l.emit(func() {
		if wide {
			l.c.VPSLLQ(operand.U8(1), ra, ra)
			l.c.VPSRLQ(operand.U8(1), ra, ra)
			return
		}
		l.c.VPSLLD(operand.U8(1), ra, ra)
		l.c.VPSRLD(operand.U8(1), ra, ra)
	})
	return l.result(ra, wide)
}

// Neg xors a with the sign bit, made in a temporary: all ones shifted left
// by 31. All ones is VPCMPEQD of a register with itself in XMM and YMM;
// on ZMM, where AVX512F compares into opmasks only, VPTERNLOGD with the
// truth table 0xff, and the xor VPXORD (VXORPS on ZMM is AVX512DQ).
func (l *Lane) Neg(a kernel.Value) kernel.Value {
	l.wide("Neg", false, a)
	ra, sign := l.reg(a), l.temp()
	l.emit(func() {
		if ra.Size() == 64 {
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

// RoundEven is VROUNDPS in XMM and YMM, VRNDSCALEPS (AVX512F's form) in
// ZMM, into a. Both quiet a signaling NaN and keep its payload.
func (l *Lane) RoundEven(a kernel.Value) kernel.Value {
	l.wide("RoundEven", false, a)
	ra := l.reg(a)
	l.emit(func() {
		if ra.Size() == 64 {
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
	l.wide("ToInt32", false, a)
	ra := l.reg(a)
	l.emit(func() { l.c.VCVTPS2DQ(ra, ra) })
	return l.val(ra)
}

// IntAdd is VPADDD (VPADDQ on 64-bit lanes), into a.
func (l *Lane) IntAdd(a, b kernel.Value) kernel.Value {
	wide := l.wide("IntAdd", true, a, b)
	ra, rb := l.load(a), l.src(b)
	l.emit(func() {
		if wide {
			l.c.VPADDQ(rb, ra, ra)
		} else {
			l.c.VPADDD(rb, ra, ra)
		}
	})
	return l.result(ra, wide)
}

// ShiftLeft is VPSLLD (VPSLLQ on 64-bit lanes) by an immediate, into a.
func (l *Lane) ShiftLeft(a kernel.Value, n int) kernel.Value {
	wide := l.wide("ShiftLeft", true, a)
	if bits := map[bool]int{false: 32, true: 64}[wide]; n < 0 || n >= bits {
		panic(fmt.Sprintf("ShiftLeft: the count must be 0 to %d", bits-1))
	}
	ra := l.reg(a)
	l.emit(func() {
		if wide {
			l.c.VPSLLQ(operand.U8(uint8(n)), ra, ra)
		} else {
			l.c.VPSLLD(operand.U8(uint8(n)), ra, ra)
		}
	})
	return l.result(ra, wide)
}

var _ kernel.Arith = (*Lane)(nil)
