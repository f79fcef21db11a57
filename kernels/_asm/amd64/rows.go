package amd64

import (
	"fmt"

	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The shapes of the layer kernels (kernel.Layer): rows outer,
// inside the kernel, columns inner.
//
//   - The forward kernels (no Acc) run each row with the shapes of shape.go
//     (the 64-float body, whole vectors) and store the row's last vector,
//     computed from the row's inputs as they are at the row's start, at the
//     row's end, overlapping what the row's vectors wrote: exact in place
//     and out of place, as for the elementwise kernels; when cols is a
//     multiple of W, a loop of its own without it. cols < W: AVX-512 runs
//     the AVX2 kernel (JMP); AVX2 runs every row in steps (below).
//   - The gradient kernels (Acc) take 4 rows at a time while 4 are left,
//     then one: each vector of columns loads its sums once, adds the rows'
//     values to them in row order, and stores them back once. (A load and
//     a store of the sums for every row's vector doubled the time past the
//     caches: the extra stores fill the store buffer behind the dst stores
//     that miss.) No element may be added twice, so the last cols%W
//     columns of the rows go without overlap: AVX2 in steps of 4 floats
//     (XMM), 2 (VMOVQ) and 1 (VMOVSS), as many as the remainder has bits;
//     AVX-512 as one vector under an opmask of those lanes, loads
//     zero-masked (no fault outside the slices), stores masked. cols < 16:
//     AVX-512 runs the AVX2 kernel (JMP), which runs every cols >= 1: a
//     masked load of the sums waits for the masked store of the block
//     before (no store forwarding), twice the AVX2 kernel's time at 4096x8.
//
// Within a row every pointer (dst, the row inputs, the per-column ones)
// advances by the same bytes; after a row (a block of rows) the row
// pointers go on to the next row's start, and the per-column ones start
// again from their bases. The *Stream variants do not exist for these
// kernels: the Go side never streams them. (Past the caches that is what
// keeps the forward kernels from one streamed LeakyReLU pass: at 4096x4096
// they take the time of a plain leakyReLUAVX512, which takes about 1.45
// times leakyReLUAVX512Stream's. A stream shape per row, as stream() in
// shape.go but with each row's head stored regularly, would close it, out
// of place only.)

// Registers of the row loops, beside those of shape.go (DI = dst, the
// inputs' pointers, CX = floats left in the row, R8 = &row[cols-W] in the
// forward kernels).
var (
	colsReg   = reg.R10                          // cols
	endReg    = reg.R11                          // &dst[n]
	colBases  = []reg.Register{reg.R12, reg.R13} // the per-column inputs' bases
	strideReg = reg.R8                           // gradients: cols*4, a row's bytes
	stride3   = reg.RAX                          // gradients: 3*cols*4
	tailMask  = reg.K2                           // AVX-512 gradients: the lanes of cols%16
)

// blockRows is how many rows the gradient kernels take at a time.
const blockRows = 4

func perCol(k Kernel, name string) bool {
	for _, c := range k.PerCol {
		if c == name {
			return true
		}
	}
	return false
}

func accIndex(k Kernel) int {
	for i, name := range k.Inputs {
		if name == k.Acc {
			return i
		}
	}
	return -1
}

// rowAddr is element 0 of row i (< 4) of a row pointer p.
func rowAddr(p reg.Register, i int) operand.Mem {
	switch i {
	case 0:
		return mem(p, 0)
	case 1:
		return operand.Mem{Base: p, Index: strideReg, Scale: 1}
	case 2:
		return operand.Mem{Base: p, Index: strideReg, Scale: 2}
	case 3:
		return operand.Mem{Base: p, Index: stride3, Scale: 1}
	}
	panic("rowAddr: row out of range")
}

// block emits one vector of columns (at register size size, moved with
// load and store) of rows rows, each row's dst stored in turn. With an Acc:
// the sums loaded once into set 0's register, every row adding to it, and
// stored once at the end.
func (g *gen) block(rows int, size func(reg.VecPhysical) Vec, load, store func(src, dst operand.Op)) {
	ai := accIndex(g.k)
	ptrs := g.ptrs()
	var acc reg.VecPhysical
	if ai >= 0 {
		acc = g.sets[0].in[ai]
		load(mem(ptrs[ai], 0), size(acc))
	}
	for i := 0; i < rows; i++ {
		s := g.sets[i%len(g.sets)]
		s.in = append([]reg.VecPhysical{}, s.in...)
		for j, name := range g.k.Inputs {
			switch {
			case j == ai:
				s.in[j] = acc
			case perCol(g.k, name):
				load(mem(ptrs[j], 0), size(s.in[j]))
			default:
				load(rowAddr(ptrs[j], i), size(s.in[j]))
			}
		}
		store(g.op(g.lane(s, size)), rowAddr(reg.RDI, i))
	}
	if ai >= 0 {
		store(size(acc), mem(ptrs[ai], 0))
	}
}

// rowPtrs are dst and the pointers of the row inputs.
func (g *gen) rowPtrs() []reg.Register {
	ps := []reg.Register{reg.RDI}
	for i, name := range g.k.Inputs {
		if !perCol(g.k, name) {
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
		if perCol(g.k, name) {
			g.c.MOVQ(colBases[b], g.ptrs()[i])
			b++
		}
	}
}

// skipRows moves the row pointers on by index*scale bytes.
func (g *gen) skipRows(index reg.Register, scale uint8) {
	for _, p := range g.rowPtrs() {
		g.c.LEAQ(operand.Mem{Base: p, Index: index, Scale: scale}, p)
	}
}

// layer emits the plain kernel of a layer kernel.
func (g *gen) layer() {
	k, isa := g.k, g.isa
	w := isa.Floats()
	name := k.Name + isa.Name
	fwd := k.Acc == ""
	g.text(name, fmt.Sprintf("%s: %s, %s.", name, k.Doc, isa.Name))
	if isa.Small != "" {
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
	g.c.LEAQ(operand.Mem{Base: reg.RDI, Index: endReg, Scale: isa.scale()}, endReg)
	b := 0
	for i, name := range k.Inputs {
		if perCol(k, name) {
			g.c.MOVQ(g.ptrs()[i], colBases[b])
			b++
		}
	}
	g.constants()
	if fwd {
		g.forwardRows()
	} else {
		g.gradientRows()
	}
}

// forwardRows emits the forward kernels' row loops: one for cols a
// multiple of W (whole vectors, nothing overlaps), one for the other cols
// >= W (the row's last vector computed first and stored last), and the
// AVX2 one for cols < 8.
func (g *gen) forwardRows() {
	isa := g.isa
	w := isa.Floats()
	if isa.Small == "" {
		g.c.CMPQ(colsReg, operand.U8(w))
		g.c.JB(operand.LabelRef("narrow"))
	}
	g.c.TESTQ(operand.U32(w-1), colsReg)
	g.c.JNE(operand.LabelRef("row"))
	for _, exact := range []bool{true, false} {
		suffix := ""
		if exact {
			suffix = "x"
			g.c.Comment(fmt.Sprintf("for each row, cols a multiple of %d", w))
		} else {
			g.c.Comment("for each row")
		}
		g.c.Label("row" + suffix)
		g.rowStart()
		if !exact {
			g.computeLast()
		}
		body := isa.bodyElems()
		g.c.CMPQ(reg.RCX, operand.U8(body))
		g.c.JB(operand.LabelRef("vec" + suffix))
		g.c.SUBQ(operand.U8(body), reg.RCX)
		g.c.Comment(fmt.Sprintf("for ; cols >= %d; cols -= %d { %d vectors }", body, body, body/w))
		g.body("loop"+suffix, g.movups)
		g.c.ADDQ(operand.U8(body), reg.RCX)

		g.c.Comment(fmt.Sprintf("for ; cols >= %d; cols -= %d { one vector }", w, w))
		g.c.Label("vec" + suffix)
		g.c.CMPQ(reg.RCX, operand.U8(w))
		g.c.JB(operand.LabelRef("rest" + suffix))
		g.vector(g.sets[0], 0, g.movups)
		g.advance(isa.Bytes())
		g.c.SUBQ(operand.U8(w), reg.RCX)
		g.c.JMP(operand.LabelRef("vec" + suffix))

		g.c.Label("rest" + suffix)
		if !exact {
			g.c.Comment(fmt.Sprintf("if cols > 0 { row[len-%d:len] = last }; on to the next row", w))
			g.c.TESTQ(reg.RCX, reg.RCX)
			g.c.JEQ(operand.LabelRef("next"))
			g.c.VMOVUPS(isa.size(lastReg), mem(reg.R8, 0))
			g.c.Label("next")
			g.skipRows(reg.RCX, isa.scale())
		}
		g.c.CMPQ(reg.RDI, endReg)
		g.c.JB(operand.LabelRef("row" + suffix))
		g.ret()
	}

	g.c.Label("done")
	g.ret()

	if isa.Small == "" {
		g.c.Comment(fmt.Sprintf("cols < %d: every row in steps", w))
		g.c.Label("narrow")
		g.rowStart()
		g.steps("narrow", 1)
		g.c.CMPQ(reg.RDI, endReg)
		g.c.JB(operand.LabelRef("narrow"))
		g.ret()
	}
}

// gradientRows emits the gradient kernels' row loops: blocks of 4 rows
// while 4 are left, then single rows.
func (g *gen) gradientRows() {
	isa := g.isa
	w := isa.Floats()
	if isa.Opmask {
		g.c.Comment(fmt.Sprintf("K2 = the lanes of the rows' last cols%%%d elements", w))
		g.c.MOVQ(colsReg, reg.RCX)
		g.c.ANDQ(operand.U8(w-1), reg.RCX)
		g.c.MOVL(operand.U32(1), reg.EAX)
		g.c.SHLL(reg.CL, reg.EAX)
		g.c.DECL(reg.EAX)
		g.c.KMOVW(reg.EAX, tailMask)
	}
	g.c.MOVQ(colsReg, strideReg)
	g.c.SHLQ(operand.U8(isa.shift()), strideReg)
	g.c.LEAQ(operand.Mem{Base: strideReg, Index: strideReg, Scale: 2}, stride3)

	for _, rows := range []int{blockRows, 1} {
		suffix := fmt.Sprint(rows)
		g.c.Comment(fmt.Sprintf("for each block of %d rows", rows))
		g.c.Label("rows" + suffix)
		if rows == 1 {
			g.c.CMPQ(reg.RDI, endReg)
			g.c.JAE(operand.LabelRef("done"))
		} else {
			g.c.LEAQ(operand.Mem{Base: reg.RDI, Index: strideReg, Scale: uint8(rows)}, reg.RCX)
			g.c.CMPQ(reg.RCX, endReg)
			g.c.JA(operand.LabelRef("rows1"))
		}
		g.rowStart()
		g.c.Comment(fmt.Sprintf("for ; cols >= %d; cols -= %d { one vector of each row }", w, w))
		g.c.Label("vec" + suffix)
		g.c.CMPQ(reg.RCX, operand.U8(w))
		g.c.JB(operand.LabelRef("rest" + suffix))
		g.block(rows, isa.size, g.movups, g.movups)
		g.advance(isa.Bytes())
		g.c.SUBQ(operand.U8(w), reg.RCX)
		g.c.JMP(operand.LabelRef("vec" + suffix))

		g.c.Label("rest" + suffix)
		if isa.Opmask {
			g.c.Comment("if cols > 0 { the rows' last cols elements, masked by K2 }")
			g.c.TESTQ(reg.RCX, reg.RCX)
			g.c.JEQ(operand.LabelRef("next" + suffix))
			g.block(rows, isa.size,
				func(src, dst operand.Op) { g.maskedLoad(src, dst) },
				func(src, dst operand.Op) { g.maskedStore(src, dst) })
			g.skipRows(reg.RCX, isa.scale())
			g.c.Label("next" + suffix)
		} else {
			g.steps("rest"+suffix, rows)
		}
		if rows > 1 {
			g.c.Comment(fmt.Sprintf("on to the next block: %d rows on", rows))
			g.skipRows(stride3, 1)
		}
		g.c.JMP(operand.LabelRef("rows" + suffix))
	}

	g.c.Label("done")
	g.ret()
}

// steps emits the AVX2 row tail of CX < W elements without overlap, for
// rows rows: 16 bytes in an XMM vector if that many are left, then 8 bytes
// (VMOVQ), then 4 (VMOVSS, float32 only); every pointer moved on past each.
func (g *gen) steps(prefix string, rows int) {
	x := func(r reg.VecPhysical) Vec { return r.AsX() }
	for _, bytes := range []int{16, 8, 4} {
		n := bytes / g.isa.Elem
		if n == 0 {
			continue
		}
		label := fmt.Sprintf("%ss%d", prefix, n)
		if n == 1 {
			g.c.Comment("1 float if cols >= 1")
			g.c.TESTQ(reg.RCX, reg.RCX)
			g.c.JEQ(operand.LabelRef(label))
		} else {
			g.c.Comment(fmt.Sprintf("%d floats if cols >= %d", n, n))
			g.c.CMPQ(reg.RCX, operand.U8(n))
			g.c.JB(operand.LabelRef(label))
			g.c.SUBQ(operand.U8(n), reg.RCX)
		}
		mov := g.movBytes(bytes)
		g.block(rows, x, mov, mov)
		g.advance(bytes)
		g.c.Label(label)
	}
}

// maskedLoad and maskedStore move the lanes of tailMask: VMOVUPS, or
// VMOVUPD on float64 elements, whose opmask has a bit per float64.
func (g *gen) maskedLoad(src, dst operand.Op) {
	if g.isa.Elem == 8 {
		g.c.VMOVUPD_Z(src, tailMask, dst)
		return
	}
	g.c.VMOVUPS_Z(src, tailMask, dst)
}

func (g *gen) maskedStore(src, dst operand.Op) {
	if g.isa.Elem == 8 {
		g.c.VMOVUPD(src, tailMask, dst)
		return
	}
	g.c.VMOVUPS(src, tailMask, dst)
}
