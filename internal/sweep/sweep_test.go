package sweep

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/fastrelu/fastrelu/internal/impl"
)

// TestSets checks the sets' patterns against their definitions, one by one.
func TestSets(t *testing.T) {
	p := make([]uint32, ChunkLen)
	for _, s := range []Set{Strided, StridedBy("coarse", 126883)} {
		var count int64
		var next int64 // the next multiple of the stride expected
		stride := int64(Stride)
		if s.Name == "coarse" {
			stride = 126883
		}
		for c := range s.Chunks {
			ps := s.Fill(c, p)
			for i, v := range ps {
				k := count + int64(i)
				if k < 1<<25 {
					want := uint32(k>>24&1)<<31 | uint32(k>>23&1)*0xff<<23 | uint32(k)&0x7fffff
					if v != want {
						t.Fatalf("%s: pattern %d = %#08x, want %#08x", s.Name, k, v, want)
					}
					continue
				}
				if int64(v) != next {
					t.Fatalf("%s: pattern %d = %#08x, want %#08x", s.Name, k, v, next)
				}
				next += stride
			}
			count += int64(len(ps))
		}
		if count != s.Count || next < 1<<32 || next-stride >= 1<<32 {
			t.Fatalf("%s: %d patterns (Count %d), last multiple %d", s.Name, count, s.Count, next-stride)
		}
	}
	ps := Full.Fill(Full.Chunks-1, p)
	if len(ps) != ChunkLen || ps[0] != 1<<32-ChunkLen || ps[ChunkLen-1] != 1<<32-1 {
		t.Fatalf("Full's last chunk: %#x..%#x", ps[0], ps[len(ps)-1])
	}
}

// negate is a made-up kernel for the engine's tests: dst = -src, as bits.
func negate(dst, src []float32) {
	for i := range dst {
		dst[i] = math.Float32frombits(math.Float32bits(src[i]) ^ 1<<31)
	}
}

func negateCase() Case {
	return Case{
		Name:   "negate",
		Inputs: 1,
		Run:    func(r impl.Impl, dst []float32, in [][]float32) { r.ReLU(dst, in[0]) },
		Reference: func(p []uint32, want, alt []uint32) {
			for i, v := range p {
				want[i], alt[i] = v^1<<31, v^1<<31
			}
		},
		Describe: func(p uint32) string { return fmt.Sprintf("src %#08x", p) },
	}
}

// wrongAt is negate but for the patterns in bad, where it gives +0.
func wrongAt(bad ...uint32) func(dst, src []float32) {
	return func(dst, src []float32) {
		for i := range dst {
			v := math.Float32bits(src[i])
			dst[i] = math.Float32frombits(v ^ 1<<31)
			if slices.Contains(bad, v) {
				dst[i] = 0
			}
		}
	}
}

