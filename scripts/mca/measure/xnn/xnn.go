//go:build amd64 && cgo

// Package xnn: XNNPACK-style C AVX2 loops (gcc -O3 -mavx2), NOT exact, the
// speed reference of issue 13. Each function runs its loop reps times inside
// C, so the cgo call is paid once per measurement, not once per call.
package xnn

/*
#cgo CFLAGS: -O3 -mavx2
#include <immintrin.h>
#include <stddef.h>
#include <string.h>

// ReLU: vmaxps(x, 0): NaN -> 0 or x by operand order, -0 kept.
static void relu(float *d, const float *s, size_t n) {
	const __m256 z = _mm256_setzero_ps();
	size_t i = 0;
	for (; i + 8 <= n; i += 8) _mm256_storeu_ps(d + i, _mm256_max_ps(_mm256_loadu_ps(s + i), z));
	for (; i < n; i++) d[i] = s[i] > 0 ? s[i] : 0;
}
// LeakyReLU: mul + blendv on the sign bit (XNNPACK f32-vlrelu avx).
static void leaky(float *d, const float *s, size_t n, float a) {
	const __m256 va = _mm256_set1_ps(a);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		__m256 x = _mm256_loadu_ps(s + i);
		_mm256_storeu_ps(d + i, _mm256_blendv_ps(x, _mm256_mul_ps(x, va), x));
	}
	for (; i < n; i++) d[i] = s[i] < 0 ? a * s[i] : s[i];
}
// ReLUGrad: compare + and.
static void relugrad(float *d, const float *g, const float *x, size_t n) {
	const __m256 z = _mm256_setzero_ps();
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		_mm256_storeu_ps(d + i, _mm256_and_ps(_mm256_cmp_ps(_mm256_loadu_ps(x + i), z, _CMP_GT_OQ), _mm256_loadu_ps(g + i)));
	for (; i < n; i++) d[i] = x[i] > 0 ? g[i] : 0;
}
// LeakyReLUGrad: mul + blendv on the sign bit of x.
static void leakygrad(float *d, const float *g, const float *x, size_t n, float a) {
	const __m256 va = _mm256_set1_ps(a);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		__m256 gv = _mm256_loadu_ps(g + i);
		_mm256_storeu_ps(d + i, _mm256_blendv_ps(gv, _mm256_mul_ps(gv, va), _mm256_loadu_ps(x + i)));
	}
	for (; i < n; i++) d[i] = x[i] < 0 ? a * g[i] : g[i];
}

static void relu_reps(float *d, const float *s, size_t n, long reps) { for (long r = 0; r < reps; r++) relu(d, s, n); }
static void leaky_reps(float *d, const float *s, size_t n, float a, long reps) { for (long r = 0; r < reps; r++) leaky(d, s, n, a); }
static void relugrad_reps(float *d, const float *g, const float *x, size_t n, long reps) { for (long r = 0; r < reps; r++) relugrad(d, g, x, n); }
static void leakygrad_reps(float *d, const float *g, const float *x, size_t n, float a, long reps) { for (long r = 0; r < reps; r++) leakygrad(d, g, x, n, a); }
static void memcpy_reps(float *d, const float *s, size_t n, long reps) {
	for (long r = 0; r < reps; r++) { memcpy(d, s, n * 4); __asm__ volatile("" ::: "memory"); }
}
*/
import "C"

import "unsafe"

func p(s []float32) *C.float { return (*C.float)(unsafe.Pointer(&s[0])) }

func ReLU(dst, src []float32, reps int) {
	C.relu_reps(p(dst), p(src), C.size_t(len(dst)), C.long(reps))
}
func LeakyReLU(dst, src []float32, alpha float32, reps int) {
	C.leaky_reps(p(dst), p(src), C.size_t(len(dst)), C.float(alpha), C.long(reps))
}
func ReLUGrad(dst, grad, x []float32, reps int) {
	C.relugrad_reps(p(dst), p(grad), p(x), C.size_t(len(dst)), C.long(reps))
}
func LeakyReLUGrad(dst, grad, x []float32, alpha float32, reps int) {
	C.leakygrad_reps(p(dst), p(grad), p(x), C.size_t(len(dst)), C.float(alpha), C.long(reps))
}
func Memcpy(dst, src []float32, reps int) {
	C.memcpy_reps(p(dst), p(src), C.size_t(len(dst)), C.long(reps))
}
