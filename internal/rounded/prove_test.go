package rounded

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fastrelu/fastrelu/internal/oracle"
)

// proveEnv names the environment variable that turns TestProve from a
// strided sample into the check of all 2^32 inputs. proveFuncsEnv, if set,
// is a comma-separated list of the functions to check.
const (
	proveEnv      = "FASTRELU_PROVE"
	proveFuncsEnv = "FASTRELU_PROVE_FUNCS"
	sampleStride  = 4093
	// shortStride is the stride with -short, which CI gives the runs under
	// emulation, where float64 FMA can be software (386) and the sample
	// of every function costs minutes.
	shortStride = 65521
	digestsFile = "testdata/digests.txt"
)

type provedFunc struct {
	name   string
	kernel func(float32) float32
	oracle func(float32, *oracle.Stats) float32
}

var provedFuncs = []provedFunc{
	{"Sigmoid", Sigmoid, oracle.Sigmoid},
	{"Tanh", Tanh, oracle.Tanh},
	{"Expm1", Expm1, oracle.Expm1},
	{"Softplus", Softplus, oracle.Softplus},
	{"SiLU", SiLU, oracle.SiLU},
	{"Mish", Mish, oracle.Mish},
	{"GELU", GELU, oracle.GELU},
	{"GELUTanh", GELUTanh, oracle.GELUTanh},
	{"Exp", Exp, oracle.Exp},
	{"SiLUDerivative", SiLUDerivative, oracle.SiLUDerivative},
	{"GELUDerivative", GELUDerivative, oracle.GELUDerivative},
	{"GELUTanhDerivative", GELUTanhDerivative, oracle.GELUTanhDerivative},
	{"MishDerivative", MishDerivative, oracle.MishDerivative},
}

type mismatch struct{ in, got, want uint32 }

// checker accumulates the outcome of comparing a kernel with the oracle.
type checker struct {
	fn         provedFunc
	digestOnly bool // outputs and their digest only, no oracle
	stats      oracle.Stats
	mu         sync.Mutex
	mismatches []mismatch
	count      uint64
}

// check compares the kernel and the oracle at every input of xs, writes the
// kernel's output bits to out (little-endian, four bytes per input) if out
// is not nil, and adds the counts to c.
func (c *checker) check(xs func(yield func(uint32) bool), out []byte) {
	var st oracle.Stats
	var bad []mismatch
	var n uint64
	for b := range xs {
		x := math.Float32frombits(b)
		got := math.Float32bits(c.fn.kernel(x))
		if c.digestOnly {
			binary.LittleEndian.PutUint32(out[4*n:], got)
			n++
			continue
		}
		want := math.Float32bits(c.fn.oracle(x, &st))
		if got != want {
			bad = append(bad, mismatch{b, got, want})
		}
		if out != nil {
			binary.LittleEndian.PutUint32(out[4*n:], got)
		}
		n++
	}
	c.mu.Lock()
	c.stats.ByFloat64 += st.ByFloat64
	c.stats.ByBig += st.ByBig
	c.count += n
	c.mismatches = append(c.mismatches, bad...)
	c.mu.Unlock()
}

func bitRange(lo, hi uint64) func(yield func(uint32) bool) {
	return func(yield func(uint32) bool) {
		for b := lo; b < hi; b++ {
			if !yield(uint32(b)) {
				return
			}
		}
	}
}

