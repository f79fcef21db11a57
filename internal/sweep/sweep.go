// Package sweep is the engine of the exhaustive proofs: it puts float32 bit
// patterns, all 2^32 of them or a strided subset, through one kernel
// configuration (a Case) on every path in a single pass. Each chunk of
// patterns is prepared once, run on every path, the outputs compared with
// each other bit for bit, and hashed once; the reference of a chunk is
// computed only when asked for or when the paths disagree. On all cores,
// chunks in any order, with a deterministic verdict: the chunk reported is
// the first one, in input order, where anything is wrong.
//
// The engine knows nothing of the contract: each Case brings its reference,
// written from the contract by the caller (package fuzz), so the engine can
// be shared by every kernel without sharing what checks it.
//
// The digest of a set of outputs is defined so that it can be computed on
// many cores and recomputed by anyone: the SHA-256 of the concatenated
// checksums of each chunk's outputs (ChunkLen outputs, their bits in
// little-endian order), chunks in input order. A chunk's checksum is its
// CRC-32C then its CRC-32 (IEEE), each little-endian: 64 bits from two
// polynomials, which a CPU computes many times faster than SHA-256 (the
// hash was most of a full sweep's time). A CRC detects every change
// confined to 32 consecutive bits, so a chunk with one wrong output always
// changes the digest; another change goes unseen only if its error
// polynomial is a multiple of both generators, about one chance in 2^64
// for a change not built for it. The digests guard against mistakes, not
// against an adversary.
package sweep

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/fastrelu/fastrelu/internal/impl"
)

// ChunkLen is the number of patterns in a chunk: one kernel call each, small
// enough that the patterns, inputs, every path's outputs and the reference
// stay in a core's L2 cache.
const ChunkLen = 1 << 14

// ChecksumSize is the length of a chunk's checksum in the digest.
const ChecksumSize = 8

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// A Set enumerates bit patterns in chunks: Fill writes chunk c's patterns
// into p (of capacity ChunkLen) and returns them.
type Set struct {
	Name   string
	Chunks int
	Count  int64
	Fill   func(c int, p []uint32) []uint32
}

// Full is every float32 bit pattern, in order.
var Full = Set{"full", 1 << 32 / ChunkLen, 1 << 32, func(c int, p []uint32) []uint32 {
	p = p[:ChunkLen]
	base := uint32(c) * ChunkLen
	for i := range p {
		p[i] = base | uint32(i)
	}
	return p
}}

// Stride is the step of the strided set: a prime, so that its multiples
// meet every residue of the significand's low bits.
const Stride = 4093

// specialChunks hold the 2^25 patterns with exponent 0 or 255.
const specialChunks = 1 << 25 / ChunkLen

// Strided is every pattern with exponent 0 or 255 (zeros, subnormals,
// infinities, NaNs: 2^25 patterns), then every multiple of Stride.
var Strided = StridedBy("strided", Stride)

// StridedBy is the set of every pattern with exponent 0 or 255, then every
// multiple of stride below 2^32.
func StridedBy(name string, stride int) Set {
	count := int((1<<32 + int64(stride) - 1) / int64(stride))
	return Set{name, specialChunks + (count+ChunkLen-1)/ChunkLen, 1<<25 + int64(count),
		func(c int, p []uint32) []uint32 {
			if c < specialChunks {
				// j = c*ChunkLen + i counts sign, exponent 0 or 255, then
				// significand: within a chunk only the significand moves.
				j := uint32(c * ChunkLen)
				hi := j>>24&1<<31 | j>>23&1*0xff<<23 | j&0x7fffff
				p = p[:ChunkLen]
				for i := range p {
					p[i] = hi + uint32(i)
				}
				return p
			}
			k0 := (c - specialChunks) * ChunkLen
			p = p[:min(ChunkLen, count-k0)]
			for i := range p {
				p[i] = uint32(k0+i) * uint32(stride) // below 2^32: k0+i < count
			}
			return p
		}}
}

// Every is every multiple of stride below 2^32 and nothing else: a sample
// for kernels too slow for Strided's 2^25 special patterns under emulation.
func Every(name string, stride int) Set {
	count := int((1<<32 + int64(stride) - 1) / int64(stride))
	return Set{name, (count + ChunkLen - 1) / ChunkLen, int64(count), func(c int, p []uint32) []uint32 {
		k0 := c * ChunkLen
		p = p[:min(ChunkLen, count-k0)]
		for i := range p {
			p[i] = uint32(k0+i) * uint32(stride)
		}
		return p
	}}
}

