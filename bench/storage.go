package bench

import (
	"testing"

	"github.com/fastrelu/fastrelu/kernels/bf16"
	"github.com/fastrelu/fastrelu/kernels/f16"
	"github.com/fastrelu/fastrelu/kernels/f64"
)

// # Storage types
//
// The storage cases run every function of the peer cases (HardPeerFuncs,
// SmoothPeerFuncs) on each element type the library has: package kernels
// on float32, kernels/bf16 and kernels/f16 on their bits, kernels/f64 on
// float64 (the functions it has), each beside
// copy() of the same bytes (dst = src, n elements of the type):
//
//	go test -run '^$' -bench 'Storage' -count 6 ./bench > storage.txt
//	benchstat -col /type -row /fn storage.txt
//
// Names read BenchmarkStorage/fn=ReLU/type=bfloat16/n=4096, and
// fn=copy for copy(); every case is hot and reports ns/elem. The inputs are
// the peer cases', uniform in [-1, 1), narrowed to the type.

// StorageType is an element type the kernels run on.
type StorageType struct {
	Name string // the type= value in benchmark names
	Size int    // bytes per element
	// Bind returns a function that runs fn (a PeerFunc's name, or "copy")
	// once on n elements of its own buffers, or nil if the type lacks fn.
	Bind func(fn string, n int) func()
}

// StorageTypes are the element types, float32 first.
var StorageTypes = []StorageType{
	{Name: "float32", Size: 4, Bind: bindFloat32},
	{Name: "bfloat16", Size: 2, Bind: func(fn string, n int) func() { return bf16Funcs.bind(fn, n) }},
	{Name: "float16", Size: 2, Bind: func(fn string, n int) func() { return f16Funcs.bind(fn, n) }},
	{Name: "float64", Size: 8, Bind: bindFloat64},
}

// StorageSizes are the element counts of the storage cases: one in L1, and
// one far beyond the caches where the 16-bit types move half the bytes.
var StorageSizes = []int{4096, 16 << 20}

func bindFloat32(fn string, n int) func() {
	src, grad, dst := Buffers(n)
	src, grad = src[:n], grad[:n]
	if fn == "copy" {
		return func() { copy(dst, src) }
	}
	f := fastreluPeer.Bind(fn, n)
	if f == nil {
		return nil
	}
	return func() { f(dst, grad, src) }
}

// float64Buffers are the peer cases' inputs widened to float64, for the
// last n asked for, and a dst.
var float64Buffers struct{ src, grad, dst []float64 }

var float64Funcs = map[string]func(dst, grad, x []float64){
	"ReLU": func(dst, _, x []float64) { f64.ReLU(dst, x) }, "ReLU6": func(dst, _, x []float64) { f64.ReLU6(dst, x) },
	"HardSigmoid": func(dst, _, x []float64) { f64.HardSigmoid(dst, x) },
	"HardSwish":   func(dst, _, x []float64) { f64.HardSwish(dst, x) },
	"LeakyReLU":   func(dst, _, x []float64) { f64.LeakyReLU(dst, x, Alpha) },
	"HardTanh":    func(dst, _, x []float64) { f64.HardTanh(dst, x, -1, 1) },
	"ReLUGrad":    f64.ReLUGrad, "ReLU6Grad": f64.ReLU6Grad, "HardSigmoidGrad": f64.HardSigmoidGrad,
	"HardSwishGrad": f64.HardSwishGrad,
	"LeakyReLUGrad": func(dst, grad, x []float64) { f64.LeakyReLUGrad(dst, grad, x, Alpha) },
	"HardTanhGrad":  func(dst, grad, x []float64) { f64.HardTanhGrad(dst, grad, x, -1, 1) },
	"Sigmoid":       func(dst, _, x []float64) { f64.Sigmoid(dst, x) },
	"Tanh":          func(dst, _, x []float64) { f64.Tanh(dst, x) },
	"SiLU":          func(dst, _, x []float64) { f64.SiLU(dst, x) },
	"GELU":          func(dst, _, x []float64) { f64.GELU(dst, x) },
	"GELUTanh":      func(dst, _, x []float64) { f64.GELUTanh(dst, x) },
	"ELU":           func(dst, _, x []float64) { f64.ELU(dst, x, 1) },
	"Softplus":      func(dst, _, x []float64) { f64.Softplus(dst, x) },
	"Mish":          func(dst, _, x []float64) { f64.Mish(dst, x) },
}

func bindFloat64(fn string, n int) func() {
	f := float64Funcs[fn]
	if f == nil && fn != "copy" {
		return nil
	}
	b := &float64Buffers
	if len(b.src) != n {
		b.src, b.grad, b.dst = nil, nil, nil // let the old ones go first
		s32, g32, _ := Buffers(n)
		b.src, b.grad, b.dst = make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			b.src[i], b.grad[i] = float64(s32[i]), float64(g32[i])
		}
		copy(b.dst, b.src)
	}
	src, grad, dst := b.src, b.grad, b.dst
	if fn == "copy" {
		return func() { copy(dst, src) }
	}
	return func() { f(dst, grad, src) }
}

// halfFuncs are a 16-bit storage package's functions of the peer cases.
type halfFuncs[T ~uint16] struct {
	fromFloat32s func(dst []T, src []float32)
	forward      map[string]func(dst, src []T)
	gradient     map[string]func(dst, grad, x []T)
	buffers      *halfBuffers[T]
}

