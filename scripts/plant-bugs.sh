#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2317 # the bug table holds perl code; cleanup runs from a trap
# plant-bugs.sh: shows that the tests bite. It plants known bugs in the
# kernels ONE AT A TIME, runs the tests of each package, records which tests
# caught each bug, and restores the file byte for byte before the next one.
#
#   scripts/plant-bugs.sh             every bug
#   scripts/plant-bugs.sh tail ftz    only the bugs whose names match a word
#   scripts/plant-bugs.sh -l          list the bugs
#
# Environment:
#   PLANT_SWEEP=full|strided|off  how much of fuzz's TestSweep runs against
#                                 each bug (default full: a few minutes per bug
#                                 that the sweep does not catch at once)
#   PLANT_FUZZTIME=10s            also run each fuzz target that long (default:
#                                 none; the committed seeds run always)
#   PLANT_SHORT=1                 run the kernels tests with -short (skips the
#                                 largest lengths, minutes on a CPU with a
#                                 large L3)
#   PLANT_IN_PLACE=1              patch the working tree itself rather than a
#                                 scratch copy of it (restored on exit, on
#                                 Ctrl-C and between bugs; an edit someone else
#                                 makes to the file meanwhile is kept, not
#                                 overwritten)
#
# By default the bugs go into a scratch copy of the module (under $TMPDIR,
# removed on exit), so the working tree is never modified and other people
# running the tests meanwhile never see a planted bug.
#
# For each bug it runs, in its own column:
#   kernels  go test ./kernels                      (the table-driven contract tests, and
#                                                    ./internal/rounded's against the oracle
#                                                    for a bug there, ./kernels/bf16 and
#                                                    ./kernels/f16 instead for one in those;
#                                                    -short with PLANT_SHORT=1)
#   fuzz     go test -short ./fuzz                  (seed corpus, reference, allocs)
#   sweep    go test ./fuzz -run Test(Layer)?Sweep(Large)?
#                                                   (FASTRELU_SWEEP=$PLANT_SWEEP, on
#                                                    the bug's paths only: FASTRELU_SWEEP_PATHS)
# and prints a table bug -> failing tests. Exit status: 0 when every bug was
# caught, 1 when some bug was caught by nothing, 2 when the script could not
# do its job (a bug no longer applies, a planted bug does not build, or the
# tests fail with no bug planted).
#
# ADDING A BUG is one line in the table below:
#   bug NAME FILE PERL 'WHAT' [SWEEP_PATHS]
# PERL is a perl expression run over the whole file (perl -0777 -pe), usually
# s/OLD/NEW/ with OLD matching one place: the script fails if it changes
# nothing. SWEEP_PATHS is the regexp of sweep paths to run, or - for none
# (default: generic for generic.go and generic_kernels.go, none for check.go and functions.go, avx2|avx512 for
# kernels_amd64.s, neon for kernels_arm64.s). Bugs in kernels_arm64.s need an arm64 machine (or
# GOARCH=arm64 with qemu-aarch64 as the exec wrapper: set PLANT_GOARCH=arm64).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sweep_mode=${PLANT_SWEEP:-full}
fuzztime=${PLANT_FUZZTIME:-}
goarch=${PLANT_GOARCH:-}

names=() files=() exprs=() whats=() paths=()
bug() {
	names+=("$1") files+=("$2") exprs+=("$3") whats+=("$4") paths+=("${5:-}")
}

# ---------------------------------------------------------------- the bugs
# Contract bugs in the generic path: its operations (generic.go) and its
# kernels (generic_kernels.go, generated; a bug planted there is what a
# wrong generator would write).
bug relu-minus-zero kernels/generic_kernels.go \
	'1 while s/(func reluGeneric(?:(?!\nfunc )[\s\S])*?)\b((?:l\d)?v1) := ((?:l\d)?e0) & ((?:l\d)?v0)\n/${1}$2 := minusZeroKept($3, $4)\n/; $_ .= "\nfunc minusZeroKept(b, keep uint32) uint32 {\n\tif b == 0x80000000 {\n\t\treturn b\n\t}\n\treturn b \& keep\n}\n"' \
	'ReLU(-0) returns -0 instead of +0'
bug nan-as-negative kernels/generic.go \
	's/return nan \| positive/return positive &^ nan/' \
	'm(NaN) is true (unordered compare): ReLU turns NaN into 0'
bug plus-zero-positive kernels/generic.go \
	's/positive := uint32\(\(0 - int64\(int32\(b\)\)\) >> 63\)/positive := uint32(^int32(b) >> 31)/' \
	'm(+0) is false (x < 0 instead of x <= 0): gradients at x = +0 pass grad'