// Prefix is the first chunks of s, for a timing probe.
func Prefix(s Set, chunks int) Set {
	chunks = min(chunks, s.Chunks)
	count := int64(0)
	p := make([]uint32, ChunkLen)
	for c := range chunks {
		count += int64(len(s.Fill(c, p)))
	}
	return Set{s.Name + "-prefix", chunks, count, s.Fill}
}

// A Case is one kernel configuration: how its inputs come from the
// patterns, how a path runs it, and what the contract says it gives.
type Case struct {
	Name string
	// Inputs is how many input slices the kernel reads.
	Inputs int
	// Prepare writes the inputs of patterns p: in[k][i] belongs to p[i].
	// Nil means one input, the patterns themselves as float32.
	Prepare func(p []uint32, in [][]float32)
	// Run calls the kernel on path r. dst is either a slice of its own or
	// one of in (the engine alternates chunk by chunk), and in is the
	// caller's copy, so the kernel may run in place.
	Run func(r impl.Impl, dst []float32, in [][]float32)
	// Reference writes, for each pattern p[i], the output the contract
	// gives into want[i], and into alt[i] a second acceptable output where
	// the contract leaves a NaN open (want[i] again where it does not).
	Reference func(p []uint32, want, alt []uint32)
	// Describe names the inputs of pattern p in a report.
	Describe func(p uint32) string
}

// Options choose what a run does beyond comparing the paths.
type Options struct {
	// Reference checks every output against the Case's reference. Without
	// it the reference runs only on chunks where the paths disagree.
	Reference bool
	// Digest computes the digest of the outputs.
	Digest bool
}

// A Mismatch is one wrong output: on path Path, pattern P gave Got where
// the reference (or, when the reference accepts both, the first path)
// gives Want.
type Mismatch struct {
	Path         string
	P, Got, Want uint32
	// First names the first path when Want is its output: Got differs
	// from it, though the reference accepts both.
	First string
}

// Result is the verdict of a run.
type Result struct {
	Paths     []string // the paths asked for, in order
	Ran       []int64  // how many patterns each path ran: Patterns each, unless a bad chunk stopped the run
	Patterns  int64
	Digest    [sha256.Size]byte // when Options.Digest and every path agreed everywhere
	Reference bool              // whether the reference checked every output
	// BadChunk is the first chunk, in input order, with a mismatch, and
	// Bad its mismatches (every one in that chunk, path by path); -1 and
	// nil when there is none.
	BadChunk int
	Bad      []Mismatch
	Elapsed  time.Duration
}

// hostLittleEndian tells whether float32 slices are laid out as the digest
// wants them, so that they can be hashed without a copy.
var hostLittleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

func asBytes(f []float32) []byte {
	if len(f) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&f[0])), 4*len(f))
}