// TestRun checks the engine on a made-up kernel: the verdict, the first
// bad chunk whatever the number of goroutines, paths that disagree, and the
// digest against its definition.
func TestRun(t *testing.T) {
	set := Prefix(Strided, 600)
	good := impl.Impl{Name: "good", ReLU: negate}
	for _, procs := range []int{1, 2, 5} {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res := Run(negateCase(), set, []impl.Impl{good, good}, Options{Digest: true})
		if res.BadChunk != -1 || !slices.Equal(res.Paths, []string{"good", "good"}) || res.Reference ||
			!slices.Equal(res.Ran, []int64{set.Count, set.Count}) {
			t.Fatalf("GOMAXPROCS %d, all good: %+v", procs, res)
		}
		// The digest, as defined: SHA-256 over the chunks' CRC-32C and
		// CRC-32 of the outputs' little-endian bits.
		var all []byte
		p := make([]uint32, ChunkLen)
		for c := range set.Chunks {
			var b []byte
			for _, v := range set.Fill(c, p) {
				b = binary.LittleEndian.AppendUint32(b, v^1<<31)
			}
			all = binary.LittleEndian.AppendUint32(all, crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))
			all = binary.LittleEndian.AppendUint32(all, crc32.ChecksumIEEE(b))
		}
		if res.Digest != sha256.Sum256(all) {
			t.Fatalf("GOMAXPROCS %d: the digest is not the one defined", procs)
		}

		// Wrong at a pattern of chunk 7 and one of chunk 500: chunk 7 is
		// reported, whatever the goroutines did.
		p7 := set.Fill(7, p)[3]
		p500 := set.Fill(500, p)[9]
		bad := impl.Impl{Name: "bad", ReLU: wrongAt(p500, p7)}
		res = Run(negateCase(), set, []impl.Impl{good, bad}, Options{})
		if res.BadChunk != 7 || len(res.Bad) != 1 || res.Bad[0].Path != "bad" || res.Bad[0].P != p7 ||
			res.Bad[0].Got != 0 || res.Bad[0].Want != p7^1<<31 {
			t.Fatalf("GOMAXPROCS %d, bad path: %+v", procs, res)
		}
		// As the first path too, found without the others' disagreement
		// only when the reference runs.
		res = Run(negateCase(), set, []impl.Impl{bad}, Options{})
		if res.BadChunk != -1 {
			t.Fatalf("GOMAXPROCS %d: one path, no reference: %+v", procs, res)
		}
		res = Run(negateCase(), set, []impl.Impl{bad}, Options{Reference: true})
		if res.BadChunk != 7 || len(res.Bad) != 1 {
			t.Fatalf("GOMAXPROCS %d: one path with the reference: %+v", procs, res)
		}
	}

	// Two paths that differ where the reference accepts both: one machine
	// must still give one answer.
	lax := negateCase()
	lax.Reference = func(p []uint32, want, alt []uint32) {
		for i, v := range p {
			want[i], alt[i] = v^1<<31, v^1<<31
			if v == 0x7f800005 {
				alt[i] = 0
			}
		}
	}
	other := impl.Impl{Name: "other", ReLU: wrongAt(0x7f800005)}
	res := Run(lax, set, []impl.Impl{good, other}, Options{})
	if len(res.Bad) != 1 || res.Bad[0].First != "good" || !strings.Contains(res.Bad[0].Describe(lax), "one answer") {
		t.Fatalf("paths that disagree within the reference: %+v", res)
	}

	// In place: chunk c runs on input c%(Inputs+1)-1; the outputs are the
	// same either way.
	var seen [3]int
	two := Case{
		Name:   "sum",
		Inputs: 2,
		Prepare: func(p []uint32, in [][]float32) {
			for i, v := range p {
				in[0][i], in[1][i] = math.Float32frombits(v), math.Float32frombits(v^1)
			}
		},
		Run: func(r impl.Impl, dst []float32, in [][]float32) {
			switch &dst[0] {
			case &in[0][0]:
				seen[1]++
			case &in[1][0]:
				seen[2]++
			default:
				seen[0]++
			}
			for i := range dst {
				dst[i] = math.Float32frombits(math.Float32bits(in[0][i]) ^ math.Float32bits(in[1][i]))
			}
		},
		Reference: func(p []uint32, want, alt []uint32) {
			for i := range p {
				want[i], alt[i] = 1, 1
			}
		},
		Describe: func(p uint32) string { return "" },
	}
	runtime.GOMAXPROCS(1)
	set = Prefix(Full, 9)
	if res := Run(two, set, []impl.Impl{good}, Options{Reference: true}); res.BadChunk != -1 || seen != [3]int{3, 3, 3} {
		t.Fatalf("in place: %+v, runs out of place / on input 0 / on input 1: %v", res, seen)
	}
}

// A chunk's checksum changes with any change confined to one output, here
// every single-bit flip and some wider ones, anywhere in the chunk.
func TestChecksumSeesOneWrongOutput(t *testing.T) {
	w := newWorker(negateCase(), 1)
	out := make([]float32, ChunkLen)
	for i := range out {
		out[i] = float32(i) * 0.37
	}
	var want, got [ChecksumSize]byte
	w.checksum(want[:], out)
	for _, i := range []int{0, 1, 777, ChunkLen / 2, ChunkLen - 1} {
		v := math.Float32bits(out[i])
		for _, flip := range []uint32{1, 1 << 22, 1 << 31, 0xffffffff, 0x80400001, v ^ 0x7fc00000} {
			out[i] = math.Float32frombits(v ^ flip)
			w.checksum(got[:], out)
			if got == want {
				t.Errorf("output %d with bits %#x flipped: the checksum did not change", i, flip)
			}
		}
		out[i] = math.Float32frombits(v)
	}
	w.checksum(got[:], out)
	if got != want {
		t.Fatal("the checksum of the same outputs changed")
	}
}
