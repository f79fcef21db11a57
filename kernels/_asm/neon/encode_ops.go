package neon

import "fmt"

// The encoders of the kernel.Arith operations, in the manner of encode.go;
// encode_ops_test.go checks every one against the GNU assembler. None has
// a Go form: they are WORDs.

// fp2 formats a float32 instruction with two vector operands.
func fp2(op string, w Width, d, n V) string {
	a := w.s()
	return fmt.Sprintf("%s v%d.%s, v%d.%s", op, d, a, n, a)
}

// FSUB is FSUB Vd, Vn, Vm (float32 lanes): Vn - Vm; NaNs as for FMUL.
func FSUB(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x0ea0d400|w.sz(), w, d, n, m), GNU: fp3("fsub", w, d, n, m)}
}

// FDIV is FDIV Vd, Vn, Vm (float32 lanes): Vn / Vm; NaNs as for FMUL.
func FDIV(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x2e20fc00|w.sz(), w, d, n, m), GNU: fp3("fdiv", w, d, n, m)}
}

// FMLA is FMLA Vd, Vn, Vm (float32 lanes): Vd + Vn*Vm with one rounding.
// NaNs: FPProcessNaNs3(Vd, Vn, Vm), except that a quiet NaN Vd with
// Vn*Vm = 0*Inf gives the default NaN.
func FMLA(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x0e20cc00|w.sz(), w, d, n, m), GNU: fp3("fmla", w, d, n, m)}
}

// FABS is FABS Vd, Vn (vector, float32 lanes): the sign bit cleared; a NaN
// is not processed, so its other bits are kept, signaling ones too.
func FABS(w Width, d, n V) Instr {
	return Instr{Word: two(0x0ea0f800|w.sz(), w, d, n), GNU: fp2("fabs", w, d, n)}
}

// FNEG is FNEG Vd, Vn (vector, float32 lanes): the sign bit flipped, the
// other bits kept, as FABS.
func FNEG(w Width, d, n V) Instr {
	return Instr{Word: two(0x2ea0f800|w.sz(), w, d, n), GNU: fp2("fneg", w, d, n)}
}

// FRINTN is FRINTN Vd, Vn (float32 lanes): to an integral value, ties to
// even, whatever FPCR.RMode; a NaN comes back quieted.
func FRINTN(w Width, d, n V) Instr {
	return Instr{Word: two(0x0e218800, w, d, n), GNU: fp2("frintn", w, d, n)}
}

// FCVTNS is FCVTNS Vd, Vn (vector): float32 to int32, ties to even,
// saturating; NaN gives 0.
func FCVTNS(w Width, d, n V) Instr {
	return Instr{Word: two(0x0e21a800, w, d, n), GNU: fp2("fcvtns", w, d, n)}
}

// ADD32 is ADD Vd, Vn, Vm (vector, 32-bit lanes), wrapping.
func ADD32(w Width, d, n, m V) Instr {
	return Instr{Word: three(0x0ea08400, w, d, n, m), GNU: fp3("add", w, d, n, m)}
}

// SHL32 is SHL Vd, Vn, #shift (32-bit lanes), 0 <= shift < 32: the
// immediate field immh:immb holds 32+shift.
func SHL32(w Width, d, n V, shift int) Instr {
	if shift < 0 || shift > 31 {
		panic(fmt.Sprintf("neon: shl by %d", shift))
	}
	a := w.s()
	return Instr{
		Word: two(0x0f005400|uint32(32+shift)<<16, w, d, n),
		GNU:  fmt.Sprintf("shl v%d.%s, v%d.%s, #%d", d, a, n, a, shift),
	}
}

// The float64 forms work on all 128 bits (two float64 lanes) whatever the
// width of the block: a float64 value holds half of a vector's float32
// lanes.

// fp3d formats a float64 instruction with three vector operands.
func fp3d(op string, d, n, m V) string {
	return fmt.Sprintf("%s v%d.2d, v%d.2d, v%d.2d", op, d, n, m)
}

// FSUB64 is FSUB Vd.2D, Vn.2D, Vm.2D; NaNs as for FMUL.
func FSUB64(d, n, m V) Instr {
	return Instr{Word: three(0x4ee0d400, D, d, n, m), GNU: fp3d("fsub", d, n, m)}
}

// FADD64 is FADD Vd.2D, Vn.2D, Vm.2D; NaNs as for FMUL.
func FADD64(d, n, m V) Instr {
	return Instr{Word: three(0x4e60d400, D, d, n, m), GNU: fp3d("fadd", d, n, m)}
}

// FMUL64 is FMUL Vd.2D, Vn.2D, Vm.2D; NaNs as for FMUL.
func FMUL64(d, n, m V) Instr {
	return Instr{Word: three(0x6e60dc00, D, d, n, m), GNU: fp3d("fmul", d, n, m)}
}