// checkAll checks every input on GOMAXPROCS goroutines, in chunks, and
// returns the SHA-256 of the kernel's outputs in input order. Chunks are
// hashed in order as they complete; a semaphore bounds the chunks held.
func (c *checker) checkAll() string {
	const chunkBits = 20
	const chunks = 1 << (32 - chunkBits)
	workers := runtime.GOMAXPROCS(0)
	results := make([]chan []byte, chunks)
	for i := range results {
		results[i] = make(chan []byte, 1)
	}
	tokens := make(chan struct{}, 2*workers+2)
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		go func() {
			for {
				tokens <- struct{}{}
				i := next.Add(1) - 1
				if i >= chunks {
					<-tokens
					return
				}
				buf := make([]byte, 4<<chunkBits)
				lo := uint64(i) << chunkBits
				c.check(bitRange(lo, lo+1<<chunkBits), buf)
				results[i] <- buf
			}
		}()
	}
	h := sha256.New()
	for i := range results {
		h.Write(<-results[i])
		<-tokens
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sampleInputs yields every sampleStride-th bit pattern (shortStride-th
// with -short) and the special inputs.
func sampleInputs(yield func(uint32) bool) {
	stride := uint64(sampleStride)
	if testing.Short() {
		stride = shortStride
	}
	for b := uint64(0); b < 1<<32; b += stride {
		if !yield(uint32(b)) {
			return
		}
	}
	for _, b := range specialInputs() {
		if !yield(b) {
			return
		}
	}
}

// specialInputs returns zeros, infinities, NaNs, the subnormal and normal
// extremes, the points around the thresholds where the functions round to
// their limits and where GELU's and GELUTanh's evaluations change pieces or
// clamp, and the structured points m*2^e near zero.
func specialInputs() []uint32 {
	bits := []uint32{
		0, 0x80000000, 0x7f800000, 0xff800000,
		0x7fc00000, 0x7f800001, 0x7fbfffff, 0xffffffff, 0xff812345,
		1, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000,
		0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000,
	}
	for _, t := range []float32{1, 2.5, 4.5, 8, 9.01, 13, 15, 17.33, 20, 88.72, 89, 87.33, 103.97, 104, 105, 110, 200} {
		for _, s := range []float32{1, -1} {
			c := math.Float32bits(s * t)
			for d := uint32(0); d < 64; d++ {
				bits = append(bits, c-32+d)
			}
		}
	}
	for e := -40; e <= -8; e++ {
		for m := 1; m < 64; m++ {
			v := float32(math.Ldexp(float64(m), e))
			bits = append(bits, math.Float32bits(v), math.Float32bits(-v))
		}
	}
	return bits
}

// readDigests returns the recorded digests by function name, as hex.
func readDigests(t *testing.T) map[string]string {
	f, err := os.Open(digestsFile)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 || !strings.HasPrefix(fields[1], "sha256:") {
			t.Fatalf("%s: bad line %q", digestsFile, line)
		}
		m[fields[0]] = strings.TrimPrefix(fields[1], "sha256:")
	}
	return m
}

// TestProve compares every function with package oracle. With
// FASTRELU_PROVE=1 it checks all 2^32 inputs (run it with -timeout 0 -v) and
// prints, per function, how many inputs the oracle decided from its float64
// bound and how many it sent to math/big, the mismatches (which must be
// none) and the SHA-256 of all outputs in input order, which must match
// testdata/digests.txt where that has an entry. Without it, it checks a
// strided sample and the special inputs.
//
// FASTRELU_PROVE=digests computes the outputs of all 2^32 inputs and their
// SHA-256 only, without the oracle, and requires the recorded digest: the
// proof, at a fraction of the cost, that a function whose evaluation
// changed and whose outputs did not is still correctly rounded everywhere.
func TestProve(t *testing.T) {
	digestOnly := os.Getenv(proveEnv) == "digests"
	full := os.Getenv(proveEnv) == "1" || digestOnly
	only := map[string]bool{}
	if s := os.Getenv(proveFuncsEnv); s != "" {
		for _, n := range strings.Split(s, ",") {
			only[n] = true
		}
	}
	digests := readDigests(t)
	for _, fn := range provedFuncs {
		if len(only) > 0 && !only[fn.name] {
			continue
		}
		t.Run(fn.name, func(t *testing.T) {
			c := &checker{fn: fn, digestOnly: digestOnly}
			start := time.Now()
			var digest string
			if full {
				digest = c.checkAll()
			} else {
				c.check(sampleInputs, nil)
			}
			elapsed := time.Since(start)
			line := fmt.Sprintf("%s: %d inputs, %d decided by float64 bound, %d sent to math/big, %d mismatches, %s",
				fn.name, c.count, c.stats.ByFloat64, c.stats.ByBig, len(c.mismatches), elapsed.Round(time.Second))
			if digestOnly {
				line = fmt.Sprintf("%s: %d inputs, outputs only (no oracle), %s", fn.name, c.count, elapsed.Round(time.Second))
			}
			if full {
				line += ", sha256 " + digest
			}
			t.Log(line)
			for i, m := range c.mismatches {
				if i == 200 {
					t.Logf("... %d more", len(c.mismatches)-i)
					break
				}
				t.Logf("mismatch %s(%g) [%#08x]: kernel %#08x (%g), oracle %#08x (%g)", fn.name,
					math.Float32frombits(m.in), m.in, m.got, math.Float32frombits(m.got),
					m.want, math.Float32frombits(m.want))
			}
			if len(c.mismatches) > 0 {
				t.Errorf("%d mismatches", len(c.mismatches))
			}
			if full {
				switch recorded := digests[fn.name]; recorded {
				case "":
					if digestOnly {
						t.Errorf("%s has no digest for %s to compare with", digestsFile, fn.name)
					}
					t.Logf("%s has no digest for %s", digestsFile, fn.name)
				case digest:
					t.Logf("digest matches %s", digestsFile)
				default:
					t.Errorf("digest %s, %s has %s", digest, digestsFile, recorded)
				}
			}
		})
	}
}

// TestDigestsFile checks that testdata/digests.txt parses and records every
// proved function, so that a full TestProve never skips the comparison.
func TestDigestsFile(t *testing.T) {
	digests := readDigests(t)
	for _, fn := range provedFuncs {
		if len(digests[fn.name]) != 2*sha256.Size {
			t.Errorf("%s: no SHA-256 digest for %s", digestsFile, fn.name)
		}
	}
}
