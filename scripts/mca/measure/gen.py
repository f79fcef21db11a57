#!/usr/bin/env python3
"""Generates kernels_amd64.s and kernels_amd64.go: the candidate loop bodies.

Each candidate is a whole Go assembly function that runs only the main loop
of a kernel (64 floats per iteration, 128 for the X8 ones; n must be a
multiple of 128): the same
loop shape as kernels/kernels_amd64.s (unrolled 8 YMM or 4 ZMM vectors,
SUBQ $64 / JAE back-branch), so that scripts/llvm-mca.sh can extract and
model it exactly like the library's loops, and the tests and the benchmark
in this directory can check and time it.

Run: python3 gen.py   (writes kernels_amd64.s, kernels_amd64.go)

Operand order is Go's (Plan 9): sources first, destination last, i.e. the
reverse of Intel's. Intel VMAXPS d, a, b = (a > b) ? a : b is Go VMAXPS b, a, d.
"""

# Placeholders per vector: {o} byte offset, {v} value/grad, {m} scratch (mask or x),
# {p} scratch (product), {k} opmask.
FWD = "fwd"
GRAD = "grad"

# (name, isa, kernel, exact, body-per-vector lines)
C = []

def cand(name, isa, kernel, exact, *lines):
    C.append((name, isa, kernel, exact, lines))

# ---------------- ReLU, AVX2
cand("reluAVX2Cur", "avx2", "ReLU", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VCMPPS $2, Y0, {v}, {m}",          # m = v <= 0
     "VANDNPS {v}, {m}, {v}",            # v = ~m & v
     "VMOVUPS {v}, {o}(DI)")
cand("reluAVX2Mem", "avx2", "ReLU", "yes",
     "VCMPPS $0x0d, {o}(SI), Y0, {m}",   # m = 0 >= x (GE_OS) = x <= 0
     "VANDNPS {o}(SI), {m}, {v}",        # v = ~m & x
     "VMOVUPS {v}, {o}(DI)")
cand("reluAVX2MaxXNN", "avx2", "ReLU", "no (NaN ok, -0 -> -0)",
     "VMAXPS {o}(SI), Y0, {v}",          # Intel vmaxps v, zero, [x]: 0 > x ? 0 : x
     "VMOVUPS {v}, {o}(DI)")

# ---------------- LeakyReLU, AVX2
cand("leakyAVX2Cur", "avx2", "LeakyReLU", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VCMPPS $2, Y0, {v}, {m}",
     "VMULPS Y6, {v}, {p}",
     "VBLENDVPS {m}, {p}, {v}, {v}",     # v = m ? p : v
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX2BlendMem", "avx2", "LeakyReLU", "yes",
     "VCMPPS $0x09, {o}(SI), Y0, {m}",   # m = !(0 >= x) (NGE_US): keep mask
     "VMULPS {o}(SI), Y6, {p}",          # p = alpha*x
     "VBLENDVPS {m}, {o}(SI), {p}, {v}", # v = m ? x : p
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX2AndOr", "avx2", "LeakyReLU", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VCMPPS $2, Y0, {v}, {m}",
     "VMULPS Y6, {v}, {p}",
     "VANDPS {m}, {p}, {p}",             # p = m & p
     "VANDNPS {v}, {m}, {v}",            # v = ~m & v
     "VORPS {p}, {v}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX2Xor", "avx2", "LeakyReLU", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VCMPPS $2, Y0, {v}, {m}",
     "VMULPS Y6, {v}, {p}",
     "VXORPS {v}, {p}, {p}",             # p = p ^ v
     "VANDPS {m}, {p}, {p}",             # p = (p ^ v) & m
     "VXORPS {p}, {v}, {v}",             # v = v ^ ((p ^ v) & m)
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX2Max", "avx2", "LeakyReLU", "0 < alpha <= 1",
     "VMULPS {o}(SI), Y6, {p}",          # p = alpha*x
     "VMAXPS {o}(SI), {p}, {v}",         # Intel vmaxps v, p, [x]: p > x ? p : x
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX2MaxReg", "avx2", "LeakyReLU", "0 < alpha <= 1",
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Y6, {v}, {p}",
     "VMAXPS {v}, {p}, {v}",             # Intel vmaxps v, p, v: p > v ? p : v
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX2Min", "avx2", "LeakyReLU", "1 <= alpha < +Inf",
     "VMULPS {o}(SI), Y6, {p}",
     "VMINPS {o}(SI), {p}, {v}",         # Intel vminps v, p, [x]: p < x ? p : x
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX2MinReg", "avx2", "LeakyReLU", "1 <= alpha < +Inf",
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Y6, {v}, {p}",
     "VMINPS {v}, {p}, {v}",             # Intel vminps v, p, v: p < v ? p : v
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX2SignXNN", "avx2", "LeakyReLU", "no (sNaN<0 quieted, +0 -> +0)",
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Y6, {v}, {p}",
     "VBLENDVPS {v}, {p}, {v}, {v}",     # v = sign(v) ? p : v
     "VMOVUPS {v}, {o}(DI)")

