package fuzz

import (
	"fmt"
	"math"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/fastrelu/fastrelu/internal/sweep"
)

// TestLayerSweep is TestSweep for the elementwise part of the layer
// kernels: every float32 bit pattern p as src, through BiasReLU,
// BiasLeakyReLU and PReLU on every path and the public functions, against
// layer_reference_test.go, for a set of bias and slope values: each config
// broadcasts one value over 16 columns, or 16 different ones ("mixed", each
// pattern then meets the value of its column). The chunks are matrices of
// 16 columns (a short last chunk of the strided set ends with a one-column
// call); chunks run out of place and in place in turn. It shares
// TestSweep's engine, modes and digests (sweep_runner_test.go).
//
// The gradient kernels' elementwise part is LeakyReLUGrad's, which
// TestSweep covers; their sums are covered by the fuzz targets and the
// kernels' tests.
func TestLayerSweep(t *testing.T) {
	runCases(t, "layer sweep", layerSweepCases())
}

const layerSweepCols = 16

type layerSweepConfig struct {
	name  string
	kind  layerKind
	alpha uint32
	par   [layerSweepCols]uint32
}

func broadcast(v uint32) (p [layerSweepCols]uint32) {
	for j := range p {
		p[j] = v
	}
	return p
}

// mixedValues: zeros, subnormals, infinities, NaNs (quiet and signaling)
// and ordinary values, one per column.
var mixedValues = [layerSweepCols]uint32{
	0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xff812345,
	0x3e800000, 0xbe99999a, 0x3f800000, 0xbfc00000, 0x7f7fffff, 0x0da24260, 0x40000000, 0x3c23d70a,
}

var layerSweepConfigs = []layerSweepConfig{
	{"BiasReLU_b=+0", lkBiasReLU, 0, broadcast(0)},
	{"BiasReLU_b=-1.5", lkBiasReLU, 0, broadcast(0xbfc00000)},
	{"BiasReLU_b=mixed", lkBiasReLU, 0, mixedValues},
	{"BiasLeakyReLU_a=0.01_b=-0", lkBiasLeakyReLU, 0x3c23d70a, broadcast(signBit)},
	{"BiasLeakyReLU_a=0.01_b=+0", lkBiasLeakyReLU, 0x3c23d70a, broadcast(0)},
	{"BiasLeakyReLU_a=0.01_b=0.5", lkBiasLeakyReLU, 0x3c23d70a, broadcast(0x3f000000)},
	{"BiasLeakyReLU_a=-0.3_b=-1", lkBiasLeakyReLU, 0xbe99999a, broadcast(minusOne)},
	{"BiasLeakyReLU_a=0.2_b=minsub", lkBiasLeakyReLU, 0x3e4ccccd, broadcast(1)},
	{"BiasLeakyReLU_a=0.2_b=-3e38", lkBiasLeakyReLU, 0x3e4ccccd, broadcast(0xff61d7a5)},
	{"BiasLeakyReLU_a=0.2_b=mixed", lkBiasLeakyReLU, 0x3e4ccccd, mixedValues},
	{"PReLU_s=0.25", lkPReLU, 0, broadcast(0x3e800000)},
	{"PReLU_s=-0.3", lkPReLU, 0, broadcast(0xbe99999a)},
	{"PReLU_s=mixed", lkPReLU, 0, mixedValues},
}

// layerSweepCases are TestLayerSweep's configurations as engine cases.
func layerSweepCases() []sweep.Case {
	var cs []sweep.Case
	configs := layerSweepConfigs
	// Every other activation's forward with the bias fused in, against its
	// description's contract, with one bias value of each kind per column
	// (and the tests' scalar 1: HardTanh on [-1, 1]).
	for i, k := range kerneltest.LayerKernels {
		if k.Bias && !swept[k.Activation] {
			configs = append(configs, layerSweepConfig{k.Name + "_b=mixed", layerKind(i), sweptScalar(k.Leaky), mixedValues})
			if k.Rounded {
				genericOnly[k.Name+"_b=mixed"] = true
			}
			if k.Checked && !k.Rounded {
				vectorOnly[k.Name+"_b=mixed"] = true
				fullOnRequest[k.Name+"_b=mixed"] = true
			}
		}
	}
	for _, cfg := range configs {
		par := make([]float32, layerSweepCols)
		for j, v := range cfg.par {
			par[j] = math.Float32frombits(v)
		}
		alpha := math.Float32frombits(cfg.alpha)
		k := kerneltest.LayerKernels[cfg.kind]
		cs = append(cs, sweep.Case{
			Name:   cfg.name,
			Inputs: 1,
			Run: func(r impl.Impl, dst []float32, in [][]float32) {
				n := len(dst)
				body := n - n%layerSweepCols
				k.Call(r, dst[:body], nil, in[0][:body], nil, par, alpha)
				if body < n {
					k.Call(r, dst[body:], nil, in[0][body:], nil, par[:1], alpha)
				}
			},
			Reference: func(p []uint32, want, alt []uint32) {
				body := len(p) - len(p)%layerSweepCols
				for i, v := range p {
					j := 0
					if i < body {
						j = i % layerSweepCols
					}
					switch cfg.kind {
					case lkBiasReLU:
						want[i], alt[i] = refReLU(refAdd(v, cfg.par[j])), refReLU(altAdd(v, cfg.par[j]))
					case lkBiasLeakyReLU:
						want[i], alt[i] = refLeakyReLU(refAdd(v, cfg.par[j]), cfg.alpha), refLeakyReLU(altAdd(v, cfg.par[j]), cfg.alpha)
					case lkPReLU:
						want[i] = refLeakyReLU(v, cfg.par[j])
						alt[i] = want[i]
					default:
						want[i] = refContract(k.Ref, refAdd(v, cfg.par[j]), 0, cfg.alpha)
						alt[i] = refContract(k.Ref, altAdd(v, cfg.par[j]), 0, cfg.alpha)
					}
				}
			},
			Describe: func(p uint32) string { return fmt.Sprintf("src %#08x", p) },
		})
	}
	return cs
}