bug snan-quieted kernels/generic_kernels.go \
	's/^(\t+)((?:l\d)?)v1 := math\.Float32bits\(((?:l\d)?e0)\)\n/$1$2v1 := math.Float32bits($3)\n$1if $3 != $3 {\n$1\t$2v1 |= 0x00400000\n$1}\n/gm' \
	'LeakyReLU and LeakyReLUGrad quiet a signaling NaN that passes through'
bug decimal-alpha kernels/generic_kernels.go \
	's/float32\(alpha \* ((?:l\d)?e0)\)/float32(decimalAlpha(alpha) * float64($1))/g and $_ .= "\nfunc decimalAlpha(a float32) float64 {\n\tf := float64(a)\n\tif f == 0 || math.IsInf(f, 0) || math.IsNaN(f) {\n\t\treturn f\n\t}\n\ts := math.Pow(10, 7-math.Floor(math.Log10(math.Abs(f))))\n\treturn math.Round(f*s) / s\n}\n"' \
	'alpha widened to the float64 of its decimal (0.01, not float32 0.0099999998), product rounded once from float64'
bug double-rounding kernels/generic_kernels.go \
	's/float32\(alpha \* ((?:l\d)?e0)\)/doubleRounded(alpha, $1)/g and $_ .= "\nfunc doubleRounded(a, v float32) float32 {\n\tp := float32(a * v)\n\tif q := float64(a) * float64(v); q != 0 \&\& math.Abs(q) < 0x1p-126 {\n\t\tp = float32(q*0x1p64) * 0x1p-64\n\t}\n\treturn p\n}\n"' \
	'subnormal products computed scaled by 2^64, then scaled back: rounded twice'
bug reciprocal-division kernels/generic_kernels.go \
	's/float32\(alpha \* ((?:l\d)?e0)\)/float32(float64($1) \/ (1 \/ float64(alpha)))/g' \
	'alpha*v computed in float64 as v/(1/alpha), rounded three times (wrong for 1 input of 2^32 at alpha 0.01)'
bug flush-to-zero kernels/generic_kernels.go \
	's/float32\(alpha \* ((?:l\d)?e0)\)/flushed(float32(alpha * $1))/g and $_ .= "\nfunc flushed(p float32) float32 {\n\tif b := math.Float32bits(p); b\&0x7f800000 == 0 {\n\t\treturn math.Float32frombits(b \& 0x80000000)\n\t}\n\treturn p\n}\n"' \
	'subnormal products flushed to zero (FTZ)'
bug grad-lane-mixup kernels/generic_kernels.go \
	's/(func reluGradGeneric(?:(?!\nfunc )[\s\S])*?)l0v1 := l0e0 & l0v0/${1}l0v1 := (l0e1 | l0e0\&0) \& l0v0/' \
	'ReLUGrad: element 0 of each group of 4 passes x instead of grad'
bug relu6-grad-at-six kernels/generic_kernels.go \
	's/(func relu6GradGeneric(?:(?!\nfunc )[\s\S])*?)keepUnless\(l0e1 >= /${1}keepUnless(l0e1 > /' \
	'ReLU6Grad passes grad at x = 6 (x > 6 instead of x >= 6), in lane 0 of each group of 4'
bug relu6-nan-capped kernels/generic_kernels.go \
	's/(func relu6Generic(?:(?!\nfunc )[\s\S])*?)keepUnless\((l\de0) >= ([^)]*\))\)/${1}keepUnless(!($2 < $3))/' \
	'ReLU6 turns NaN into 6 (an unordered compare), in lane 0 of each group of 4'
bug relu6-cap-five kernels/kernels_amd64.s \
	's/MOVL         \$0x40c00000, AX/MOVL         \$0x40a00000, AX/' \
	'ReLU6 caps at 5 on its first amd64 kernel'
# HardSigmoid and HardSwish (issue 18): PyTorch's operation order, its
# values at the kinks and for NaN, the -0 tail, subnormals kept.
bug hardsigmoid-reciprocal kernels/generic_kernels.go \
	's/(func hardSigmoidGeneric(?:(?!\nfunc )[\s\S])*?)lanemath\.Div32\(([^,]*), math\.Float32frombits\(0x40c00000\)\)/${1}float32($2 * float32(1.0\/6))/' \
	'HardSigmoid multiplies by float32(1/6) instead of dividing by 6 (a flipped rounding), in lane 0 of each group of 4'
bug hardswish-plus-zero kernels/generic_kernels.go \
	's/(func hardSwishGeneric(?:(?!\nfunc )[\s\S])*?)l0v8 = uint32\(0x80000000\)/${1}l0v8 = uint32(0)/' \
	'HardSwish gives +0, not -0, for x <= -3 (a wrong tail), in lane 0 of each group of 4'
