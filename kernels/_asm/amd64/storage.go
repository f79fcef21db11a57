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

// The fused kernels of the 16-bit storage packages (kernels/bf16,
// kernels/f16): every kernel this backend vectorizes (the ReLU family and
// the binary32 gradients), on 16-bit elements in one pass. Each vector of
// each input is widened to float32 in registers (float16: VCVTPH2PS;
// bfloat16: see narrower), the float32 kernel's lane operation runs on it,
// and the result is rounded to the format in registers and stored: the
// same bits as widening a chunk, running the float32 kernel and narrowing
// it, without the chunk's round trip through memory. The packages' tests
// check them against the reference on every input of the format, on every
// path.

// storageBlock is the elements of one loop iteration: 2 ZMM or 4 YMM
// vectors of float32. The Go side runs the rest of a slice, fewer than
// this, through a chunk.
const storageBlock = 32

// storageKernels are the kernels the fused forms exist for: golang.Fused
// names the same ones for the Go side.
func storageKernels() []Kernel { return kernel.Vectorized(kernel.Elementwise) }

// GenerateStorage writes the fused kernels of the storage package pkg
// ("bf16" or "f16") to out and their Go declarations to stubs.
func GenerateStorage(out, stubs, pkg string) error {
	if pkg != "bf16" && pkg != "f16" {
		return fmt.Errorf("GenerateStorage: no storage package %q", pkg)
	}
	c := build.NewContext()
	c.ConstraintExpr("!purego,!noasm")
	t := &storageTable{}
	for _, isa := range []ISA{avx512, avx2} {
		for _, k := range storageKernels() {
			fused(c, k, isa, pkg, t)
		}
	}
	t.emit(c)
	return emitFiles(c, out, stubs, pkg, "kernels/_asm/amd64 from its kernel descriptions (go generate in kernels/)", storageHeader, storageStubsHeader)
}

const storageHeader = `
// The fused kernels of this package on amd64, generated with avo by
// kernels/_asm/amd64 (storage.go there) from the descriptions in
// kernels/_asm/kernel; never edit this file. Each runs len(dst) rounded
// down to a multiple of 32 elements, 32 per iteration: every vector of
// every input widened to float32 in its register, the lane operation of
// package kernels' kernel of the same name, the result narrowed to the
// nearest 16-bit value (ties to even) and stored. The Go side runs the rest.
`

const storageStubsHeader = `
// The fused kernels of kernels_amd64.s: every slice of the same length,
// dst an input or overlapping none. The AVX2 ones need AVX2 and FMA3 (and
// F16C for float16), the AVX-512 ones AVX512F and AVX512BW.
`

// storageTable is the AVX2 kernels' narrowing constants, 32 bytes each,
// read as memory operands: the kernels' registers go to the lane
// operations.
type storageTable struct{ order []uint32 }

const storageConsts = "storageConsts"

func (t *storageTable) mem(v uint32) operand.Mem {
	i := len(t.order)
	for j, u := range t.order {
		if u == v {
			i = j
		}
	}
	if i == len(t.order) {
		t.order = append(t.order, v)
	}
	return operand.Mem{Symbol: operand.Symbol{Name: storageConsts, Static: true}, Base: reg.StaticBase, Disp: 32 * i}
}

func (t *storageTable) emit(c *build.Context) {
	if len(t.order) == 0 {
		return
	}
	c.StaticGlobal(storageConsts)
	c.DataAttributes(attr.RODATA | attr.NOPTR)
	for i, v := range t.order {
		for j := 0; j < 8; j++ {
			c.AddDatum(32*i+4*j, operand.U32(v))
		}
	}
}

// The narrowing's registers. AVX-512: its constants and temporaries in
// Z16-Z23, above every register the lane operations take, and K2,
// outside maskPool. AVX2: the last four registers of the pool (two temporaries,
// the rounded odd elements, and the even ones held for them), the
// constants read from storageTable.
var (
	narrowZ = []reg.VecPhysical{reg.Z16, reg.Z17, reg.Z18, reg.Z19, reg.Z20, reg.Z21, reg.Z22, reg.Z23}
)

// The bfloat16 constants: the top halves, the last bit, the rounding's
// bias, a NaN's quiet bit in float32.
const (
	bf16High  = 0xffff0000
	bf16One   = 1
	bf16Half  = 0x7fff
	bf16Quiet = 0x00400000
)

