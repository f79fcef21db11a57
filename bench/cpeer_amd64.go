//go:build amd64 && cgo && cpeers

package bench

// The optional C peer: the XNNPACK-style AVX2 loops of
// scripts/mca/measure/xnn (gcc -O3 -mavx2, scalar tail), NOT exact (NaN,
// -0 and +0 differ from the contract), here for the per-call cost and the
// speed of a C AVX2 loop. Built only with -tags cpeers (it needs cgo and a
// C compiler):
//
//	go test -tags cpeers -run '^$' -bench CallCost ./bench
//	go run -tags cpeers ./bench/report
//
// Each kernel is a C function that is never inlined; a measurement makes
// one cgo call that calls it reps times from C, so each call is a plain C
// call, as a C caller of XNNPACK pays it.

/*
#cgo CFLAGS: -O3 -mavx2
#include <immintrin.h>
#include <stddef.h>

__attribute__((noinline)) static void cp_relu(float *d, const float *s, size_t n) {
	const __m256 z = _mm256_setzero_ps();
	size_t i = 0;
	for (; i + 8 <= n; i += 8) _mm256_storeu_ps(d + i, _mm256_max_ps(_mm256_loadu_ps(s + i), z));
	for (; i < n; i++) d[i] = s[i] > 0 ? s[i] : 0;
}
__attribute__((noinline)) static void cp_leaky(float *d, const float *s, size_t n, float a) {
	const __m256 va = _mm256_set1_ps(a);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		__m256 x = _mm256_loadu_ps(s + i);
		_mm256_storeu_ps(d + i, _mm256_blendv_ps(x, _mm256_mul_ps(x, va), x));
	}
	for (; i < n; i++) d[i] = s[i] < 0 ? a * s[i] : s[i];
}
__attribute__((noinline)) static void cp_relugrad(float *d, const float *g, const float *x, size_t n) {
	const __m256 z = _mm256_setzero_ps();
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		_mm256_storeu_ps(d + i, _mm256_and_ps(_mm256_cmp_ps(_mm256_loadu_ps(x + i), z, _CMP_GT_OQ), _mm256_loadu_ps(g + i)));
	for (; i < n; i++) d[i] = x[i] > 0 ? g[i] : 0;
}
__attribute__((noinline)) static void cp_leakygrad(float *d, const float *g, const float *x, size_t n, float a) {
	const __m256 va = _mm256_set1_ps(a);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		__m256 gv = _mm256_loadu_ps(g + i);
		_mm256_storeu_ps(d + i, _mm256_blendv_ps(gv, _mm256_mul_ps(gv, va), _mm256_loadu_ps(x + i)));
	}
	for (; i < n; i++) d[i] = x[i] < 0 ? a * g[i] : g[i];
}

// k: 0 ReLU, 1 LeakyReLU, 2 ReLUGrad, 3 LeakyReLUGrad (bench.Kernel).
static void cp_repeat(int k, float *d, const float *g, const float *x, size_t n, float a, long reps) {
	for (long r = 0; r < reps; r++) {
		switch (k) {
		case 0: cp_relu(d, x, n); break;
		case 1: cp_leaky(d, x, n, a); break;
		case 2: cp_relugrad(d, g, x, n); break;
		default: cp_leakygrad(d, g, x, n, a); break;
		}
		__asm__ volatile("" ::: "memory");
	}
}
*/
import "C"

import "unsafe"

func init() {
	CPeer = &Contender{
		Name:          "c-avx2",
		Role:          Rival,
		Note:          "the XNNPACK-style C AVX2 loop (gcc -O3 -mavx2, not exact), called from C: built with -tags cpeers",
		ReLU:          func(dst, src []float32) { cRepeat(ReLU, dst, nil, src, 1) },
		LeakyReLU:     func(dst, src []float32, alpha float32) { cRepeatAlpha(LeakyReLU, dst, nil, src, alpha, 1) },
		ReLUGrad:      func(dst, grad, x []float32) { cRepeat(ReLUGrad, dst, grad, x, 1) },
		LeakyReLUGrad: func(dst, grad, x []float32, alpha float32) { cRepeatAlpha(LeakyReLUGrad, dst, grad, x, alpha, 1) },
		repeat:        func(k Kernel, dst, grad, x []float32, reps int) { cRepeatAlpha(k, dst, grad, x, Alpha, reps) },
	}
}

func cRepeat(k Kernel, dst, grad, x []float32, reps int) { cRepeatAlpha(k, dst, grad, x, 0, reps) }

func cRepeatAlpha(k Kernel, dst, grad, x []float32, alpha float32, reps int) {
	p := func(s []float32) *C.float { return (*C.float)(unsafe.Pointer(unsafe.SliceData(s))) }
	C.cp_repeat(C.int(k), p(dst), p(grad), p(x), C.size_t(len(dst)), C.float(alpha), C.long(reps))
}
