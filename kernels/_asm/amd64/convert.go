package amd64

import (
	"fmt"

	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The conversions of the 16-bit storage packages (kernels/bf16,
// kernels/f16) between their bits and float32, in AVX2: the same values as
// the packages' scalar FromFloat32 and Bits.Float32, element for element,
// which their tests check on every input. Each function converts the
// elements of whole blocks of convertBlock; the Go side does the rest of a
// slice with the scalar code, and cuts long slices into calls of their own
// (an assembly function is never preempted).

// convertBlock is the elements one loop iteration converts: four vectors
// of eight float32.
const convertBlock = 32

// GenerateConversions writes the conversions of the storage package pkg
// ("bf16" or "f16") to out and their Go declarations to stubs.
func GenerateConversions(out, stubs, pkg string) error {
	c := build.NewContext()
	c.ConstraintExpr("!purego,!noasm")
	k := &converter{c: c, consts: map[uint32]int{}}
	switch pkg {
	case "bf16":
		k.widenBF16()
		k.narrowBF16()
		k.widenBF16AVX512()
		k.narrowBF16AVX512()
		// A midpoint's low 16 bits are 0x8000 (a NaN's may be too).
		k.skip(func() {
			k.broadcast(0xffff, reg.Y10)
			k.broadcast(0x8000, reg.Y11)
		}, func(y reg.VecPhysical) {
			c.VPAND(reg.Y10, y, y)
			c.VPCMPEQD(reg.Y11, y, y)
		})
	case "f16":
		k.widenF16()
		k.narrowF16()
		k.widenF16AVX512()
		k.narrowF16AVX512()
		// A midpoint's low 12 bits are zero and its fraction is not, but
		// for 2^-25, halfway between 0 and the smallest subnormal.
		k.skip(func() {
			k.broadcast(0x7fffffff, reg.Y10)
			k.broadcast(0x33000000, reg.Y11)
			k.broadcast(0xfff, reg.Y12)
			c.VPXOR(reg.Y13, reg.Y13, reg.Y13)
			k.broadcast(0x7fffff, reg.Y14)
		}, func(y reg.VecPhysical) {
			c.VPAND(reg.Y10, y, y)         // |u|
			c.VPCMPEQD(reg.Y11, y, reg.Y1) // 2^-25
			c.VPAND(reg.Y12, y, reg.Y2)    // the low 12 bits
			c.VPCMPEQD(reg.Y13, reg.Y2, reg.Y2)
			c.VPAND(reg.Y14, y, reg.Y3) // the fraction
			c.VPCMPEQD(reg.Y13, reg.Y3, reg.Y3)
			c.VPANDN(reg.Y2, reg.Y3, reg.Y3) // low bits zero, fraction not
			c.VPOR(reg.Y1, reg.Y3, y)
		})
	default:
		return fmt.Errorf("GenerateConversions: no storage package %q", pkg)
	}
	k.emitConsts()
	return emitFiles(c, out, stubs, pkg, "kernels/_asm/amd64 (go generate in kernels/)", convertHeader, convertStubsHeader)
}

const convertHeader = `
// The AVX2 and AVX-512 conversions between this package's bits and float32, generated
// with avo by kernels/_asm/amd64 (convert.go there); never edit this file.
// Each conversion converts len(src) rounded down to a multiple of 32
// elements, four vectors of eight per iteration: the Go side converts the
// rest. skipAVX2 finds the vectors that may hold a midpoint of the format.
`

const convertStubsHeader = `
// The conversions of convert_amd64.s: dst and src of equal length, not
// overlapping. The AVX2 ones need AVX2 (and F16C for float16), the AVX-512
// ones AVX512F and AVX512BW.
`

// converter emits the conversions: c, and the 32-bit constants they
// broadcast, by value, in the order of their offsets in one table.
type converter struct {
	c      *build.Context
	consts map[uint32]int
	order  []uint32
}

const convertConsts = "convertConsts"

// broadcast loads the 32-bit constant v into every lane of y.
func (k *converter) broadcast(v uint32, y reg.VecPhysical) {
	i, ok := k.consts[v]
	if !ok {
		i = len(k.order)
		k.consts[v] = i
		k.order = append(k.order, v)
	}
	k.c.VPBROADCASTD(operand.Mem{Symbol: operand.Symbol{Name: convertConsts, Static: true}, Base: reg.StaticBase, Disp: 4 * i}, y)
}

func (k *converter) emitConsts() {
	k.c.StaticGlobal(convertConsts)
	k.c.DataAttributes(attr.RODATA | attr.NOPTR)
	for i, v := range k.order {
		k.c.AddDatum(4*i, operand.U32(v))
	}
}

// loop emits a function named name of signature sig whose loop runs body
// on block b = 0..3 of each iteration, with the source and destination
// pointers in SI and DI, advancing them by srcSize and dstSize bytes an
// element; setup runs once before the loop.
func (k *converter) loop(name, sig, doc string, srcSize, dstSize int, setup func(), body func(b int)) {
	k.loopBy(name, sig, doc, srcSize, dstSize, convertBlock/8, setup, body)
}

// loopBy is loop with vectors vectors per iteration.
func (k *converter) loopBy(name, sig, doc string, srcSize, dstSize, vectors int, setup func(), body func(b int)) {
	c := k.c
	c.Function(name)
	c.Attributes(build.NOSPLIT)
	c.SignatureExpr(sig)
	c.Doc(doc)
	c.Pragma("noescape")
	c.Load(c.Param("dst").Base(), reg.RDI)
	c.Load(c.Param("src").Base(), reg.RSI)
	c.Load(c.Param("src").Len(), reg.RCX)
	c.SHRQ(operand.U8(5), reg.RCX)
	c.JZ(operand.LabelRef(name + "_done"))
	setup()
	c.Label(name + "_loop")
	for b := range vectors {
		body(b)
	}
	c.ADDQ(operand.U32(convertBlock*srcSize), reg.RSI)
	c.ADDQ(operand.U32(convertBlock*dstSize), reg.RDI)
	c.DECQ(reg.RCX)
	c.JNZ(operand.LabelRef(name + "_loop"))
	c.VZEROUPPER()
	c.Label(name + "_done")
	c.RET()
}

// widenBF16: a bfloat16 is the top half of its float32, so each lane is
// the element zero-extended to 32 bits and shifted left by 16.
func (k *converter) widenBF16() {
	c := k.c
	ys := []reg.VecPhysical{reg.Y0, reg.Y1, reg.Y2, reg.Y3}
	k.loop("widenAVX2", "func(dst []float32, src []uint16)",
		"widenAVX2 sets dst[i] = Bits(src[i]).Float32() for i < len(src)&^31.", 2, 4, func() {},
		func(b int) {
			y := ys[b]
			c.VPMOVZXWD(mem(reg.RSI, 16*b), y)
			c.VPSLLD(operand.U8(16), y, y)
			c.VMOVDQU(y, mem(reg.RDI, 32*b))
		})
}

// narrowBF16 is FromFloat32 in 32-bit lanes: (u + 0x7fff + (u>>16)&1)>>16,
// or for a NaN (|u| > 0x7f800000) u>>16 | 0x40; no lane of either
// exceeds 0xffff (a carry past bit 31 needs a NaN), so VPACKUSDW packs them
// to words without saturating, and VPERMQ puts its two 128-bit halves'
// quadwords back in order.
func (k *converter) narrowBF16() {
	c := k.c
	abs, inf, half, one, quiet := reg.Y10, reg.Y11, reg.Y12, reg.Y13, reg.Y14
	lanes := [][2]reg.VecPhysical{{reg.Y0, reg.Y1}, {reg.Y2, reg.Y3}, {reg.Y4, reg.Y5}, {reg.Y6, reg.Y7}}
	t1, t2 := reg.Y8, reg.Y9
	k.loop("narrowAVX2", "func(dst []uint16, src []float32)",
		"narrowAVX2 sets dst[i] = FromFloat32(src[i]) for i < len(src)&^31.", 4, 2, func() {
			k.broadcast(0x7fffffff, abs)
			k.broadcast(0x7f800000, inf)
			k.broadcast(0x7fff, half)
			k.broadcast(1, one)
			k.broadcast(0x40, quiet)
		},
		func(b int) {
			u, r := lanes[b][0], lanes[b][1]
			c.VMOVDQU(mem(reg.RSI, 32*b), u)
			c.VPSRLD(operand.U8(16), u, t1) // u>>16
			c.VPAND(one, t1, t2)            // its last bit
			c.VPADDD(half, u, r)            // u + 0x7fff
			c.VPADDD(t2, r, r)              // + the last bit
			c.VPSRLD(operand.U8(16), r, r)  // rounded
			c.VPOR(quiet, t1, t1)           // the NaN's result
			c.VPAND(abs, u, u)              // |u|
			c.VPCMPGTD(inf, u, u)           // a NaN
			c.VPBLENDVB(u, t1, r, r)        // the NaN's result where u is one
			if b%2 == 1 {
				lo := lanes[b-1][1]
				c.VPACKUSDW(r, lo, lo)
				c.VPERMQ(operand.U8(0xd8), lo, lo)
				c.VMOVDQU(lo, mem(reg.RDI, 32*(b/2)))
			}
		})
}

// widenF16 is VCVTPH2PS, exact for every float16 but a signalling NaN,
// which it quiets where Bits.Float32 keeps it signalling: in the NaN lanes
// the quiet bit (22) is put back to the element's own (its bit 9).
func (k *converter) widenF16() {
	c := k.c
	abs, inf, quietBit := reg.Y10, reg.Y11, reg.Y12
	lanes := [][2]reg.VecPhysical{{reg.Y0, reg.Y1}, {reg.Y2, reg.Y3}, {reg.Y4, reg.Y5}, {reg.Y6, reg.Y7}}
	t := reg.Y8
	k.loop("widenAVX2", "func(dst []float32, src []uint16)",
		"widenAVX2 sets dst[i] = Bits(src[i]).Float32() for i < len(src)&^31 (F16C).", 2, 4, func() {
			k.broadcast(0x7fff, abs)
			k.broadcast(0x7c00, inf)
			k.broadcast(0x400000, quietBit)
		},
		func(b int) {
			y, h := lanes[b][0], lanes[b][1]
			c.VCVTPH2PS(mem(reg.RSI, 16*b), y)
			c.VPMOVZXWD(mem(reg.RSI, 16*b), h)
			c.VPAND(abs, h, t)             // |h|
			c.VPCMPGTD(inf, t, t)          // a NaN
			c.VPAND(quietBit, t, t)        // bit 22 in its lanes
			c.VPSLLD(operand.U8(13), h, h) // h's quiet bit at 22
			c.VPAND(t, h, h)
			c.VPANDN(y, t, y) // bit 22 cleared where a NaN
			c.VPOR(h, y, y)
			c.VMOVDQU(y, mem(reg.RDI, 32*b))
		})
}

// narrowF16 is VCVTPS2PH with the rounding of its immediate, to nearest
// even: FromFloat32's values, a NaN's included (quieted, the top ten bits
// of its payload kept).
func (k *converter) narrowF16() {
	c := k.c
	ys := []reg.VecPhysical{reg.Y0, reg.Y1, reg.Y2, reg.Y3}
	k.loop("narrowAVX2", "func(dst []uint16, src []float32)",
		"narrowAVX2 sets dst[i] = FromFloat32(src[i]) for i < len(src)&^31 (F16C).", 4, 2, func() {},
		func(b int) {
			y := ys[b]
			c.VMOVUPS(mem(reg.RSI, 32*b), y)
			c.VCVTPS2PH(operand.U8(0), y, mem(reg.RDI, 16*b))
		})
}

// skip emits skipAVX2, which returns the index of the first vector of
// eight elements of y with a lane that test marks (a candidate for a
// midpoint of the format, a superset of them), or len(y)&^7 if none:
// fromRounded looks at those vectors' elements one by one, and at the
// rest after the whole vectors. setup puts the constants in place.
func (k *converter) skip(setup func(), test func(y reg.VecPhysical)) {
	c := k.c
	c.Function("skipAVX2")
	c.Attributes(build.NOSPLIT)
	c.SignatureExpr("func(y []float32) int")
	c.Doc("skipAVX2 returns the index of the first vector of 8 elements of y with",
		"a lane that may be a midpoint, or len(y)&^7 if none.")
	c.Pragma("noescape")
	c.Load(c.Param("y").Base(), reg.RSI)
	c.Load(c.Param("y").Len(), reg.RCX)
	c.SHRQ(operand.U8(3), reg.RCX)
	c.XORQ(reg.RAX, reg.RAX)
	setup()
	c.Label("skipAVX2_loop")
	c.TESTQ(reg.RCX, reg.RCX)
	c.JZ(operand.LabelRef("skipAVX2_done"))
	c.VMOVDQU(operand.Mem{Base: reg.RSI, Index: reg.RAX, Scale: 4}, reg.Y0)
	test(reg.Y0)
	c.VPTEST(reg.Y0, reg.Y0)
	c.JNZ(operand.LabelRef("skipAVX2_done"))
	c.ADDQ(operand.U8(8), reg.RAX)
	c.DECQ(reg.RCX)
	c.JMP(operand.LabelRef("skipAVX2_loop"))
	c.Label("skipAVX2_done")
	c.VZEROUPPER()
	c.Store(reg.RAX, c.ReturnIndex(0))
	c.RET()
}

// The AVX-512 forms: the same operations on two vectors of sixteen per
// iteration, an opmask for the NaN lanes, and VPMOVDW to store the low
// words of the 32-bit lanes (bfloat16). They need AVX512F and AVX512BW.

func (k *converter) widenBF16AVX512() {
	c := k.c
	zs := []reg.VecPhysical{reg.Z0, reg.Z1}
	k.loopBy("widenAVX512", "func(dst []float32, src []uint16)",
		"widenAVX512 sets dst[i] = Bits(src[i]).Float32() for i < len(src)&^31.", 2, 4, 2, func() {},
		func(b int) {
			z := zs[b]
			c.VPMOVZXWD(mem(reg.RSI, 32*b), z)
			c.VPSLLD(operand.U8(16), z, z)
			c.VMOVDQU32(z, mem(reg.RDI, 64*b))
		})
}

func (k *converter) narrowBF16AVX512() {
	c := k.c
	abs, inf, half, one, quiet := reg.Z10, reg.Z11, reg.Z12, reg.Z13, reg.Z14
	lanes := [][2]reg.VecPhysical{{reg.Z0, reg.Z1}, {reg.Z2, reg.Z3}}
	t1, t2 := reg.Z8, reg.Z9
	k.loopBy("narrowAVX512", "func(dst []uint16, src []float32)",
		"narrowAVX512 sets dst[i] = FromFloat32(src[i]) for i < len(src)&^31.", 4, 2, 2, func() {
			k.broadcast(0x7fffffff, abs)
			k.broadcast(0x7f800000, inf)
			k.broadcast(0x7fff, half)
			k.broadcast(1, one)
			k.broadcast(0x40, quiet)
		},
		func(b int) {
			u, r := lanes[b][0], lanes[b][1]
			c.VMOVDQU32(mem(reg.RSI, 64*b), u)
			c.VPSRLD(operand.U8(16), u, t1)
			c.VPANDD(one, t1, t2)
			c.VPADDD(half, u, r)
			c.VPADDD(t2, r, r)
			c.VPSRLD(operand.U8(16), r, r)
			c.VPORD(quiet, t1, t1)
			c.VPANDD(abs, u, u)
			c.VPCMPGTD(inf, u, reg.K1) // a NaN
			c.VMOVDQA32(t1, reg.K1, r) // the NaN's result there
			c.VPMOVDW(r, mem(reg.RDI, 32*b))
		})
}

func (k *converter) widenF16AVX512() {
	c := k.c
	abs, inf, quietBit, notQuiet := reg.Z10, reg.Z11, reg.Z12, reg.Z13
	lanes := [][2]reg.VecPhysical{{reg.Z0, reg.Z1}, {reg.Z2, reg.Z3}}
	k.loopBy("widenAVX512", "func(dst []float32, src []uint16)",
		"widenAVX512 sets dst[i] = Bits(src[i]).Float32() for i < len(src)&^31.", 2, 4, 2, func() {
			k.broadcast(0x7fff, abs)
			k.broadcast(0x7c00, inf)
			k.broadcast(0x400000, quietBit)
			k.broadcast(0xffbfffff, notQuiet)
		},
		func(b int) {
			y, h := lanes[b][0], lanes[b][1]
			c.VCVTPH2PS(mem(reg.RSI, 32*b), y)
			c.VPMOVZXWD(mem(reg.RSI, 32*b), h)
			c.VPANDD(abs, h, reg.Z8)
			c.VPCMPGTD(inf, reg.Z8, reg.K1) // a NaN
			c.VPSLLD(operand.U8(13), h, h)  // its quiet bit at 22
			c.VPANDD(quietBit, h, h)
			c.VPANDD(notQuiet, y, reg.K1, y) // bit 22 cleared there
			c.VPORD(h, y, reg.K1, y)         // and the element's own
			c.VMOVUPS(y, mem(reg.RDI, 64*b))
		})
}

func (k *converter) narrowF16AVX512() {
	c := k.c
	zs := []reg.VecPhysical{reg.Z0, reg.Z1}
	k.loopBy("narrowAVX512", "func(dst []uint16, src []float32)",
		"narrowAVX512 sets dst[i] = FromFloat32(src[i]) for i < len(src)&^31.", 4, 2, 2, func() {},
		func(b int) {
			z := zs[b]
			c.VMOVUPS(mem(reg.RSI, 64*b), z)
			c.VCVTPS2PH(operand.U8(0), z, mem(reg.RDI, 32*b))
		})
}
