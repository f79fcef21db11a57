//go:build peers && cgo && linux && (amd64 || arm64)

package bench

// oneDNN (Debian's libdnnl-dev) through its C API: one eltwise primitive
// per function and size, f32, a 1-D tensor of n elements in plain layout,
// forward_inference (backward_data with the forward as hint for the
// gradients), executed on a CPU engine's stream.
//
// Single thread: Debian builds oneDNN on OpenMP, so each call sets
// OpenMP's thread count to 1 (omp_set_num_threads) before it executes. The
// count is a per-thread setting and cgo calls come from whichever thread
// the goroutine runs on: set once at init, it held on that thread only,
// and calls from the others ran a team of GOMAXPROCS threads, far slower
// and erratic on a busy machine. (OMP_NUM_THREADS=1 would do as well, but
// libgomp reads it at load, before any Go code can set it.) The ISA is
// left to oneDNN's dispatcher (DNNL_MAX_CPU_ISA unset), which takes the
// best this CPU has, as a user's program would; the note names it.
//
// The primitive's memory objects are made with no buffer. Each call points
// them at the caller's slices, executes, waits for the stream and points
// them back at NULL, all inside one cgo call, so that oneDNN keeps no Go
// pointer after the call returns (the cgo rules); the timed call therefore
// includes two dnnl_memory_set_data_handle calls per argument, which a C
// user with fixed buffers would not pay.
//
// HardSigmoid: oneDNN 2.6 has no hardsigmoid algorithm (it came in 3.0).
// It is two JIT primitives in one call, linear (x/6 + 1/2) then clip(0, 1)
// in place on dst: the one-primitive form, linear with a clip post-op,
// falls back to oneDNN's reference implementation, far slower, and
// leaves dst unwritten on a 1-D tensor. There is no gradient.