// FDIV64 is FDIV Vd.2D, Vn.2D, Vm.2D.
func FDIV64(d, n, m V) Instr {
	return Instr{Word: three(0x6e60fc00, D, d, n, m), GNU: fp3d("fdiv", d, n, m)}
}

// FMLA64 is FMLA Vd.2D, Vn.2D, Vm.2D: Vd + Vn*Vm, NaNs as FMLA's.
func FMLA64(d, n, m V) Instr {
	return Instr{Word: three(0x4e60cc00, D, d, n, m), GNU: fp3d("fmla", d, n, m)}
}

// FCVTL is FCVTL Vd.2D, Vn.2S: the low two float32 lanes of Vn as
// float64, exactly; a NaN quieted.
func FCVTL(d, n V) Instr {
	return Instr{Word: two(0x0e617800, D, d, n), GNU: fmt.Sprintf("fcvtl v%d.2d, v%d.2s", d, n)}
}

// FCVTL2 is FCVTL2 Vd.2D, Vn.4S: the high two float32 lanes of Vn.
func FCVTL2(d, n V) Instr {
	return Instr{Word: two(0x4e617800, D, d, n), GNU: fmt.Sprintf("fcvtl2 v%d.2d, v%d.4s", d, n)}
}

// FCVTN is FCVTN Vd.2S, Vn.2D: Vn's float64 lanes rounded to float32 (as
// FPCR says: nearest even in Go) into the low half of Vd, the high half
// zeroed; a NaN quieted, the top bits of its payload kept.
func FCVTN(d, n V) Instr {
	return Instr{Word: two(0x0e616800, D, d, n), GNU: fmt.Sprintf("fcvtn v%d.2s, v%d.2d", d, n)}
}

// FCVTN2 is FCVTN2 Vd.4S, Vn.2D: as FCVTN, into the high half of Vd,
// whose low half it keeps.
func FCVTN2(d, n V) Instr {
	return Instr{Word: two(0x4e616800, D, d, n), GNU: fmt.Sprintf("fcvtn2 v%d.4s, v%d.2d", d, n)}
}

// FCVTLH is FCVTL Vd.4S, Vn.4H: the low four float16 lanes of Vn as
// float32, exactly; a signaling NaN quieted.
func FCVTLH(d, n V) Instr {
	return Instr{Word: two(0x0e217800, D, d, n), GNU: fmt.Sprintf("fcvtl v%d.4s, v%d.4h", d, n)}
}

// FCVTL2H is FCVTL2 Vd.4S, Vn.8H: the high four float16 lanes of Vn.
func FCVTL2H(d, n V) Instr {
	return Instr{Word: two(0x4e217800, D, d, n), GNU: fmt.Sprintf("fcvtl2 v%d.4s, v%d.8h", d, n)}
}

// FCVTNH is FCVTN Vd.4H, Vn.4S: Vn's float32 lanes rounded to float16 (as
// FPCR says: nearest even, no flush to zero, IEEE half precision in Go)
// into the low half of Vd, the high half zeroed; a NaN quieted, the top
// bits of its payload kept.
func FCVTNH(d, n V) Instr {
	return Instr{Word: two(0x0e216800, D, d, n), GNU: fmt.Sprintf("fcvtn v%d.4h, v%d.4s", d, n)}
}

// FCVTN2H is FCVTN2 Vd.8H, Vn.4S: as FCVTNH, into the high half of Vd,
// whose low half it keeps.
func FCVTN2H(d, n V) Instr {
	return Instr{Word: two(0x4e216800, D, d, n), GNU: fmt.Sprintf("fcvtn2 v%d.8h, v%d.4s", d, n)}
}

// BFCVTN is BFCVTN Vd.4H, Vn.4S (FEAT_BF16): Vn's float32 lanes rounded to
// bfloat16 (nearest even as FPCR says, no flush to zero with Go's FPCR)
// into the low half of Vd, the high half zeroed; a NaN quieted, the top
// bits of its payload kept.
func BFCVTN(d, n V) Instr {
	return Instr{Word: two(0x0ea16800, D, d, n), GNU: fmt.Sprintf("bfcvtn v%d.4h, v%d.4s", d, n)}
}

// BFCVTN2 is BFCVTN2 Vd.8H, Vn.4S: as BFCVTN, into the high half of Vd,
// whose low half it keeps.
func BFCVTN2(d, n V) Instr {
	return Instr{Word: two(0x4ea16800, D, d, n), GNU: fmt.Sprintf("bfcvtn2 v%d.8h, v%d.4s", d, n)}
}
