//go:build peers && cgo && linux && (amd64 || arm64)

package bench

// XNNPACK (Debian's libxnnpack-dev, a 2022 snapshot) through its operator
// API: one operator per function and size (channels = n, one batch row),
// run with a NULL threadpool, which XNNPACK runs on the calling thread.
// That snapshot predates xnn_reshape_* and the unary-elementwise operator:
// its API is xnn_create_*_nc_f32, xnn_setup_*_nc_f32 (which takes the
// pointers) and xnn_run_operator. It has no hardsigmoid, tanh, GELU, mish,
// softplus, SiLU or gradients.
//
// Each call sets the operator up on the caller's slices, runs it, and sets
// it up again on NULL pointers, inside one cgo call, so that XNNPACK keeps
// no Go pointer after the call returns (the cgo rules); the timed call
// therefore includes two setups, which a C user with fixed buffers would
// set up once.

/*
#cgo LDFLAGS: -lXNNPACK -lpthreadpool
#include <xnnpack.h>

enum { fr_relu, fr_leaky, fr_relu6, fr_hardtanh, fr_hardswish, fr_sigmoid, fr_elu };

static xnn_operator_t fr_xnn_create(int kind, size_t n, float alpha) {
	xnn_operator_t op = NULL;
	enum xnn_status st;
	switch (kind) {
	case fr_relu: st = xnn_create_clamp_nc_f32(n, n, n, 0.0f, __builtin_inff(), 0, &op); break;
	case fr_leaky: st = xnn_create_leaky_relu_nc_f32(n, n, n, alpha, 0, &op); break;
	case fr_relu6: st = xnn_create_clamp_nc_f32(n, n, n, 0.0f, 6.0f, 0, &op); break;
	case fr_hardtanh: st = xnn_create_clamp_nc_f32(n, n, n, -1.0f, 1.0f, 0, &op); break;
	case fr_hardswish: st = xnn_create_hardswish_nc_f32(n, n, n, 0, &op); break;
	case fr_sigmoid: st = xnn_create_sigmoid_nc_f32(n, n, n, 0, &op); break;
	case fr_elu: st = xnn_create_elu_nc_f32(n, n, n, alpha, 0, &op); break;
	default: return NULL;
	}
	return st == xnn_status_success ? op : NULL;
}

static enum xnn_status fr_xnn_setup(int kind, xnn_operator_t op, const float *x, float *y) {
	switch (kind) {
	case fr_relu: case fr_relu6: case fr_hardtanh: return xnn_setup_clamp_nc_f32(op, 1, x, y, NULL);
	case fr_leaky: return xnn_setup_leaky_relu_nc_f32(op, 1, x, y, NULL);
	case fr_hardswish: return xnn_setup_hardswish_nc_f32(op, 1, x, y, NULL);
	case fr_sigmoid: return xnn_setup_sigmoid_nc_f32(op, 1, x, y, NULL);
	default: return xnn_setup_elu_nc_f32(op, 1, x, y, NULL);
	}
}

static int fr_xnn_run(int kind, xnn_operator_t op, float *y, const float *x) {
	enum xnn_status st = fr_xnn_setup(kind, op, x, y);
	if (st == xnn_status_success) st = xnn_run_operator(op, NULL);
	fr_xnn_setup(kind, op, NULL, NULL);
	return (int)st;
}
*/
import "C"

import (
	"fmt"
	"sync"
)

var xnnKinds = map[string]struct {
	kind  C.int
	alpha float32
}{
	"ReLU":      {C.fr_relu, 0},
	"LeakyReLU": {C.fr_leaky, Alpha},
	"ReLU6":     {C.fr_relu6, 0},
	"HardTanh":  {C.fr_hardtanh, 0},
	"HardSwish": {C.fr_hardswish, 0},
	"Sigmoid":   {C.fr_sigmoid, 0},
	"ELU":       {C.fr_elu, 1},
}

var xnnCache = struct {
	sync.Mutex
	ops map[peerKey]C.xnn_operator_t
}{ops: map[peerKey]C.xnn_operator_t{}}

func init() {
	if st := C.xnn_initialize(nil); st != C.xnn_status_success {
		panic(fmt.Sprintf("bench: xnn_initialize: status %d", int(st)))
	}
	cPeers = append(cPeers, &Peer{
		Name: "xnnpack",
		Note: "XNNPACK (Debian's 2022 snapshot) elementwise operators, NULL threadpool, made once per size",
		Bind: bindXNN,
	})
}

func bindXNN(fn string, n int) PeerKernel {
	k, ok := xnnKinds[fn]
	if !ok {
		return nil
	}
	xnnCache.Lock()
	op, ok := xnnCache.ops[peerKey{fn, n}]
	if !ok {
		op = C.fr_xnn_create(k.kind, C.size_t(n), C.float(k.alpha))
		xnnCache.ops[peerKey{fn, n}] = op
	}
	xnnCache.Unlock()
	if op == nil {
		return nil
	}
	return func(dst, _, x []float32) {
		if len(dst) != n || len(x) != n {
			panic("bench: XNNPACK operator bound for another size")
		}
		if st := C.fr_xnn_run(k.kind, op, cFloats(dst), cFloats(x)); st != C.xnn_status_success {
			panic(fmt.Sprintf("bench: XNNPACK %s n=%d: status %d", fn, n, int(st)))
		}
	}
}