/*
#cgo LDFLAGS: -ldnnl -lgomp
#include <stdlib.h>
#include <oneapi/dnnl/dnnl.h>

extern void omp_set_num_threads(int);

static dnnl_engine_t fr_engine;
static dnnl_stream_t fr_stream;

static int fr_dnnl_init(void) {
	omp_set_num_threads(1);
	if (dnnl_engine_create(&fr_engine, dnnl_cpu, 0) != dnnl_success) return -1;
	if (dnnl_stream_create(&fr_stream, fr_engine, dnnl_stream_default_flags) != dnnl_success) return -2;
	return 0;
}

static int fr_dnnl_isa(void) { return (int)dnnl_get_effective_cpu_isa(); }

typedef struct {
	dnnl_primitive_t prim;
	dnnl_primitive_t clip01; // when set, run next on dst in place
	dnnl_memory_t src, dst, diff_dst; // diff_dst only for a gradient: src is x, dst is diff_src
	int backward;
} fr_dnnl_op;

static dnnl_primitive_t fr_dnnl_primitive(const_dnnl_op_desc_t desc, const_dnnl_primitive_desc_t hint) {
	dnnl_primitive_desc_t pd;
	dnnl_primitive_t prim;
	if (dnnl_primitive_desc_create(&pd, desc, NULL, fr_engine, hint) != dnnl_success) return NULL;
	dnnl_status_t st = dnnl_primitive_create(&prim, pd);
	dnnl_primitive_desc_destroy(pd);
	return st == dnnl_success ? prim : NULL;
}

// fr_dnnl_create returns NULL if oneDNN refuses the primitive.
static fr_dnnl_op *fr_dnnl_create(int alg, float alpha, float beta, long n, int backward, int clip01) {
	dnnl_dims_t dims = {n};
	dnnl_memory_desc_t md;
	if (dnnl_memory_desc_init_by_tag(&md, 1, dims, dnnl_f32, dnnl_a) != dnnl_success) return NULL;
	dnnl_eltwise_desc_t fwd;
	if (dnnl_eltwise_forward_desc_init(&fwd, backward ? dnnl_forward_training : dnnl_forward_inference,
			(dnnl_alg_kind_t)alg, &md, alpha, beta) != dnnl_success) return NULL;
	fr_dnnl_op *op = calloc(1, sizeof *op);
	if (!backward) {
		op->prim = fr_dnnl_primitive(&fwd, NULL);
	} else {
		dnnl_primitive_desc_t hint;
		dnnl_eltwise_desc_t bwd;
		if (dnnl_primitive_desc_create(&hint, &fwd, NULL, fr_engine, NULL) == dnnl_success) {
			if (dnnl_eltwise_backward_desc_init(&bwd, (dnnl_alg_kind_t)alg, &md, &md, alpha, beta) == dnnl_success) {
				op->prim = fr_dnnl_primitive(&bwd, hint);
			}
			dnnl_primitive_desc_destroy(hint);
		}
	}
	if (clip01) {
		dnnl_eltwise_desc_t clip;
		if (dnnl_eltwise_forward_desc_init(&clip, dnnl_forward_inference, dnnl_eltwise_clip, &md, 0.0f, 1.0f) == dnnl_success) {
			op->clip01 = fr_dnnl_primitive(&clip, NULL);
		}
		if (!op->clip01) op->prim = NULL;
	}
	op->backward = backward;
	if (!op->prim ||
		dnnl_memory_create(&op->src, &md, fr_engine, DNNL_MEMORY_NONE) != dnnl_success ||
		dnnl_memory_create(&op->dst, &md, fr_engine, DNNL_MEMORY_NONE) != dnnl_success ||
		(backward && dnnl_memory_create(&op->diff_dst, &md, fr_engine, DNNL_MEMORY_NONE) != dnnl_success)) {
		return NULL;
	}
	return op;
}

static int fr_dnnl_exec(fr_dnnl_op *op, float *dst, float *grad, float *x) {
	dnnl_exec_arg_t args[3];
	int nargs;
	omp_set_num_threads(1);
	dnnl_memory_set_data_handle(op->src, x);
	dnnl_memory_set_data_handle(op->dst, dst);
	if (op->backward) {
		dnnl_memory_set_data_handle(op->diff_dst, grad);
		args[0] = (dnnl_exec_arg_t){DNNL_ARG_SRC, op->src};
		args[1] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_DST, op->diff_dst};
		args[2] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_SRC, op->dst};
		nargs = 3;
	} else {
		args[0] = (dnnl_exec_arg_t){DNNL_ARG_SRC, op->src};
		args[1] = (dnnl_exec_arg_t){DNNL_ARG_DST, op->dst};
		nargs = 2;
	}
	dnnl_status_t st = dnnl_primitive_execute(op->prim, fr_stream, nargs, args);
	if (st == dnnl_success && op->clip01) {
		dnnl_exec_arg_t inplace[2] = {{DNNL_ARG_SRC, op->dst}, {DNNL_ARG_DST, op->dst}};
		st = dnnl_primitive_execute(op->clip01, fr_stream, 2, inplace);
	}
	if (st == dnnl_success) st = dnnl_stream_wait(fr_stream);
	dnnl_memory_set_data_handle(op->src, NULL);
	dnnl_memory_set_data_handle(op->dst, NULL);
	if (op->backward) dnnl_memory_set_data_handle(op->diff_dst, NULL);
	return (int)st;
}
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

// dnnlAlg says how each function is made from oneDNN's algorithms.
type dnnlAlg struct {
	alg         C.int
	alpha, beta float32
	backward    bool
	clip01      bool // then clip(0, 1) on dst
}

var dnnlAlgs = map[string]dnnlAlg{
	"ReLU":          {alg: C.dnnl_eltwise_relu},
	"LeakyReLU":     {alg: C.dnnl_eltwise_relu, alpha: Alpha},
	"ReLU6":         {alg: C.dnnl_eltwise_clip, alpha: 0, beta: 6},
	"HardSigmoid":   {alg: C.dnnl_eltwise_linear, alpha: 1.0 / 6, beta: 0.5, clip01: true},
	"HardSwish":     {alg: C.dnnl_eltwise_hardswish},
	"ReLUGrad":      {alg: C.dnnl_eltwise_relu, backward: true},
	"LeakyReLUGrad": {alg: C.dnnl_eltwise_relu, alpha: Alpha, backward: true},
	"ReLU6Grad":     {alg: C.dnnl_eltwise_clip, alpha: 0, beta: 6, backward: true},
	"HardTanh":      {alg: C.dnnl_eltwise_clip, alpha: -1, beta: 1},
	"HardTanhGrad":  {alg: C.dnnl_eltwise_clip, alpha: -1, beta: 1, backward: true},
	"HardSwishGrad": {alg: C.dnnl_eltwise_hardswish, backward: true},
	"Sigmoid":       {alg: C.dnnl_eltwise_logistic},
	"Tanh":          {alg: C.dnnl_eltwise_tanh},
	"GELU":          {alg: C.dnnl_eltwise_gelu_erf},
	"GELUTanh":      {alg: C.dnnl_eltwise_gelu_tanh},
	"ELU":           {alg: C.dnnl_eltwise_elu, alpha: 1},
	"Softplus":      {alg: C.dnnl_eltwise_soft_relu},
	"Mish":          {alg: C.dnnl_eltwise_mish},
	"SiLU":          {alg: C.dnnl_eltwise_swish, alpha: 1},
}

type peerKey struct {
	fn string
	n  int
}

var dnnlCache = struct {
	sync.Mutex
	ops map[peerKey]*C.fr_dnnl_op
}{ops: map[peerKey]*C.fr_dnnl_op{}}

func init() {
	if rc := C.fr_dnnl_init(); rc != 0 {
		panic(fmt.Sprintf("bench: oneDNN engine or stream: %d", rc))
	}
	cPeers = append(cPeers, &Peer{
		Name: "onednn",
		Note: "oneDNN " + dnnlVersion() + " eltwise primitives on one thread, ISA " + dnnlISA() + ", made once per size",
		Bind: bindDNNL,
	})
}

func dnnlVersion() string {
	v := C.dnnl_version()
	return fmt.Sprintf("%d.%d.%d", v.major, v.minor, v.patch)
}

// dnnlISA names the instruction set oneDNN dispatches to on this CPU.
func dnnlISA() string {
	isa := C.fr_dnnl_isa()
	switch isa {
	case C.dnnl_cpu_isa_avx2:
		return "avx2"
	case C.dnnl_cpu_isa_avx2_vnni:
		return "avx2_vnni"
	case C.dnnl_cpu_isa_avx512_core:
		return "avx512_core"
	case C.dnnl_cpu_isa_avx512_core_vnni:
		return "avx512_core_vnni"
	case C.dnnl_cpu_isa_avx512_core_bf16:
		return "avx512_core_bf16"
	case C.dnnl_cpu_isa_avx512_core_amx:
		return "avx512_core_amx"
	}
	return fmt.Sprintf("%#x", int(isa))
}

func bindDNNL(fn string, n int) PeerKernel {
	a, ok := dnnlAlgs[fn]
	if !ok {
		return nil
	}
	dnnlCache.Lock()
	op, ok := dnnlCache.ops[peerKey{fn, n}]
	if !ok {
		op = C.fr_dnnl_create(a.alg, C.float(a.alpha), C.float(a.beta), C.long(n), cBool(a.backward), cBool(a.clip01))
		dnnlCache.ops[peerKey{fn, n}] = op
	}
	dnnlCache.Unlock()
	if op == nil {
		return nil
	}
	return func(dst, grad, x []float32) {
		if len(dst) != n || len(x) != n {
			panic("bench: oneDNN primitive bound for another size")
		}
		if st := C.fr_dnnl_exec(op, cFloats(dst), cFloats(grad), cFloats(x)); st != 0 {
			panic(fmt.Sprintf("bench: oneDNN %s n=%d: status %d", fn, n, int(st)))
		}
	}
}

func cBool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

func cFloats(s []float32) *C.float { return (*C.float)(unsafe.Pointer(unsafe.SliceData(s))) }