// halfBuffers are the peer cases' inputs narrowed to T, for the last n
// asked for, and a dst, every page of them written once.
type halfBuffers[T ~uint16] struct{ src, grad, dst []T }

// bind returns fn on the peer cases' inputs narrowed to T.
func (h halfFuncs[T]) bind(fn string, n int) func() {
	f, g := h.forward[fn], h.gradient[fn]
	if f == nil && g == nil && fn != "copy" {
		return nil
	}
	b := h.buffers
	if len(b.src) != n {
		b.src, b.grad, b.dst = nil, nil, nil // let the old ones go first
		s32, g32, _ := Buffers(n)
		b.src, b.grad, b.dst = make([]T, n), make([]T, n), make([]T, n)
		h.fromFloat32s(b.src, s32[:n])
		h.fromFloat32s(b.grad, g32[:n])
		copy(b.dst, b.src)
	}
	src, grad, dst := b.src, b.grad, b.dst
	switch {
	case fn == "copy":
		return func() { copy(dst, src) }
	case f != nil:
		return func() { f(dst, src) }
	}
	return func() { g(dst, grad, src) }
}

var bf16Funcs = halfFuncs[bf16.Bits]{
	fromFloat32s: bf16.FromFloat32s,
	buffers:      &halfBuffers[bf16.Bits]{},
	forward: map[string]func(dst, src []bf16.Bits){
		"ReLU": bf16.ReLU, "ReLU6": bf16.ReLU6, "HardSigmoid": bf16.HardSigmoid, "HardSwish": bf16.HardSwish,
		"LeakyReLU": func(dst, src []bf16.Bits) { bf16.LeakyReLU(dst, src, Alpha) },
		"HardTanh":  func(dst, src []bf16.Bits) { bf16.HardTanh(dst, src, -1, 1) },
		"ELU":       func(dst, src []bf16.Bits) { bf16.ELU(dst, src, 1) },
		"Sigmoid":   bf16.Sigmoid, "Tanh": bf16.Tanh, "GELU": bf16.GELU, "GELUTanh": bf16.GELUTanh,
		"Softplus": bf16.Softplus, "Mish": bf16.Mish, "SiLU": bf16.SiLU,
	},
	gradient: map[string]func(dst, grad, x []bf16.Bits){
		"ReLUGrad": bf16.ReLUGrad, "ReLU6Grad": bf16.ReLU6Grad, "HardSigmoidGrad": bf16.HardSigmoidGrad,
		"HardSwishGrad": bf16.HardSwishGrad,
		"LeakyReLUGrad": func(dst, grad, x []bf16.Bits) { bf16.LeakyReLUGrad(dst, grad, x, Alpha) },
		"HardTanhGrad":  func(dst, grad, x []bf16.Bits) { bf16.HardTanhGrad(dst, grad, x, -1, 1) },
	},
}

var f16Funcs = halfFuncs[f16.Bits]{
	fromFloat32s: f16.FromFloat32s,
	buffers:      &halfBuffers[f16.Bits]{},
	forward: map[string]func(dst, src []f16.Bits){
		"ReLU": f16.ReLU, "ReLU6": f16.ReLU6, "HardSigmoid": f16.HardSigmoid, "HardSwish": f16.HardSwish,
		"LeakyReLU": func(dst, src []f16.Bits) { f16.LeakyReLU(dst, src, Alpha) },
		"HardTanh":  func(dst, src []f16.Bits) { f16.HardTanh(dst, src, -1, 1) },
		"ELU":       func(dst, src []f16.Bits) { f16.ELU(dst, src, 1) },
		"Sigmoid":   f16.Sigmoid, "Tanh": f16.Tanh, "GELU": f16.GELU, "GELUTanh": f16.GELUTanh,
		"Softplus": f16.Softplus, "Mish": f16.Mish, "SiLU": f16.SiLU,
	},
	gradient: map[string]func(dst, grad, x []f16.Bits){
		"ReLUGrad": f16.ReLUGrad, "ReLU6Grad": f16.ReLU6Grad, "HardSigmoidGrad": f16.HardSigmoidGrad,
		"HardSwishGrad": f16.HardSwishGrad,
		"LeakyReLUGrad": func(dst, grad, x []f16.Bits) { f16.LeakyReLUGrad(dst, grad, x, Alpha) },
		"HardTanhGrad":  func(dst, grad, x []f16.Bits) { f16.HardTanhGrad(dst, grad, x, -1, 1) },
	},
}

// releaseStorage drops the 16-bit buffers (Release).
func releaseStorage() {
	*bf16Funcs.buffers = halfBuffers[bf16.Bits]{}
	*f16Funcs.buffers = halfBuffers[f16.Bits]{}
	float64Buffers.src, float64Buffers.grad, float64Buffers.dst = nil, nil, nil
}

// RunStorage measures f, one call on n elements, reporting ns/elem.
func RunStorage(b *testing.B, f func(), n int) {
	b.ReportAllocs()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/elem")
}

// StorageFuncs are the names the storage cases run: copy, then every
// function of the peer cases.
func StorageFuncs() []string {
	names := []string{"copy"}
	for _, f := range HardPeerFuncs {
		names = append(names, f.Name)
	}
	for _, f := range SmoothPeerFuncs {
		names = append(names, f.Name)
	}
	return names
}