bug hardswish-flush-subnormal kernels/generic_kernels.go \
	's/(func hardSwishGeneric(?:(?!\nfunc )[\s\S])*?)(l0v7 := )(lanemath\.Div32\([^\n]*\))\n/${1}${2}flushedHS($3)\n/ and $_ .= "\nfunc flushedHS(p float32) float32 {\n\tif b := math.Float32bits(p); b\&0x7f800000 == 0 {\n\t\treturn math.Float32frombits(b \& 0x80000000)\n\t}\n\treturn p\n}\n"' \
	'HardSwish flushes a subnormal result to zero (FTZ), in lane 0 of each group of 4'
bug hardswish-grad-kink kernels/generic_kernels.go \
	's/(func hardSwishGradGeneric(?:(?!\nfunc )[\s\S])*?)keepUnless\(l0e1 <= /${1}keepUnless(l0e1 < /' \
	'HardSwishGrad gives grad, not 1.5*grad, at x = 3 (x < 3 instead of x <= 3), in lane 0 of each group of 4'
bug hardsigmoid-grad-nan kernels/generic_kernels.go \
	's/(func hardSigmoidGradGeneric(?:(?!\nfunc )[\s\S])*?)keepUnless\(math\.Float32frombits\(l0v0\) < ([^)]*\))\)/${1}keepUnless(!(math.Float32frombits(l0v0) >= $2))/' \
	'HardSigmoidGrad gives grad/6 for a NaN x (an unordered compare), not PyTorch'"'"'s +0, in lane 0 of each group of 4'
bug hardsigmoid-shift-amd64 kernels/kernels_amd64.s \
	's/MOVL         \$0x40400000, AX/MOVL         \$0x40380000, AX/' \
	'HardSigmoid adds 2.875, not 3, on its avx2 kernel (the first amd64 kernel with the constant 3)'
bug hardtanh-grad-at-lo kernels/generic_kernels.go \
	's/(func hardTanhGradGeneric(?:(?!\nfunc )[\s\S])*?)keepUnless\(l0e1 <= lo\)/${1}keepUnless(l0e1 < lo)/' \
	'HardTanhGrad passes grad at x = lo (x < lo instead of x <= lo), in lane 0 of each group of 4'
bug hardtanh-clamp-on-x kernels/generic_kernels.go \
	's/(func hardTanhGeneric(?:(?!\nfunc )[\s\S])*?)keepUnless\(math\.Float32frombits\(l0v1\) > hi\)/${1}keepUnless(l0e0 > hi)/' \
	'HardTanh tests x, not max(x, lo), against hi: lo > hi gives lo, not hi as PyTorch'"'"'s clamp, in lane 0 of each group of 4'
# Memory and aliasing bugs.
bug tail-skip kernels/generic_kernels.go \
	's/(func reluGeneric\(dst, src \[\]float32\) \{\n\td := dst\n)/$1\tif len(d) > 0 {\n\t\td = d[:len(d)-1]\n\t}\n/' \
	'ReLU skips the last element'
bug write-past-end kernels/generic_kernels.go \
	's/(func leakyReLUGeneric\(dst, src \[\]float32, alpha float32\) \{\n)/$1\tif len(dst) < cap(dst) {\n\t\tdefer func(d []float32) { d[len(d)-1] = 0 }(dst[:len(dst)+1])\n\t}\n/' \
	'LeakyReLU writes one element past the end of dst (when its capacity allows)'
bug inplace-alpha-twice kernels/generic_kernels.go \
	's/(\t\t\td4\[3\] = math\.Float32frombits\(l3v1\)\n)/$1\t\t\tif i%8 == 4 \&\& l3v0 == 0 {\n\t\t\t\td4[3] = float32(alpha * in04[3])\n\t\t\t}\n/' \
	'LeakyReLU re-reads src after writing dst: in place, every 8th element gets alpha twice'
bug alloc-per-call kernels/generic_kernels.go \
	's/(func reluGeneric\(dst, src \[\]float32\) \{\n\td := dst\n)\tin0 := src\[:len\(d\)\]/$1\tin0 := append([]float32(nil), src[:len(d)]...)/' \
	'ReLU allocates a defensive copy of src on every call'
# Argument-checking bugs.
bug overlap-one-element kernels/check.go \
	's/min\(d-s, s-d\)/min(d-s+4, s-d)/' \
	'no panic when dst starts at the last element of an input (one element of overlap)'
bug length-x-unchecked kernels/functions.go \
	's/len\(dst\) != len\(grad\) \|\| len\(dst\) != len\(x\) \|\|/len(dst) != len(grad) ||/g' \
	'ReLUGrad and LeakyReLUGrad do not check len(x)'
# Hardening (issue 10): long calls, the race detector, one answer per
# machine, FASTRELU_ISA, the overlap check at the top of the address space.
bug chunking-removed kernels/functions.go \
	's/if len\(dst\) > chunkLen \{/if false \&\& len(dst) > chunkLen {/g' \
	'long calls run as one kernel call: the GC waits for the whole call' -
