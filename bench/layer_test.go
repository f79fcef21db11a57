package bench

import (
	"flag"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
)

// The layer contenders must compute what the fused kernels compute, or the
// ratios mean nothing: the unfused two passes and every row give the public
// fused function's bits, dst and dbias (dslope) alike, on ordinary random
// data. The kernels' contract itself (special values, every path against
// independent references) is tested in package kernels and package fuzz.

// layerShapesToCheck are small shapes around the vector widths, and the
// benchmark shapes up to 256Ki elements (the larger ones take seconds under
// qemu and check nothing more).
func layerShapesToCheck() []Shape {
	var ss []Shape
	for _, rows := range []int{0, 1, 2, 5} {
		for _, cols := range []int{1, 3, 8, 16, 17, 33} {
			ss = append(ss, Shape{rows, cols})
		}
	}
	for _, s := range LayerShapes {
		if s.N() <= 1<<18 {
			ss = append(ss, s)
		}
	}
	return ss
}

// callLayer runs kernel k of c on the arguments: v is bias or slope, dv
// dbias or dslope, y the forward output (or x).
func callLayer(c *LayerContender, k LayerKernel, dst, dv, src, grad, v []float32) {
	switch k {
	case BiasReLU:
		c.BiasReLU(dst, src, v)
	case BiasLeakyReLU:
		c.BiasLeakyReLU(dst, src, v, Alpha)
	case ReLUGradBias:
		c.ReLUGradBias(dst, dv, grad, src)
	case LeakyReLUGradBias:
		c.LeakyReLUGradBias(dst, dv, grad, src, Alpha)
	case PReLU:
		c.PReLU(dst, src, v)
	case PReLUGrad:
		c.PReLUGrad(dst, dv, grad, src, v)
	}
}

func TestLayerContenders(t *testing.T) {
	cs := LayerContenders()
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	if !slices.Contains(names, "generic") || !slices.Contains(names, "fused") ||
		!slices.Contains(names, "unfused") || !slices.Contains(names, "single-pass") {
		t.Fatalf("LayerContenders() = %v: want the generic row, fused, unfused and single-pass", names)
	}
	fused := &fusedContender
	r := rand.New(rand.NewPCG(7, 8))
	for _, c := range cs {
		if c.Role == Roofline || c.Role == Public {
			continue // the single pass computes something else; fused is the reference
		}
		t.Run(c.Name, func(t *testing.T) {
			for _, k := range LayerKernels {
				if !c.Has(k) {
					continue
				}
				for _, s := range layerShapesToCheck() {
					n := s.N()
					src, grad := inputs(r, n, false), inputs(r, n, false)
					v := inputs(r, s.Cols, false)
					if k == PReLU || k == PReLUGrad {
						for j := range v {
							v[j] = float32(math.Abs(float64(v[j]))) / 2
						}
					}
					dv0 := inputs(r, s.Cols, false) // the sums accumulate into what is there
					want, wantDv := make([]float32, n), slices.Clone(dv0)
					callLayer(fused, k, want, wantDv, src, grad, v)
					got, gotDv := make([]float32, n), slices.Clone(dv0)
					callLayer(&c, k, got, gotDv, src, grad, v)
					kerneltest.EqualBits(t, want, got, "%s %s dst (against fused)", k, s)
					if k.Gradient() {
						kerneltest.EqualBits(t, wantDv, gotDv, "%s %s dbias (against fused)", k, s)
					}
				}
			}
		})
	}
}

// TestLayerHas: the unfused way exists for the four bias kernels only, the
// fused and the single pass for all six.
func TestLayerHas(t *testing.T) {
	for _, k := range LayerKernels {
		if !fusedContender.Has(k) || !singlePassContender.Has(k) {
			t.Errorf("fused or single-pass lacks %s", k)
		}
		if want := k != PReLU && k != PReLUGrad; unfusedContender.Has(k) != want {
			t.Errorf("unfused.Has(%s) = %v, want %v", k, !want, want)
		}
	}
	if got := BiasLeakyReLU.Bytes(Shape{1024, 256}); got != 8*1024*256+4*256 {
		t.Errorf("BiasLeakyReLU bytes at 1024x256 = %d", got)
	}
	if got := LeakyReLUGradBias.Bytes(Shape{4096, 16}); got != 12*4096*16+8*16 {
		t.Errorf("LeakyReLUGradBias bytes at 4096x16 = %d", got)
	}
}

// TestRunLayer checks what RunLayer hands the contender on each call: the
// shape's lengths, the same inputs every call, and, for a gradient kernel, a
// zeroed dbias (except for the single pass).
func TestRunLayer(t *testing.T) {
	bt := flag.Lookup("test.benchtime")
	defer bt.Value.Set(bt.Value.String())
	if err := bt.Value.Set("20x"); err != nil {
		t.Fatal(err)
	}
	s := Shape{5, 17}
	for _, role := range []Role{Public, Roofline} {
		calls := 0
		var first *float32
		c := &LayerContender{Name: "probe", Role: role, LeakyReLUGradBias: func(dst, dbias, grad, y []float32, alpha float32) {
			calls++
			if len(dst) != s.N() || len(grad) != s.N() || len(y) != s.N() || len(dbias) != s.Cols || alpha != Alpha {
				t.Fatalf("lengths %d %d %d %d, alpha %g", len(dst), len(grad), len(y), len(dbias), alpha)
			}
			if first == nil {
				first = &y[0]
			} else if first != &y[0] {
				t.Fatalf("call %d read other inputs", calls)
			}
			for j, v := range dbias {
				if role != Roofline && v != 0 {
					t.Fatalf("call %d: dbias[%d] = %g, want a zeroed dbias", calls, j, v)
				}
				dbias[j] = 1
			}
		}}
		if r := testing.Benchmark(func(b *testing.B) { RunLayer(b, LeakyReLUGradBias, c, s) }); r.N == 0 || calls < 20 {
			t.Fatalf("role %d: %d calls", role, calls)
		}
	}
	Release()
}

// TestLayerContendersRows: a row without layer kernels yet is left out, a
// row with some of them stands in the tables of those only, and a row the
// CPU cannot run is left out.
func TestLayerContendersRows(t *testing.T) {
	g := impl.Generic()
	partial := impl.Impl{Name: "partial", Available: true, ReLU: g.ReLU, BiasLeakyReLU: g.BiasLeakyReLU, PReLUGrad: g.PReLUGrad}
	defer impl.Replace([]impl.Impl{
		{Name: "none", Available: true, ReLU: g.ReLU},
		partial,
		{Name: "absent", Available: false, BiasLeakyReLU: g.BiasLeakyReLU},
		g,
	})()
	var names []string
	var p *LayerContender
	cs := LayerContenders()
	for i := range cs {
		names = append(names, cs[i].Name)
		if cs[i].Name == "partial" {
			p = &cs[i]
		}
	}
	if want := []string{"partial", g.Name, "fused", "unfused", "single-pass"}; !slices.Equal(names, want) {
		t.Fatalf("LayerContenders() = %v, want %v", names, want)
	}
	for _, k := range LayerKernels {
		if want := k == BiasLeakyReLU || k == PReLUGrad; p.Has(k) != want {
			t.Errorf("partial.Has(%s) = %v, want %v", k, !want, want)
		}
	}
}
