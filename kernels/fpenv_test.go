package kernels

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/fpenv"
	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/stretchr/testify/assert"
)

// The contract assumes Go's default floating-point environment (round to
// nearest even, subnormals kept), which Go code never changes. Foreign code
// (a cgo library) can leave flush-to-zero modes set on a thread: MXCSR.FTZ
// and DAZ on amd64, FPCR.FZ on arm64. The results are then what the CPU
// gives, and the paths may differ: the vector compares read a positive
// subnormal as 0 (so m(x) holds), the generic path tests bits and does not;
// products with a subnormal operand or result become ±0 on every path.
// TestFlushToZeroPinned pins today's outputs under those modes, row by row,
// so that a change (wanted or not) is noticed.

// ftzInputs are (v, x) pairs; LeakyReLU and ReLU take v alone.
var ftzInputs = [][2]uint32{
	{0x00000001, 0xbf800000}, // v: smallest positive subnormal; x = -1
	{0x007fffff, 0x00000001}, // v: largest subnormal; x: smallest positive subnormal
	{0x80000001, 0x807fffff}, // v: smallest negative subnormal; x: negative subnormal
	{0xb0800000, 0xbf800000}, // v = -2^-30: times alpha = 2^-100, a subnormal product; x = -1
	{0x3f800000, 0x00400000}, // v = 1; x: positive subnormal
	{0xbf800000, 0x3f800000}, // v = -1, x = 1
}

const ftzAlpha = 0x0d800000 // 2^-100

// pinnedFTZ: GOARCH/row -> kernel -> one output per ftzInputs row, under
// flush-to-zero (amd64: FTZ|DAZ, arm64: FZ). The vector paths read a positive
// subnormal x as 0, so m(x) holds (+0 for ReLU, alpha*0 for LeakyReLU); the
// generic path tests x's bits and passes it. Every path flushes products
// with a subnormal operand or result to ±0 (Go's multiplication runs under
// the same register).
var pinnedFTZ = map[string]map[string][]uint32{
	"amd64/avx512":  ftzVector,
	"amd64/avx2":    ftzVector,
	"amd64/generic": ftzGeneric,
	"arm64/neon":    ftzVector,
	"arm64/generic": ftzGeneric,
}

var ftzVector = map[string][]uint32{
	"ReLU":          {0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000},
	"LeakyReLU":     {0x00000000, 0x00000000, 0x80000000, 0x80000000, 0x3f800000, 0x8d800000},
	"ReLUGrad":      {0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0xbf800000},
	"LeakyReLUGrad": {0x00000000, 0x00000000, 0x80000000, 0x80000000, 0x0d800000, 0xbf800000},
}

var ftzGeneric = map[string][]uint32{
	"ReLU":          {0x00000001, 0x007fffff, 0x00000000, 0x00000000, 0x3f800000, 0x00000000},
	"LeakyReLU":     {0x00000001, 0x007fffff, 0x80000000, 0x80000000, 0x3f800000, 0x8d800000},
	"ReLUGrad":      {0x00000000, 0x007fffff, 0x00000000, 0x00000000, 0x3f800000, 0xbf800000},
	"LeakyReLUGrad": {0x00000000, 0x007fffff, 0x80000000, 0x80000000, 0x3f800000, 0xbf800000},
}

func TestFlushToZeroPinned(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	restore, ok := fpenv.FlushSubnormals()
	if !ok {
		t.Skip("this build cannot set the FP environment")
	}
	got := map[string]map[string][]uint32{}
	func() {
		defer restore()
		for _, r := range implementations {
			if !r.Available {
				continue
			}
			got[runtime.GOARCH+"/"+r.Name] = ftzOutputs(r)
		}
		got[runtime.GOARCH+"/public"] = ftzOutputs(impl.Public())
	}()
	if os.Getenv("FASTRELU_DUMP_FTZ") != "" {
		var b strings.Builder
		for row, ks := range got {
			fmt.Fprintf(&b, "%q: {\n", row)
			for _, k := range kerneltest.Kernels {
				fmt.Fprintf(&b, "\t%q: {", k.Name)
				for i, o := range ks[k.Name] {
					if i > 0 {
						b.WriteString(", ")
					}
					fmt.Fprintf(&b, "%#08x", o)
				}
				b.WriteString("},\n")
			}
			b.WriteString("},\n")
		}
		t.Log("\n" + b.String())
	}
	unpinned := map[string][]uint32{}
	for row, ks := range got {
		name := row[strings.Index(row, "/")+1:]
		want := pinnedFTZ[row]
		if name == "public" {
			want = pinnedFTZ[runtime.GOARCH+"/"+Implementation()]
		}
		if want == nil {
			t.Errorf("%s: nothing pinned", row)
			continue
		}
		for _, k := range kerneltest.Kernels {
			if want[k.Name] == nil {
				// Not pinned (a kernel newer than the pins): the rows that
				// share a pin table must at least agree with each other.
				group := fmt.Sprintf("%p", want)
				if first, ok := unpinned[group+k.Name]; ok {
					assert.Equal(t, hexes(first), hexes(ks[k.Name]), "%s %s under flush-to-zero, against the other rows of its kind", row, k.Name)
				} else {
					unpinned[group+k.Name] = ks[k.Name]
				}
				continue
			}
			assert.Equal(t, hexes(want[k.Name]), hexes(ks[k.Name]), "%s %s under flush-to-zero", row, k.Name)
		}
	}
}

// ftzOutputs runs each kernel of r over ftzInputs tiled to a length that
// reaches every path's vector body and tail, checks that every copy of an
// input gives the same output, and returns one output per input.
func ftzOutputs(r impl.Impl) map[string][]uint32 {
	const n = 3*16 + 5
	v, x := make([]float32, n), make([]float32, n)
	for i := range v {
		v[i] = math.Float32frombits(ftzInputs[i%len(ftzInputs)][0])
		x[i] = math.Float32frombits(ftzInputs[i%len(ftzInputs)][1])
	}
	out := map[string][]uint32{}
	for _, k := range kerneltest.Kernels {
		xs := x
		if !k.Grad {
			xs = v
		}
		dst := make([]float32, n)
		k.Call(r, dst, v, xs, math.Float32frombits(ftzAlpha))
		res := make([]uint32, len(ftzInputs))
		for i := range dst {
			b := math.Float32bits(dst[i])
			if i < len(ftzInputs) {
				res[i] = b
			} else if b != res[i%len(ftzInputs)] {
				res[i%len(ftzInputs)] = 0xdeadbeef // lanes disagree: never pinned
			}
		}
		out[k.Name] = res
	}
	return out
}

func hexes(s []uint32) []string {
	h := make([]string, len(s))
	for i, b := range s {
		h[i] = fmt.Sprintf("%#08x", b)
	}
	return h
}