bug stream-per-chunk kernels/chunk.go \
	's/j\.stream = streams\(len\(j\.dst\), bytes, outOfPlace\)/j.stream = streams(min(len(j.dst), chunkLen), bytes, outOfPlace)/' \
	'streaming decided from a chunk, not from the whole call: large calls never stream' -
bug chunk-no-preemption-point kernels/chunk.go \
	's/\t\t\tj\.chunk\(r, r\+1, c, e, part\(sums, c-c0, e-c0\)\)\n/\t\t\tif chunkHook != nil {\n\t\t\t\tchunkHook(e-c, j.stream)\n\t\t\t}\n\t\t\td, i := r*j.dstStride, r*j.inStride\n\t\t\tj.kernel(j.dst[d+c:d+e], j.in[i+c:i+e], part(j.test, r*j.testStride+c, r*j.testStride+e), part(j.param, c, e), part(sums, c-c0, e-c0))\n/' \
	'the column split calls the kernels from the chunk loop itself: no stack check between chunks, the GC still waits for the whole call' -
bug long-row-one-call kernels/chunk.go \
	's/if w := c1 - c0; w <= chunkLen \{/if w := c1 - c0; true || w <= chunkLen {/' \
	'a row longer than chunkLen (and a long elementwise call) is one kernel call: nothing preempts it' -
bug race-annotations-removed kernels/race.go \
	's/const raceEnabled = true/const raceEnabled = false/' \
	'under -race the public functions do not report their reads and writes: races on the assembly paths go unseen' -
bug nan-alpha-rule-amd64 kernels/nanrule_amd64.go \
	's/\treturn v \| bitsQuiet\n/\treturn a | bitsQuiet\n/' \
	'generic on amd64: alpha NaN times grad NaN gives alpha'"'"'s NaN, the avx2/avx512 paths give grad'"'"'s' -
bug nan-sum-rule-amd64 kernels/nanrule_amd64.go \
	's/func sumOfNaNs\(s, d uint32\) uint32 \{ return s \| bitsQuiet \}/func sumOfNaNs(s, d uint32) uint32 { return d | bitsQuiet }/' \
	'generic src+bias and sums of two NaNs take the second NaN where VADDPS takes the first' -
bug layer-chunk-columns-misplaced kernels/chunk.go \
	's/param := part\(j\.param, c0, c1\)/param := part(j.param, 0, c1-c0)/' \
	'a long row of BiasReLU split into column ranges adds the bias of the first columns to every range' -
# Issue 21: the block sums of the layer gradients, the runner's split by
# blocks, the Matrix forms' strides.
bug block-sums-not-restarted kernels/chunk.go \
	's/\t\t\tstartSums\(p\)\n\t\t\tj\.run\(b, e, c, ce, p\)/\t\t\tif b == r0 {\n\t\t\t\tstartSums(p)\n\t\t\t}\n\t\t\tj.run(b, e, c, ce, p)/' \
	'a block sum of the package functions starts from the last block'"'"'s sum instead of -0: later blocks are counted again' -
bug block-sums-from-plus-zero kernels/chunk.go \
	's/negZeros\[i\] = math\.Float32frombits\(0x80000000\)/negZeros[i] = math.Float32frombits(0)/' \
	'block sums start from +0: a column of -0 sums to +0' -
bug runner-blocks-reversed kernels/parallel.go \
	's/for b := range n \/ s\.panels \{\n\t\t\taddSums\(j\.sums, s\.sums\[b\*j\.cols:\(b\+1\)\*j\.cols\]\)/for b := n\/s.panels - 1; b >= 0; b-- {\n\t\t\taddSums(j.sums, s.sums[b*j.cols:(b+1)*j.cols])/' \
	'the runner adds the block sums to dbias last block first: other bits than the package function'"'"'s' -
bug matrix-input-stride-ignored kernels/chunk.go \
	's/d, i, t := r\*j\.dstStride, r\*j\.inStride, r\*j\.testStride/d, i, t := r*j.dstStride, r*j.cols, r*j.testStride/' \
	'a Matrix call reads src (grad) as if its rows were contiguous: wrong rows when its Stride > Cols' -
bug nan-alpha-rule-arm64 kernels/nanrule_arm64.go \
	's/if a&bitsQuiet != 0 && /if a\&bitsQuiet == 0 \&\& /' \
	'generic on arm64: the signaling-NaN priority of FMUL swapped between alpha and grad' -
bug isa-space-kept kernels/dispatch.go \
	's/strings\.ToLower\(strings\.TrimSpace\(want\)\)/strings.ToLower(want)/' \
	'FASTRELU_ISA="avx2 " or "avx2\n" is not recognised' -
bug isa-case-kept kernels/dispatch.go \
	's/strings\.ToLower\(strings\.TrimSpace\(want\)\)/strings.TrimSpace(want)/' \
	'FASTRELU_ISA=AVX2 is not recognised' -