// fused emits kernel k's fused form for isa on pkg's elements.
func fused(c *build.Context, k Kernel, isa ISA, pkg string, t *storageTable) {
	consts := findConsts(k, isa)
	g := &gen{c: c, k: k, isa: isa, form: Form{Op: k.Op}, consts: consts, scal: scalarRegs[:len(k.Scalars)+len(consts)]}
	pool := []reg.VecPhysical{lastReg}
	for _, r := range vecPool {
		if !containsVec(g.scal, r) {
			pool = append(pool, r)
		}
	}
	n := &narrower{c: c, isa: isa, t: t}
	if isa.Opmask {
		n.regs = narrowZ[4:]
	} else {
		n.regs, pool = pool[len(pool)-4:], pool[:len(pool)-4]
	}
	nin := len(k.Inputs)
	set := regSet{in: pool[:nin], temps: pool[nin:], masks: maskPool}

	name := k.Name + isa.Name
	c.Function(name)
	c.Attributes(build.NOSPLIT)
	sig := "func(dst, " + strings.Join(k.Inputs, ", ") + " []uint16"
	if len(k.Scalars) > 0 {
		sig += ", " + strings.Join(k.Scalars, ", ") + " float32"
	}
	c.SignatureExpr(sig + ")")
	c.Doc(fmt.Sprintf("%s: %s, on %s's elements, %s, for i < len(dst)&^%d.", name, k.Doc, pkg, isa.Name, storageBlock-1))
	c.Pragma("noescape")
	g.loadArgs(true)
	c.SHRQ(operand.U8(5), reg.RCX)
	c.JZ(operand.LabelRef("done"))
	g.constants()
	if isa.Opmask && pkg == "bf16" {
		for i, v := range bf16Z {
			c.MOVL(operand.U32(v), reg.EAX)
			c.VPBROADCASTD(reg.EAX, narrowZ[i])
		}
	}

	c.Label("loop")
	w := isa.Floats()
	vector := func(load func(m operand.Mem, v Vec), off int) Vec {
		l := g.lane(set, isa.size)
		for i, p := range g.ptrs() {
			load(mem(p, off), isa.size(set.in[i]))
		}
		return g.op(l)
	}
	if pkg == "f16" {
		for v := 0; v < storageBlock/w; v++ {
			u := vector(func(m operand.Mem, v Vec) { c.VCVTPH2PS(m, v) }, 2*w*v)
			c.VCVTPS2PH(operand.U8(0), u, mem(reg.RDI, 2*w*v))
		}
	} else {
		// A vector's bytes hold 2w elements: its even ones are one
		// vector of float32, the odd ones another.
		for v := 0; v < storageBlock/(2*w); v++ {
			off := 4 * w * v
			n.round(vector(n.even, off), n.held())
			n.round(vector(n.odd, off), n.odd16())
			n.store(mem(reg.RDI, off))
		}
	}
	for _, p := range append(append([]reg.Register{}, g.ptrs()...), reg.RDI) {
		c.ADDQ(operand.U8(2*storageBlock), p)
	}
	c.DECQ(reg.RCX)
	c.JNZ(operand.LabelRef("loop"))
	c.VZEROUPPER()
	c.Label("done")
	c.RET()
}

// A narrower emits the bfloat16 widening and narrowing of the fused
// kernels. A bfloat16 is the top half of its float32, so a vector of 2w
// elements is two vectors of w float32 in place: the even elements shifted
// to the top halves of the 32-bit lanes, the odd ones with the low halves
// cleared. Each is rounded in its lanes as FromFloat32 rounds, u + 0x7fff
// + (u>>16)&1, or for a NaN (VCMPPS unordered) u | 0x00400000, and the two
// merge into one vector of 2w elements: the even ones' top halves shifted
// down, the odd ones' kept. There is no cross-lane move.
type narrower struct {
	c    *build.Context
	isa  ISA
	t    *storageTable
	regs []reg.VecPhysical // t1, t2, the odd ones rounded, the even ones held
}

func (n *narrower) size(i int) Vec { return n.isa.size(n.regs[i]) }
func (n *narrower) held() Vec      { return n.size(3) }
func (n *narrower) odd16() Vec     { return n.size(2) }

// bf16Z are the AVX-512 constants, in narrowZ's first registers.
var bf16Z = []uint32{bf16High, bf16One, bf16Half, bf16Quiet}

// k returns the constant v: a register (AVX-512) or memory (AVX2).
func (n *narrower) k(v uint32) operand.Op {
	if n.isa.Opmask {
		for i, u := range bf16Z {
			if u == v {
				return narrowZ[i]
			}
		}
		panic(fmt.Sprintf("no register for %#x", v))
	}
	return n.t.mem(v)
}

// even loads the even elements of the vector at m into v as float32.
func (n *narrower) even(m operand.Mem, v Vec) {
	if n.isa.Opmask {
		n.c.VPSLLD(operand.U8(16), m, v)
		return
	}
	n.c.VMOVDQU(m, v)
	n.c.VPSLLD(operand.U8(16), v, v)
}

// odd loads the odd elements of the vector at m into v as float32.
func (n *narrower) odd(m operand.Mem, v Vec) {
	if n.isa.Opmask {
		n.c.VPANDD(m, n.k(bf16High), v)
		return
	}
	n.c.VMOVDQU(m, v)
	n.c.VPAND(n.k(bf16High), v, v)
}

// round sets r to u rounded, in the top halves of its lanes.
func (n *narrower) round(u, r Vec) {
	c := n.c
	t1, t2 := n.size(0), n.size(1)
	c.VPSRLD(operand.U8(16), u, t1)
	if n.isa.Opmask {
		c.VPANDD(n.k(bf16One), t1, t1)
		c.VPADDD(n.k(bf16Half), u, r)
		c.VPADDD(t1, r, r)
		c.VCMPPS(operand.U8(3), u, u, reg.K2)
		c.VPORD(n.k(bf16Quiet), u, reg.K2, r)
		return
	}
	c.VPAND(n.k(bf16One), t1, t1)
	c.VPADDD(n.k(bf16Half), u, r)
	c.VPADDD(t1, r, r)
	c.VPOR(n.k(bf16Quiet), u, t1)
	c.VCMPPS(operand.U8(3), u, u, t2)
	c.VPBLENDVB(t2, t1, r, r)
}

// store merges the even elements held and the odd ones and stores them
// at m.
func (n *narrower) store(m operand.Mem) {
	c := n.c
	e, o := n.held(), n.odd16()
	c.VPSRLD(operand.U8(16), e, e)
	if n.isa.Opmask {
		// e | o&0xffff0000
		c.VPTERNLOGD(operand.U8(0xf8), n.k(bf16High), o, e)
		c.VMOVDQU32(e, m)
		return
	}
	c.VPBLENDW(operand.U8(0xaa), o, e, e)
	c.VMOVDQU(e, m)
}
