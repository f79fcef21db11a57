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
// by conversions written from the format's field widths.
//
// The smooth activations' forward kernels (Sigmoid, Tanh, SiLU, GELU,
// GELUTanh, Softplus, Mish) are not here yet: their contract is the
// nearest value to the exact function, and rounding the correctly rounded
// float32 value again can miss it by one float16 unit where that value is a
// tie of the float16 format. For now, widen, call package kernels and narrow:
// the result is within one unit of the correctly rounded one.
//
// The conversions run as scalar Go, so the kernels here move far fewer
// bytes per second than copy(): they are for convenience and exactness,
// not yet for speed.
package f16