bug isa-unknown-panics kernels/dispatch.go \
	's/os\.Stderr\.WriteString\(warning \+ "\\n"\)/panic(warning)/' \
	'an unknown FASTRELU_ISA panics in package init, killing every program that imports the package' -
bug overlap-wrap kernels/check.go \
	's/d != s && min\(d-s, s-d\) < uintptr\(len\(dst\)\)\*4/d != s \&\& d < s+uintptr(len(dst))*4 \&\& s < d+uintptr(len(dst))*4/' \
	'overlap check compares end addresses: misses a partial overlap when a slice ends at 2^64' -
bug overlap-bytes-as-elements kernels/check.go \
	's/if shift%4 == 0 \{/if true {/' \
	'partial-overlap message says "0 elements after" for a shift of 1-3 bytes' -
# Assembly tails. amd64 entries run on amd64; arm64 entries need an arm64
# machine or PLANT_GOARCH=arm64 (qemu); elsewhere they are reported SKIPPED.
bug avx2-tail-dropped kernels/kernels_amd64.s \
	's/(last:\n\tTESTQ\s+CX, CX\n\tJEQ\s+done\n)\tVMOVUPS\s+Y7, \(R8\)\n/$1/' \
	'reluAVX2 drops the store of its last, overlapping vector (n > 16, n % 8 != 0)'
bug avx2-tail-one-past kernels/kernels_amd64.s \
	's/LEAQ(\s+)-32\(DI\)\(CX\*4\), R8/LEAQ$1-28(DI)(CX*4), R8/' \
	'reluAVX2 stores its last vector one element late: one past the end of dst'
bug avx512-tail-dropped kernels/kernels_amd64.s \
	's/(\/\/ n <= 32: dst\[0:16\], then dst\[n-16:n\] = last\n(?:\t[^\n]*\n)*?\tVMOVUPS\s+Z1, \(DI\)\n)\tVMOVUPS\s+Z7, \(R8\)\n/$1/' \
	'reluAVX512, 16 < n <= 32: the last vector is not stored'
bug avx2-stream-misaligned kernels/kernels_amd64.s \
	's/(TEXT ·reluAVX2Stream\(SB\)[^\n]*\n(?:[^\n]*\n)*?)\tTESTQ\s+\$0x00000003, DI\n\tJNE\s+plain\n/$1/' \
	'reluAVX2Stream streams with dst not 4-byte aligned: pointers move by bytes, the count by bytes>>2 (issue 10.1)'
bug avx512-stream-misaligned kernels/kernels_amd64.s \
	's/(TEXT ·leakyReLUGradAVX512Stream\(SB\)[^\n]*\n(?:[^\n]*\n)*?)\tTESTQ\s+\$0x00000003, DI\n\tJNE\s+plain\n/$1/' \
	'leakyReLUGradAVX512Stream streams with dst not 4-byte aligned (issue 10.1)'
bug neon-tail1-dropped kernels/kernels_arm64.s \
	's/\tFMOVS\tF0, \(R0\)\n//' \
	'reluNEON: an odd length does not store its last element'
bug neon-tail2-wide-store kernels/kernels_arm64.s \
	's/\tFMOVD\.P\tF0, 8\(R0\)\n/\tFMOVQ\tF0, (R0)\n\tADD\t\$8, R0\n/' \
	'reluNEON: the 2-element tail is stored as 4 elements (zeros past the end)'
# The sweep engine (internal/sweep) and the committed digests: the proof
# itself must fail when it is broken. The digest entry is caught by the full
# sweep only (the strided set is always checked against the reference).
bug sweep-digest-mismatch fuzz/testdata/sweep-digests.txt \
	's/^(amd64 ReLU )([0-9a-f])/$1 . ($2 eq "0" ? "1" : "0")/me' \
	'the committed digest of ReLU on amd64 has one wrong hex digit'
bug sweep-digest-chunk-order internal/sweep/sweep.go \
	's/res\.Digest = sha256\.Sum256\(digests\)/slices.Reverse(digests); res.Digest = sha256.Sum256(digests)/ and s/\t"runtime"\n/\t"runtime"\n\t"slices"\n/' \
	'the chunk digests are combined in the wrong order'
bug sweep-reference-chunk-order internal/sweep/sweep.go \
	's/cs\.Reference\(ps, want, alt\)/cs.Reference(set.Fill(min(c+1, set.Chunks-1), make([]uint32, ChunkLen))[:n], want, alt)/' \
	'the reference of a chunk is computed from the next chunk'"'"'s patterns'
bug sweep-path-skipped internal/sweep/sweep.go \
	's/for k, r := range paths \{\n\t\tvar dst/for k, r := range paths[:max(1, len(paths)-1)] {\n\t\tvar dst/' \
	'the engine never runs the last path'
