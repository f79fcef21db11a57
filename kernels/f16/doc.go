// Package f16 stores float32 values as IEEE 754 binary16 (half precision):
// 1 sign bit, 5 exponent bits and 10 fraction bits.
//
// Model weights and activations are often kept in float16 by PyTorch,
// onnxruntime, gomlx and the checkpoints they write, to halve memory and
// bandwidth. [Bits] holds such a value as its bit pattern, so that a []Bits
// read from a checkpoint or a tensor buffer can be widened to []float32 for
// the kernels of package kernels and narrowed back after. It also has the
// activations' kernels on []Bits (Kernels, below).
//
// The conversions are exact and the same on every architecture:
//
//   - [Bits.Float32] widens exactly: every float16 value is a float32 value,
//     the float16 subnormals becoming float32 normals. A NaN keeps its sign
//     and payload (the payload becomes the top 10 fraction bits of the
//     float32), so a quiet NaN stays quiet and a signalling one stays
//     signalling.
//   - [FromFloat32] rounds to the nearest float16, ties to even, as a
//     hardware conversion does with the default rounding mode (x86 F16C
//     VCVTPS2PH, arm64 FCVT). Subnormals are never flushed to zero, neither
//     inputs nor results. Values at or above 65520 (the largest float16,
//     65504, plus half its last place) round to ±Inf, the tie included,
//     since 65504 has an odd last bit. A NaN stays a NaN of the same sign:
//     its payload is truncated to the top 10 bits and the quiet bit (the
//     top one) is set, as VCVTPS2PH does and FCVT does with FPCR.DN=0,
//     which keeps a signalling NaN whose kept bits would all be zero from
//     turning into an infinity.
//
// # Kernels
//
// Every elementwise kernel of package kernels whose value is a binary32
// computation has its float16 form here, of the same name and arguments:
// ReLU, LeakyReLU, ReLU6, HardSigmoid, HardSwish, HardTanh and ELU, and
// every gradient (ReLUGrad ... MishGrad). Each widens its inputs exactly,
// runs the float32 kernel on this process's path, and rounds each result to
// the nearest float16, ties to even ([FromFloat32]):
//
//	dst[i] = FromFloat32(f(src[i].Float32()))
//
// so its bits are the float32 kernel's value rounded once more, the same on
// every path and architecture, since the float32 kernel's are. The tests
// check every kernel on all 2^16 inputs (the gradients on every x with a
// sample of grad values; FASTRELU_SWEEP=full checks all 2^32 pairs)
// against internal/kerneltest's float32 references, widened and narrowed
// by conversions written from the format's field widths; CI checks the
// fused gradients (below) on all 2^32 pairs on every vector path against
// the digests of such a run (FASTRELU_SWEEP=digests).
//
// The smooth activations' forward kernels (Sigmoid, Tanh, SiLU, GELU,
// GELUTanh, Softplus, Mish) are correctly rounded to float16: each output
// is the exact value of the function rounded once to the nearest
// float16, ties to even, as the float32 kernels are to float32. Rounding
// the float32 kernel's value again gives that everywhere but where the
// float32 value is exactly halfway between two float16 values while the
// exact value is not: there the kernels take the value from a table of
// such inputs (ties.go), which internal/halftest/ties writes from
// internal/oracle by enumerating all 2^16 inputs. The tests check every
// input of each against internal/oracle's value rounded to float16.
//
// # Speed
//
// On amd64, [FromFloat32s] and [ToFloat32s], and so every kernel here,
// convert in vector instructions: AVX-512 where package kernels runs its
// avx512 path, else AVX2 where the CPU has AVX2 and F16C, unless
// FASTRELU_ISA=generic (VCVTPH2PS, with the quiet bit of a signalling NaN put back, and VCVTPS2PH rounding to nearest even). They give the same bits as the scalar
// functions, which the tests check on every path, all 2^16 patterns and,
// with FASTRELU_SWEEP=full, all 2^32 float32. On arm64 they convert in
// NEON unless FASTRELU_ISA=generic (FCVTL, with the quiet bit of a signalling NaN put back, and FCVTN, which rounds to nearest even under Go's FPCR), the same bits,
// which the same tests check under qemu. Elsewhere they run as scalar
// Go.
// On amd64, where those run, the kernels whose value is a binary32
// computation (the ReLU family and its gradients, SigmoidGrad, TanhGrad)
// are fused: whole blocks of 32 elements in one pass, each
// vector widened in registers (VCVTPH2PS, whose quieting of a signalling
// NaN no kernel's output shows: each narrows a NaN to a quiet one),
// package kernels' lane operation of the same kernel, from the same
// description (kernels/_asm), and the result narrowed in registers: the
// same bits as the three passes below, which TestFused checks on every
// path. The rest of a slice (fewer than 32 elements), and every kernel
// elsewhere, makes three passes over a chunk (widen, the float32 kernel,
// narrow). The smooth forward activations (and ELU at alpha = 1), whose
// computation costs about what the float32 kernels do, answer calls of
// 1024 elements or more from a table of their values at all 2^16 inputs
// (128 KiB each), which the first such call fills by that computation: a
// load per element, the same bits on every path, which TestTables checks
// on every input.
package f16

//go:generate go run ../../internal/halftest/ties/main.go -format f16 -o ties.go
