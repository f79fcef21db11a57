// Package f16 stores float32 values as IEEE 754 binary16 (half precision):
// 1 sign bit, 5 exponent bits and 10 fraction bits.
//
// Model weights and activations are often kept in float16 by PyTorch,
// onnxruntime, gomlx and the checkpoints they write, to halve memory and
// bandwidth. [Bits] holds such a value as its bit pattern, so that a []Bits
// read from a checkpoint or a tensor buffer can be widened to []float32 for
// the kernels of package kernels and narrowed back after. Kernels that work
// on float16 directly are to come; this package is their storage type and
// its conversions.
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
package f16