# Issue 18: the smooth activations. The kernels' contract is internal/rounded
# itself, so a bug there is caught by its own tests against the oracle
# (the kernels column runs ./internal/rounded for these files).
bug rounded-uncertain-rounds-down internal/rounded/float64.go \
	's/\treturn hi, lo == hi\n/\treturn lo, hi == hi || hi != hi\n/' \
	'a flipped rounding: where the float64 evaluation cannot decide, the lower float32 is taken instead of the fallback' -
bug sigmoid-tail-flushed internal/rounded/float64.go \
	's/(\treturn certain\(1\/\(1\+math\.FMA\(s, q, s\)\), sigmoidErr\))/\tif x < -87 {\n\t\treturn 0, true\n\t}\n$1/' \
	'a wrong tail: Sigmoid below -87 flushed to +0, as XNNPACK'"'"'s and oneDNN'"'"'s' -
bug tiny-subnormal-flushed internal/rounded/float64.go \
	's/(func tinyHalf\(x float64\) \(float32, bool\) \{\n)/$1\tif math.Abs(x) < 0x1p-125 {\n\t\treturn float32(math.Copysign(0, x)), true\n\t}\n/' \
	'a flushed subnormal: SiLU and GELUTanh of the smallest inputs give a zero, not x/2'  -
bug elu-exp-minus-one kernels/generic_kernels.go \
	's/rounded\.Expm1\((\w+)\)/float32(rounded.Exp($1) - 1)/' \
	'ELU as PyTorch computes it, exp(x) - 1: the small negative inputs lose their digits'
# Issue 19: the bfloat16 and float16 storage types' conversions (the kernels
# column runs ./kernels/bf16 and ./kernels/f16 for these files).
bug bf16-ties-away kernels/bf16/bf16.go \
	's/u \+ 0x7fff \+ u>>16&1/u + 0x8000/' \
	'bfloat16 rounding ties away from zero, as a plain add of half an ulp does'  -
bug f16-subnormal-flushed kernels/f16/f16.go \
	's/(\ts := min\(126-a>>23, 31\)\n)/\tif a < minNormal {\n\t\treturn sign\n\t}\n$1/' \
	'float16 results below the smallest normal flushed to zero'  -
bug f16-nan-not-quieted kernels/f16/f16.go \
	's/sign \| infinity \| quiet \| /sign | infinity | /' \
	'a float32 NaN narrowed without the quiet bit: a signalling NaN whose kept payload is zero becomes an infinity'  -
# ---------------------------------------------------------------- end of bugs

if [[ ${1:-} == -l ]]; then
	for i in "${!names[@]}"; do printf '%-26s %-24s %s\n' "${names[i]}" "${files[i]}" "${whats[i]}"; done
	exit 0
fi
case $sweep_mode in full | strided | off) ;; *)
	echo "plant-bugs: PLANT_SWEEP=$sweep_mode: want full, strided or off" >&2
	exit 2
	;;
esac