# ---------------- ReLUGrad, AVX2
cand("reluGradAVX2Cur", "avx2", "ReLUGrad", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VMOVUPS {o}(DX), {m}",
     "VCMPPS $2, Y0, {m}, {m}",
     "VANDNPS {v}, {m}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("reluGradAVX2Mem", "avx2", "ReLUGrad", "yes",
     "VCMPPS $0x0d, {o}(DX), Y0, {m}",   # m = x <= 0
     "VANDNPS {o}(SI), {m}, {v}",        # v = ~m & g
     "VMOVUPS {v}, {o}(DI)")

# ---------------- LeakyReLUGrad, AVX2
cand("leakyGradAVX2Cur", "avx2", "LeakyReLUGrad", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VMOVUPS {o}(DX), {m}",
     "VCMPPS $2, Y0, {m}, {m}",
     "VMULPS Y6, {v}, {p}",
     "VBLENDVPS {m}, {p}, {v}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("leakyGradAVX2BlendMem", "avx2", "LeakyReLUGrad", "yes",
     "VCMPPS $0x0d, {o}(DX), Y0, {m}",   # m = x <= 0
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Y6, {v}, {p}",
     "VBLENDVPS {m}, {p}, {v}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("leakyGradAVX2AndOr", "avx2", "LeakyReLUGrad", "yes",
     "VCMPPS $0x0d, {o}(DX), Y0, {m}",
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Y6, {v}, {p}",
     "VANDPS {m}, {p}, {p}",
     "VANDNPS {v}, {m}, {v}",
     "VORPS {p}, {v}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("leakyGradAVX2Xor", "avx2", "LeakyReLUGrad", "yes",
     "VCMPPS $0x0d, {o}(DX), Y0, {m}",
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Y6, {v}, {p}",
     "VXORPS {v}, {p}, {p}",
     "VANDPS {m}, {p}, {p}",
     "VXORPS {p}, {v}, {v}",
     "VMOVUPS {v}, {o}(DI)")

# ---------------- AVX-512
cand("reluAVX512Cur", "avx512", "ReLU", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VCMPPS $2, Z0, {v}, {k}",
     "VMOVAPS Z0, {k}, {v}",             # v = m ? +0 : v (merge)
     "VMOVUPS {v}, {o}(DI)")
cand("reluAVX512Fixup", "avx512", "ReLU", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VFIXUPIMMPS $0, Z5, {v}, {v}",     # table Z5 = 0x18181811: NaN,+ -> x; 0,-,-Inf -> +0
     "VMOVUPS {v}, {o}(DI)")
cand("reluAVX512MaskLoad", "avx512", "ReLU", "yes",
     "VCMPPS $0x09, {o}(SI), Z0, {k}",   # k = !(x <= 0): keep mask
     "VMOVUPS.Z {o}(SI), {k}, {v}",      # zero-masked load
     "VMOVUPS {v}, {o}(DI)")
cand("reluAVX512MaxXNN", "avx512", "ReLU", "no (NaN ok, -0 -> -0)",
     "VMAXPS {o}(SI), Z0, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX512Cur", "avx512", "LeakyReLU", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VCMPPS $2, Z0, {v}, {k}",
     "VMULPS Z6, {v}, {k}, {v}",         # v = m ? alpha*v : v (merge)
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX512Max", "avx512", "LeakyReLU", "0 < alpha <= 1",
     "VMULPS {o}(SI), Z6, {p}",
     "VMAXPS {o}(SI), {p}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX512MaxReg", "avx512", "LeakyReLU", "0 < alpha <= 1",
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Z6, {v}, {p}",
     "VMAXPS {v}, {p}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("reluGradAVX512Cur", "avx512", "ReLUGrad", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VMOVUPS {o}(DX), {m}",
     "VCMPPS $2, Z0, {m}, {k}",
     "VMOVAPS Z0, {k}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("reluGradAVX512Fixup", "avx512", "ReLUGrad", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VMOVUPS {o}(DX), {m}",
     "VFIXUPIMMPS $0, Z5, {m}, {v}",     # table Z5 = 0x08080800: classify x; NaN,+ -> g; 0,-,-Inf -> +0
     "VMOVUPS {v}, {o}(DI)")
cand("reluGradAVX512MaskLoad", "avx512", "ReLUGrad", "yes",
     "VCMPPS $0x09, {o}(DX), Z0, {k}",   # k = !(x <= 0)
     "VMOVUPS.Z {o}(SI), {k}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("leakyGradAVX512Cur", "avx512", "LeakyReLUGrad", "yes",
     "VMOVUPS {o}(SI), {v}",
     "VMOVUPS {o}(DX), {m}",
     "VCMPPS $2, Z0, {m}, {k}",
     "VMULPS Z6, {v}, {k}, {v}",
     "VMOVUPS {v}, {o}(DI)")