// Run sweeps cs over set on every path of paths (at least one), on
// GOMAXPROCS goroutines.
func Run(cs Case, set Set, paths []impl.Impl, opt Options) Result {
	start := time.Now()
	if len(paths) == 0 {
		panic("sweep: no path to run")
	}
	res := Result{Patterns: set.Count, Reference: opt.Reference, BadChunk: -1}
	for _, r := range paths {
		res.Paths = append(res.Paths, r.Name)
	}
	res.Ran = make([]int64, len(paths))
	var (
		next    atomic.Int64
		minBad  atomic.Int64 // chunks past the first bad one found so far are not worth running
		mu      sync.Mutex
		digests []byte
		wg      sync.WaitGroup
	)
	minBad.Store(int64(set.Chunks))
	if opt.Digest {
		digests = make([]byte, set.Chunks*ChecksumSize)
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(cs, len(paths))
			for {
				c := int(next.Add(1) - 1)
				if c >= set.Chunks || int64(c) > minBad.Load() {
					mu.Lock()
					for k, n := range w.ran {
						res.Ran[k] += n
					}
					mu.Unlock()
					return
				}
				out, bad := w.chunk(cs, set, c, paths, opt)
				if opt.Digest {
					w.checksum(digests[c*ChecksumSize:(c+1)*ChecksumSize], out)
				}
				if bad != nil {
					mu.Lock()
					if res.BadChunk < 0 || c < res.BadChunk {
						res.BadChunk, res.Bad = c, bad
						minBad.Store(int64(c))
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if opt.Digest && res.BadChunk < 0 {
		res.Digest = sha256.Sum256(digests)
	}
	res.Elapsed = time.Since(start)
	return res
}

// worker holds one goroutine's buffers: the patterns, the pristine inputs,
// the copies a path may overwrite, each path's output, the reference.
type worker struct {
	p         []uint32
	in        [][]float32
	work      [][][]float32 // work[k]: path k's copy of the inputs, for a chunk run in place
	out       [][]float32
	want, alt []uint32
	le        []byte // the first path's output in little-endian order, on big-endian hosts
	// Slices of the above for the chunk at hand, kept to allocate nothing per chunk.
	cin, cwork, couts [][]float32
	ran               []int64 // patterns run, per path
}

func newWorker(cs Case, paths int) *worker {
	w := &worker{p: make([]uint32, ChunkLen), want: make([]uint32, ChunkLen), alt: make([]uint32, ChunkLen)}
	for range cs.Inputs {
		w.in = append(w.in, make([]float32, ChunkLen))
	}
	for range paths {
		w.out = append(w.out, make([]float32, ChunkLen))
		var work [][]float32
		for range cs.Inputs {
			work = append(work, make([]float32, ChunkLen))
		}
		w.work = append(w.work, work)
	}
	if !hostLittleEndian {
		w.le = make([]byte, 4*ChunkLen)
	}
	w.cin, w.cwork, w.couts = make([][]float32, cs.Inputs), make([][]float32, cs.Inputs), make([][]float32, paths)
	w.ran = make([]int64, paths)
	return w
}

// chunk runs chunk c on every path and returns the first path's outputs
// and the chunk's mismatches, if any.
// Chunk c runs out of place when c%(Inputs+1) is 0, and in place on input
// c%(Inputs+1)-1 otherwise.
func (w *worker) chunk(cs Case, set Set, c int, paths []impl.Impl, opt Options) ([]float32, []Mismatch) {
	ps := set.Fill(c, w.p)
	n := len(ps)
	in := w.cin
	if cs.Prepare == nil {
		in[0] = unsafe.Slice((*float32)(unsafe.Pointer(&ps[0])), n)
	} else {
		for k := range in {
			in[k] = w.in[k][:n]
		}
		cs.Prepare(ps, in)
	}
	alias := c % (cs.Inputs + 1)
	outs := w.couts
	agree := true
	for k, r := range paths {
		var dst []float32
		if alias == 0 {
			dst = w.out[k][:n]
			cs.Run(r, dst, in)
		} else {
			work := w.cwork
			for j := range in {
				work[j] = w.work[k][j][:n]
				copy(work[j], in[j])
			}
			dst = work[alias-1]
			cs.Run(r, dst, work)
		}
		outs[k] = dst
		w.ran[k] += int64(n)
		if k > 0 && !bytes.Equal(asBytes(dst), asBytes(outs[0])) {
			agree = false
		}
	}
	if agree && !opt.Reference {
		return outs[0], nil
	}
	want, alt := w.want[:n], w.alt[:n]
	cs.Reference(ps, want, alt)
	var bad []Mismatch
	if agree {
		outs = outs[:1] // the others are the same bits
	}
	for k, out := range outs {
		for i, v := range out {
			got := math.Float32bits(v)
			switch {
			case got != want[i] && got != alt[i]:
				bad = append(bad, Mismatch{Path: paths[k].Name, P: ps[i], Got: got, Want: want[i]})
			case k > 0 && got != math.Float32bits(outs[0][i]):
				bad = append(bad, Mismatch{Path: paths[k].Name, P: ps[i], Got: got,
					Want: math.Float32bits(outs[0][i]), First: paths[0].Name})
			}
		}
	}
	return outs[0], bad
}

// checksum writes the checksum of out's bits, little-endian, into d.
func (w *worker) checksum(d []byte, out []float32) {
	b := asBytes(out)
	if !hostLittleEndian {
		b = w.le[:4*len(out)]
		for i, v := range out {
			binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
		}
	}
	binary.LittleEndian.PutUint32(d, crc32.Checksum(b, castagnoli))
	binary.LittleEndian.PutUint32(d[4:], crc32.ChecksumIEEE(b))
}

// Describe formats a mismatch for a report, with the Case's words for its
// inputs.
func (m Mismatch) Describe(cs Case) string {
	if m.First != "" {
		return fmt.Sprintf("%s: %s: got %#08x, %s gives %#08x (both allowed, but one machine must give one answer)",
			m.Path, cs.Describe(m.P), m.Got, m.First, m.Want)
	}
	return fmt.Sprintf("%s: %s: got %#08x, want %#08x", m.Path, cs.Describe(m.P), m.Got, m.Want)
}