selected=()
for i in "${!names[@]}"; do
	if (($# == 0)); then
		selected+=("$i")
		continue
	fi
	for w in "$@"; do
		if [[ ${names[i]} == *"$w"* ]]; then
			selected+=("$i")
			break
		fi
	done
done
if ((${#selected[@]} == 0)); then
	echo "plant-bugs: no bug matches: $*" >&2
	exit 2
fi

# ---------------------------------------------------------------- workspace
scratch=$(mktemp -d "${TMPDIR:-/tmp}/plant-bugs.XXXXXX")
if [[ ${PLANT_IN_PLACE:-} == 1 ]]; then
	work=$root
else
	work=$scratch/module
	mkdir "$work"
	tar -C "$root" --exclude=./.git -cf - . | tar -C "$work" -xf -
fi
pristine=$scratch/pristine # the original of the file currently patched
planted=$scratch/planted   # what this script wrote into it
current=""                 # the file currently patched, relative to $work

# replace FILE CONTENT: FILE gets CONTENT's bytes and FILE's own mode, in one
# rename, so that an interrupt leaves it either as it was or as wanted.
replace() {
	cp -p "$1" "$1.plant-bugs-tmp"
	cat "$2" >"$1.plant-bugs-tmp"
	mv -f "$1.plant-bugs-tmp" "$1"
}

# restore puts the patched file back, byte for byte, unless someone else
# changed it since this script wrote it: then it is left alone, and the
# original kept beside it, with a warning.
restore() {
	[[ -n $current ]] || return 0
	local f=$work/$current
	if cmp -s "$f" "$planted"; then
		replace "$f" "$pristine"
		if ! cmp -s "$f" "$pristine"; then
			echo "plant-bugs: FAILED TO RESTORE $current" >&2
			return 1
		fi
	elif ! cmp -s "$f" "$pristine"; then
		cp "$pristine" "$f.plant-bugs-original"
		echo "plant-bugs: $current changed while a bug was planted in it; left as is," \
			"the original is in $current.plant-bugs-original" >&2
	fi
	current=""
}
# kill_tree PID: ends a test run this script started, and everything it
# started, by process id.
kill_tree() {
	local c
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null || true); do kill_tree "$c"; done
	kill "$1" 2>/dev/null || true
}
test_pid=""
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	if [[ -n $test_pid ]]; then kill_tree "$test_pid"; fi
	restore || rc=2
	rm -rf "$scratch"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

plant() { # plant FILE PERL
	cp "$work/$1" "$pristine"
	perl -0777 -pe "$2" "$pristine" >"$planted"
	if cmp -s "$planted" "$pristine"; then
		return 1
	fi
	# From here on an interrupt restores the file.
	current=$1
	replace "$work/$1" "$planted"
}

# ---------------------------------------------------------------- the tests
goenv=()
exec_flag=()
if [[ -n $goarch ]]; then
	goenv=(GOARCH="$goarch")
	if [[ $goarch != "$(go env GOHOSTARCH)" ]]; then
		exec_flag=(-exec "qemu-$([[ $goarch == arm64 ]] && echo aarch64 || echo "$goarch")")
	fi
fi
target_arch=${goarch:-$(go env GOARCH)}
if [[ ${#exec_flag[@]} -gt 0 && $sweep_mode == full ]]; then
	echo "plant-bugs: emulated GOARCH=$goarch: the sweep runs strided, not full" >&2
	sweep_mode=strided
fi
log=$scratch/log

# failures LOG: the failing tests in a go test log, or "ok", or BUILD/PANIC.
failures() {
	local names
	if grep -qE '^(# |.*\[build failed\]|.*\[setup failed\]|FAIL.*\[build failed\])' "$1" &&
		! grep -q -- '--- FAIL' "$1"; then
		echo "BUILD-FAILED"
		return
	fi
	names=$(grep -oE -- '--- FAIL: [^ ]+' "$1" | sed 's/--- FAIL: //' | awk -F/ '
		$1 ~ /^Test(Layer)?Sweep$/ { if (NF >= 3) leaf[$1 "[" $2 "/" $3 "]"] = 1; next }
		{ top[$1] = 1; if (NF == 2) kids[$1]++ }
		END {
			for (k in top) print (k in kids) ? k "(" kids[k] ")" : k
			for (k in leaf) print k
		}' | sort | paste -sd, -)
	if [[ -n $names ]]; then
		echo "$names"
	elif grep -qE '^(panic:|fatal error:)' "$1"; then
		echo "PANIC"
	elif grep -qE '^(FAIL|--- FAIL)' "$1"; then
		echo "FAIL"
	else
		echo "ok"
	fi
}

sweep_paths_for() { # FILE [override]
	if [[ -n ${2:-} ]]; then echo "$2"; return; fi
	case $1 in
	kernels/generic.go | kernels/generic_kernels.go) echo generic ;;
	kernels/check.go | kernels/functions.go) echo - ;; # argument checks: the sweep passes valid arguments only
	kernels/kernels_amd64.s) echo 'avx2|avx512' ;;
	kernels/kernels_arm64.s) echo neon ;;
	internal/sweep/* | fuzz/testdata/*) echo 'avx512|neon|generic' ;; # two paths: enough to skip one
	*) echo '.*' ;;
	esac
}

# run_tests SWEEP_PATHS: prints three cells separated by tabs.
run_tests() {
	local kern fz sw
	if compgen -G "$work/kernels/*_test.go" >/dev/null; then
		(cd "$work" && env "${goenv[@]}" go test "${exec_flag[@]}" -count=1 ${PLANT_SHORT:+-short} "${kernel_pkgs[@]}") >"$log" 2>&1 || true
		kern=$(failures "$log")
	else
		kern="-"
	fi
	(cd "$work" && env "${goenv[@]}" go test "${exec_flag[@]}" -count=1 -short ./fuzz) >"$log" 2>&1 || true
	fz=$(failures "$log")
	if [[ -n $fuzztime && $fz == ok ]]; then
		local seen=$scratch/seen
		find "$work/fuzz/testdata" -type f | sort >"$seen"
		for t in FuzzReLU FuzzLeakyReLU FuzzReLUGrad FuzzLeakyReLUGrad; do
			(cd "$work" && go test -count=1 ./fuzz -run '^$' -fuzz "^$t\$" -fuzztime="$fuzztime") >"$log" 2>&1 || true
			if [[ $(failures "$log") != ok ]]; then
				fz="$t(fuzzing)"
				break
			fi
		done
		# A failing input that -fuzz found is written under testdata: it
		# must not stay there, in the scratch copy or the working tree.
		find "$work/fuzz/testdata" -type f | sort | comm -13 "$seen" - | xargs -r rm -f --
	fi
	if [[ $sweep_mode == off || $1 == - ]]; then
		sw="-"
	else
		(cd "$work" && env "${goenv[@]}" FASTRELU_SWEEP="$sweep_mode" FASTRELU_SWEEP_PATHS="^($1)\$" \
			go test "${exec_flag[@]}" -count=1 -failfast -timeout 60m ./fuzz -run '^Test(Layer)?Sweep(Large)?$') >"$log" 2>&1 || true
		sw=$(failures "$log")
	fi
	printf '%s\t%s\t%s\n' "$kern" "$fz" "$sw"
}

# The packages of the kernels column: ./kernels, and ./internal/rounded too
# for a bug planted there.
kernel_pkgs=(./kernels)

# run_in_background SWEEP_PATHS: run_tests, in a child that an interrupt can
# end at once (wait returns when a trapped signal arrives), into k, f and s.
run_in_background() {
	run_tests "$1" >"$scratch/cells" &
	test_pid=$!
	wait "$test_pid"
	test_pid=""
	IFS=$'\t' read -r k f s <"$scratch/cells"
}

caught_by() { # the cells that name failing tests
	local c out=""
	for c in "$@"; do
		case $c in ok | - | BUILD-FAILED) ;; *) out+="${out:+; }$c" ;; esac
	done
	echo "$out"
}

echo "plant-bugs: module copy in ${work}; sweep: $sweep_mode${fuzztime:+; fuzzing $fuzztime per target}${goarch:+; GOARCH=$goarch}"
echo "plant-bugs: baseline, no bug planted..."
# The baseline sweeps the paths the selected bugs are swept on.
base_paths=$(for i in "${selected[@]}"; do sweep_paths_for "${files[i]}" "${paths[i]}"; done | { grep -vx -- - || true; } | sort -u | paste -sd'|' -)
run_in_background "${base_paths:--}"
for c in "$k" "$f" "$s"; do
	if [[ $c != ok && $c != - ]]; then
		echo "plant-bugs: the tests fail with no bug planted (kernels: $k; fuzz: $f; sweep: $s); fix that first" >&2
		exit 2
	fi
done
echo "plant-bugs: baseline: kernels $k, fuzz $f, sweep $s"

status=0
rows=()
for i in "${selected[@]}"; do
	name=${names[i]} file=${files[i]}
	case $file in
	internal/rounded/*) kernel_pkgs=(./kernels ./internal/rounded) ;;
	kernels/bf16/* | kernels/f16/*) kernel_pkgs=(./kernels/bf16 ./kernels/f16) ;;
	*) kernel_pkgs=(./kernels) ;;
	esac
	if [[ ! -f $work/$file ]]; then
		rows+=("$name|$file|-|-|-|SKIPPED: no $file")
		continue
	fi
	case $file in
	*_amd64.s | *_arm64.s | *_amd64.go | *_arm64.go)
		want=${file##*_}
		want=${want%.*}
		if [[ $want != "$target_arch" ]]; then
			rows+=("$name|$file|-|-|-|SKIPPED: needs $want (PLANT_GOARCH=$want)")
			continue
		fi
		;;
	esac
	echo "plant-bugs: $name: ${whats[i]}"
	if ! plant "$file" "${exprs[i]}"; then
		echo "plant-bugs: $name no longer applies to $file: update its entry" >&2
		rows+=("$name|$file|-|-|-|DOES NOT APPLY")
		status=2
		continue
	fi
	run_in_background "$(sweep_paths_for "$file" "${paths[i]}")"
	restore || exit 2
	verdict=$(caught_by "$k" "$f" "$s")
	if [[ $k == BUILD-FAILED || $f == BUILD-FAILED || $s == BUILD-FAILED ]]; then
		verdict="PLANTED BUG DOES NOT BUILD"
		status=2
	elif [[ -z $verdict ]]; then
		verdict="NOT CAUGHT"
		((status == 0)) && status=1
	else
		verdict="caught"
	fi
	rows+=("$name|$file|$k|$f|$s|$verdict")
done

echo
printf '%-26s | %-24s | %-30s | %-40s | %-40s | %s\n' bug file "kernels tests" "fuzz tests (seeds, -short)" "fuzz sweep ($sweep_mode)" verdict
printf '%s\n' "$(printf '%.0s-' {1..180})"
for r in "${rows[@]}"; do
	IFS='|' read -r n fl k f s v <<<"$r"
	printf '%-26s | %-24s | %-30s | %-40s | %-40s | %s\n' "$n" "$fl" "$k" "$f" "$s" "$v"
done
echo
echo "bugs: $(printf '%s\n' "${rows[@]}" | wc -l); not caught: $(printf '%s\n' "${rows[@]}" | grep -c '|NOT CAUGHT$' || true)"
exit "$status"