cand("leakyGradAVX512CmpMem", "avx512", "LeakyReLUGrad", "yes",
     "VCMPPS $0x0d, {o}(DX), Z0, {k}",   # k = x <= 0
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Z6, {v}, {k}, {v}",
     "VMOVUPS {v}, {o}(DI)")

# The loop shape alone: load and store, no work (the ceiling of any body).
cand("copyAVX2", "avx2", "Copy", "n/a", "VMOVUPS {o}(SI), {v}", "VMOVUPS {v}, {o}(DI)")
cand("copyAVX512", "avx512", "Copy", "n/a", "VMOVUPS {o}(SI), {v}", "VMOVUPS {v}, {o}(DI)")
cand("leakyAVX512MinReg", "avx512", "LeakyReLU", "1 <= alpha < +Inf",
     "VMOVUPS {o}(SI), {v}",
     "VMULPS Z6, {v}, {p}",
     "VMINPS {v}, {p}, {v}",
     "VMOVUPS {v}, {o}(DI)")

# The same bodies unrolled 8 ZMM vectors (128 floats, 512 bytes) per iteration.
for name, isa, kernel, exact, lines in list(C):
    if name in ("copyAVX512", "reluAVX512Cur", "reluAVX512Fixup", "leakyAVX512Cur", "leakyAVX512MaxReg", "reluGradAVX512Cur",
                "reluGradAVX512Fixup", "leakyGradAVX512Cur", "leakyGradAVX512CmpMem"):
        C.append((name + "X8", isa, kernel, exact, lines))

TABLES = {"ReLU": 0x18181811, "ReLUGrad": 0x08080800}

def regs(isa, i):
    j = i % 4
    if isa == "avx2":
        return dict(o=32 * i, v="Y%d" % (1 + j), m="Y%d" % (8 + j), p="Y%d" % (12 + j), k="")
    return dict(o=64 * i, v="Z%d" % (1 + j), m="Z%d" % (8 + j), p="Z%d" % (12 + j), k="K%d" % [1, 3, 4, 7][j])

def main():
    s = ["// Code generated by gen.py; DO NOT EDIT.", "", "#include \"textflag.h\"", ""]
    g = ["// Code generated by gen.py; DO NOT EDIT.", "", "package measure", ""]
    tab = []
    for name, isa, kernel, exact, lines in C:
        grad = kernel.endswith("Grad")
        if grad:
            sig, frame, aoff = "(dst, grad, x []float32, alpha float32)", "$0-76", 72
        else:
            sig, frame, aoff = "(dst, src []float32, alpha float32)", "$0-52", 48
        g.append("//go:noescape\nfunc %s%s\n" % (name, sig))
        tab.append('\t{"%s", "%s", "%s", "%s", %s},' % (name, isa, kernel, exact, name))
        r = "Y" if isa == "avx2" else "Z"
        s.append("// func %s%s" % (name, sig))
        s.append("// %s %s, exact: %s" % (kernel, isa, exact))
        s.append("TEXT ·%s(SB), NOSPLIT, %s" % (name, frame))
        s.append("\tMOVQ dst_base+0(FP), DI")
        if grad:
            s.append("\tMOVQ grad_base+24(FP), SI")
            s.append("\tMOVQ x_base+48(FP), DX")
        else:
            s.append("\tMOVQ src_base+24(FP), SI")
        s.append("\tMOVQ dst_len+8(FP), CX")
        s.append("\tVXORPS X0, X0, X0")
        s.append("\tVBROADCASTSS alpha+%d(FP), %s6" % (aoff, r))
        if isa == "avx512":
            s.append("\tMOVL $0x%08x, AX" % TABLES.get(kernel, 0))
            s.append("\tVPBROADCASTD AX, Z5")
        nv = 8 if isa == "avx2" or name.endswith("X8") else 4
        fl = nv * (8 if isa == "avx2" else 16)  # floats per iteration
        s.append("\tSUBQ $%d, CX" % fl)
        s.append("\tJB   done")
        s.append("")
        s.append("loop:")
        for i in range(nv):
            for ln in lines:
                s.append("\t" + ln.format(**regs(isa, i)))
        s.append("\tADDQ $%d, SI" % (4 * fl))
        if grad:
            s.append("\tADDQ $%d, DX" % (4 * fl))
        s.append("\tADDQ $%d, DI" % (4 * fl))
        s.append("\tSUBQ $%d, CX" % fl)
        s.append("\tJAE  loop")
        s.append("")
        s.append("done:")
        s.append("\tVZEROUPPER")
        s.append("\tRET")
        s.append("")
    g.append("// candidates: name, isa, kernel, exact (yes, no, or the alpha range), function")
    g.append("var candidates = []candidate{")
    g += tab
    g.append("}")
    open("kernels_amd64.s", "w").write("\n".join(s))
    open("kernels_amd64.go", "w").write("\n".join(g) + "\n")

main()
