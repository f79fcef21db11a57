package fuzz

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"math/bits"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fastrelu/fastrelu/internal/impl"
	"github.com/fastrelu/fastrelu/internal/kerneltest"
	"github.com/fastrelu/fastrelu/internal/sweep"
	"github.com/fastrelu/fastrelu/kernels"
	"github.com/klauspost/cpuid/v2"
)

// How the sweeps run, set by environment variables:
//
//	FASTRELU_SWEEP            full      strided, then all 2^32 patterns
//	                          strided   every 4093rd pattern and every pattern with
//	                                    exponent 0 or 255 (zeros, subnormals,
//	                                    infinities, NaNs): 2^25 + 2^32/4093 patterns
//	                          specials  the exponent-0 and -255 patterns and every
//	                                    126883rd: for an emulated CPU
//	                          auto      (or unset) strided, then full if a probe of
//	                                    its first chunks projects it to fit in half
//	                                    the time left before the test binary's
//	                                    deadline (-timeout); natively on a few
//	                                    cores it does, under qemu it does not
//	                          off       nothing (-short skips the sweeps too)
//	FASTRELU_SWEEP_REFERENCE  unset     the strided and specials sets are checked
//	                                    against the reference; the full set against
//	                                    the committed digest where this GOARCH has
//	                                    one, else against the reference
//	                          1         every set against the reference, always
//	                          0         never: the paths are compared with each
//	                                    other (and the full set with its digest);
//	                                    for an emulated CPU, where the generic path,
//	                                    proven natively, is the witness
//	FASTRELU_SWEEP_FULL_PATHS a regexp of the paths the full set runs on, of
//	                          those FASTRELU_SWEEP_PATHS leaves (CI: every row
//	                          but the public functions, which run the best
//	                          row's kernels and never stream at a sweep's
//	                          chunk size; the strided set runs them)
//	FASTRELU_SWEEP_PATHS      a regexp of the paths to run (default all:
//	                          every row this CPU runs and "public")
//	FASTRELU_SWEEP_ROUNDED    how the cases of the Rounded kernels run (the
//	                          smooth activations: generic Go on every path,
//	                          so the generic row and the public functions
//	                          only, minutes each for the full set):
//	                          unset     the strided (specials) set only:
//	                                    their full set is internal/rounded's
//	                                    proof of the functions they call
//	                          full      the full set too, and the full set of
//	                                    the Checked kernels (those the assembly
//	                                    evaluates) on the generic row and the
//	                                    public functions too, not only on the
//	                                    assembly rows, their layer forms
//	                                    included (fullOnRequest)
//	                          sample    every 4093rd pattern instead of the
//	                                    strided set: for an emulated CPU
//	                          off       none of them
//	FASTRELU_SWEEP_DIGESTS    write: run the full set against the reference
//	                          and record its digests in digestFile
//	                          print: log the digest of every case of the
//	                          sampled sets too (strided, specials), to
//	                          compare runs where the full set is too slow
//	                          (under emulation, one run per path or VLEN)
//
// Every path is compared with the first one bit for bit on every pattern,
// whatever is set: on one machine every path gives one answer.
const digestFile = "testdata/sweep-digests.txt"

// remakeDigests is the command that remakes digestFile, which it quotes.
const remakeDigests = "FASTRELU_SWEEP=full FASTRELU_SWEEP_DIGESTS=write go test ./fuzz -run '^Test(Layer)?Sweep$' -timeout 0"

// sweepMode returns FASTRELU_SWEEP's value, or skips the test.
func sweepMode(t *testing.T) string {
	if testing.Short() {
		t.Skip("-short: skipping the sweep")
	}
	switch m := os.Getenv("FASTRELU_SWEEP"); m {
	case "", "auto":
		return "auto"
	case "full", "strided", "specials":
		return m
	case "off":
		t.Skip("FASTRELU_SWEEP=off")
	default:
		t.Fatalf("FASTRELU_SWEEP=%q: want full, strided, specials, auto or off", m)
	}
	return ""
}

// splitRounded returns the cases of cs that are not genericOnly, and those
// that are, each in order.
func splitRounded(cs []sweep.Case) (regular, rounded []sweep.Case) {
	for _, c := range cs {
		if genericOnly[c.Name] {
			rounded = append(rounded, c)
		} else {
			regular = append(regular, c)
		}
	}
	return regular, rounded
}

// roundedSample is the Rounded kernels' set with FASTRELU_SWEEP_ROUNDED=sample.
var roundedSample = sweep.Every("every4093", sweep.Stride)

// specialsSet is the specials mode's set: Strided's special patterns and a
// coarser stride, prime like Stride.
var specialsSet = sweep.StridedBy("specials", 126883)

// sweepPaths returns the paths to sweep: every row this CPU runs and the
// public functions, less those FASTRELU_SWEEP_PATHS leaves out.
func sweepPaths(t *testing.T) []impl.Impl {
	ps := kerneltest.Available()
	if re := os.Getenv("FASTRELU_SWEEP_PATHS"); re != "" {
		rx, err := regexp.Compile(re)
		if err != nil {
			t.Fatalf("FASTRELU_SWEEP_PATHS=%q: %v", re, err)
		}
		ps = slices.DeleteFunc(ps, func(r impl.Impl) bool { return !rx.MatchString(r.Name) })
		if len(ps) == 0 {
			t.Skipf("FASTRELU_SWEEP_PATHS=%q matches no path here", re)
		}
	}
	return ps
}

// runCases runs the sweep of cases as FASTRELU_SWEEP* ask, a subtest per
// set and case.
func runCases(t *testing.T, what string, cases []sweep.Case) {
	mode := sweepMode(t)
	paths := sweepPaths(t)
	var names []string
	for _, r := range paths {
		names = append(names, r.Name)
	}
	t.Logf("GOARCH=%s, GOMAXPROCS=%d, CPU %q, the public functions run %q; paths: %s",
		runtime.GOARCH, runtime.GOMAXPROCS(0), cpuid.CPU.BrandName, kernels.Implementation(), strings.Join(names, ", "))
	for _, r := range impl.All() {
		if !r.Available {
			t.Logf("row %q is not available here: %s", r.Name, r.Missing)
		}
	}
	refEnv := os.Getenv("FASTRELU_SWEEP_REFERENCE")
	switch refEnv {
	case "", "0", "1":
	default:
		t.Fatalf("FASTRELU_SWEEP_REFERENCE=%q: want 0, 1 or unset", refEnv)
	}
	write := os.Getenv("FASTRELU_SWEEP_DIGESTS")
	switch write {
	case "":
	case "write":
		if mode != "full" {
			t.Fatalf("FASTRELU_SWEEP_DIGESTS=write needs FASTRELU_SWEEP=full")
		}
		refEnv = "1"
	case "print":
	default:
		t.Fatalf("FASTRELU_SWEEP_DIGESTS=%q: want write, print or unset", write)
	}
	rounded := os.Getenv("FASTRELU_SWEEP_ROUNDED")
	switch rounded {
	case "", "full", "sample":
	case "off":
		cases, _ = splitRounded(cases)
	default:
		t.Fatalf("FASTRELU_SWEEP_ROUNDED=%q: want full, sample, off or unset", rounded)
	}
	sampled := func(set sweep.Set) {
		var none map[string]string // no digests committed for a sampled set
		if write == "print" {
			none = map[string]string{}
		}
		if rounded != "sample" {
			run(t, set, cases, paths, sweep.Options{Reference: refEnv != "0"}, none)
			return
		}
		regular, slow := splitRounded(cases)
		run(t, set, regular, paths, sweep.Options{Reference: refEnv != "0"}, none)
		if len(slow) > 0 {
			run(t, roundedSample, slow, paths, sweep.Options{Reference: refEnv != "0"}, none)
		}
	}
	switch mode {
	case "specials":
		sampled(specialsSet)
		return
	default: // the full set comes after the strided one, which finds a wrong kernel in seconds
		sampled(sweep.Strided)
		if mode == "strided" || t.Failed() {
			return
		}
	}
	if rounded != "full" {
		var slow []sweep.Case
		cases, slow = splitRounded(cases)
		for _, c := range slices.Clone(cases) {
			if fullOnRequest[c.Name] {
				slow = append(slow, c)
			}
		}
		cases = slices.DeleteFunc(cases, func(c sweep.Case) bool { return fullOnRequest[c.Name] })
		if len(slow) > 0 {
			var skipped []string
			for _, cs := range slow {
				skipped = append(skipped, cs.Name)
			}
			t.Logf("the full set leaves out the cases of the Rounded kernels (set FASTRELU_SWEEP_ROUNDED=full for them): %s",
				strings.Join(skipped, ", "))
		}
	}
	digests := readDigests(t)
	if mode == "auto" {
		probe := sweep.Prefix(sweep.Full, 256)
		start := time.Now()
		for _, cs := range cases {
			_, ok := digests[digestKey(cs.Name)]
			sweep.Run(cs, probe, paths, sweep.Options{Reference: refEnv == "1" || !ok && refEnv != "0", Digest: ok})
		}
		projected := time.Duration(float64(time.Since(start)) * float64(sweep.Full.Chunks) / float64(probe.Chunks))
		if deadline, ok := t.Deadline(); ok && 2*projected > time.Until(deadline) {
			t.Logf("FASTRELU_SWEEP=auto: the full %s would take about %v, more than half the %v left before the "+
				"deadline. Only the strided set ran; set FASTRELU_SWEEP=full and a longer -timeout for the full %s",
				what, projected.Round(time.Second), time.Until(deadline).Round(time.Second), what)
			return
		}
		t.Logf("FASTRELU_SWEEP=auto: the full %s should take about %v", what, projected.Round(time.Second))
	}
	if re := os.Getenv("FASTRELU_SWEEP_FULL_PATHS"); re != "" {
		paths = matchingPaths(t, paths, "FASTRELU_SWEEP_FULL_PATHS", re)
	}
	got := run(t, sweep.Full, cases, paths, sweep.Options{Reference: refEnv == "1"}, digests)
	if write == "write" && !t.Failed() {
		writeDigests(t, got)
	}
}

// matchingPaths returns the paths whose names the regexp re, the value of
// the variable env, matches, or fails t.
func matchingPaths(t *testing.T, paths []impl.Impl, env, re string) []impl.Impl {
	t.Helper()
	m, err := regexp.Compile(re)
	if err != nil {
		t.Fatalf("%s=%q: %v", env, re, err)
	}
	kept := slices.DeleteFunc(slices.Clone(paths), func(r impl.Impl) bool { return !m.MatchString(r.Name) })
	if len(kept) == 0 {
		t.Fatalf("%s=%q matches no path here", env, re)
	}
	return kept
}

// run sweeps every case over set, a subtest each, and logs the times. With
// digests (the full set), a case whose committed digest matches is proven;
// one without a digest is checked against the reference (unless
// opt.Reference is false because FASTRELU_SWEEP_REFERENCE=0, when only the
// paths' agreement is); one whose digest differs is run again against the
// reference, to find the first input that is wrong. It returns the digest
// of each case it computed.
func run(t *testing.T, set sweep.Set, cases []sweep.Case, paths []impl.Impl, opt sweep.Options, digests map[string]string) map[string]string {
	t.Helper()
	got := map[string]string{}
	refEnv := os.Getenv("FASTRELU_SWEEP_REFERENCE")
	t.Run(set.Name, func(t *testing.T) {
		var summary []string
		var total time.Duration
		for _, cs := range cases {
			t.Run(cs.Name, func(t *testing.T) {
				o := opt
				want, committed := "", false
				if digests != nil {
					o.Digest = true
					want, committed = digests[digestKey(cs.Name)]
					if !committed && refEnv != "0" {
						o.Reference = true
					}
				}
				paths := paths
				if vectorOnly[cs.Name] && set.Name == sweep.Full.Name && os.Getenv("FASTRELU_SWEEP_ROUNDED") != "full" {
					paths = slices.DeleteFunc(slices.Clone(paths), func(r impl.Impl) bool {
						return r.Name == "generic" || r.Name == "public"
					})
					if len(paths) == 0 {
						t.Skip("a Checked kernel: its full set runs on the assembly rows, and FASTRELU_SWEEP_PATHS leaves out all of them")
					}
				}
				if genericOnly[cs.Name] {
					// Every row runs the generic kernel: one of them is enough.
					paths = slices.DeleteFunc(slices.Clone(paths), func(r impl.Impl) bool {
						return r.Name != "generic" && r.Name != "public"
					})
					if len(paths) == 0 {
						t.Skip("a Rounded kernel: its paths are the generic row and the public functions, and FASTRELU_SWEEP_PATHS leaves out both")
					}
				}
				res := sweep.Run(cs, set, paths, o)
				total += res.Elapsed
				checkRan(t, set, paths, res)
				how := "the paths agree"
				if res.Reference {
					how = "checked against the reference"
				}
				if res.BadChunk >= 0 {
					report(t, cs, set, res)
					return
				}
				if !o.Digest {
					summary = append(summary, fmt.Sprintf("\t%-30s %8v  %s", cs.Name, res.Elapsed.Round(time.Millisecond), how))
					return
				}
				d := hex.EncodeToString(res.Digest[:])
				got[cs.Name] = d
				switch {
				case !committed:
					how += "; digest " + d + ", none committed for " + runtime.GOARCH
				case d == want:
					how += "; digest matches"
				case res.Reference:
					t.Errorf("every output matches the reference on every path, but the digest %s differs from the "+
						"committed %s: the outputs changed where the contract leaves a NaN open; if that is "+
						"intended, remake %s with\n\t%s", d, want, digestFile, remakeDigests)
					return
				default:
					t.Logf("the digest %s differs from the committed %s; checking against the reference", d, want)
					o.Reference = true
					res = sweep.Run(cs, set, paths, o)
					total += res.Elapsed
					checkRan(t, set, paths, res)
					if res.BadChunk >= 0 {
						report(t, cs, set, res)
					} else {
						t.Errorf("every output matches the reference on every path, but the digest %s differs from "+
							"the committed %s: the outputs changed where the contract leaves a NaN open; if that "+
							"is intended, remake %s with\n\t%s", d, want, digestFile, remakeDigests)
					}
					return
				}
				summary = append(summary, fmt.Sprintf("\t%-30s %8v  %s", cs.Name, res.Elapsed.Round(time.Millisecond), how))
			})
		}
		t.Logf("%s set, %d patterns, %d paths (%s) on %d goroutines, %v in all:\n%s", set.Name, set.Count,
			len(paths), strings.Join(pathNames(paths), ", "), runtime.GOMAXPROCS(0), total.Round(time.Millisecond),
			strings.Join(summary, "\n"))
	})
	return got
}

// checkRan fails t unless the engine ran every path on every pattern (or,
// when it found a wrong chunk, on every pattern before it).
func checkRan(t *testing.T, set sweep.Set, paths []impl.Impl, res sweep.Result) {
	t.Helper()
	if !slices.Equal(res.Paths, pathNames(paths)) {
		t.Fatalf("the engine was to run the paths %v, not %v", pathNames(paths), res.Paths)
	}
	for k, n := range res.Ran {
		if n != set.Count && (res.BadChunk < 0 || n < int64(res.BadChunk)*sweep.ChunkLen) {
			t.Fatalf("the engine ran path %s on %d of the %d patterns", res.Paths[k], n, set.Count)
		}
	}
}

func pathNames(paths []impl.Impl) []string {
	var names []string
	for _, r := range paths {
		names = append(names, r.Name)
	}
	return names
}

// report fails t with the first wrong chunk's mismatches.
func report(t *testing.T, cs sweep.Case, set sweep.Set, res sweep.Result) {
	t.Helper()
	var lines []string
	for _, m := range res.Bad[:min(len(res.Bad), 16)] {
		lines = append(lines, "\t"+m.Describe(cs))
	}
	t.Errorf("%s: %d wrong outputs in chunk %d of the %s set (the first chunk with any; later ones were not all run); "+
		"the first, path by path:\n%s", cs.Name, len(res.Bad), res.BadChunk, set.Name, strings.Join(lines, "\n"))
}

func digestKey(name string) string { return runtime.GOARCH + " " + name }

// readDigests reads digestFile: lines "GOARCH case digest", # comments.
func readDigests(t *testing.T) map[string]string {
	t.Helper()
	m := map[string]string{}
	f, err := os.Open(digestFile)
	if os.IsNotExist(err) {
		return m
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) != 3 || len(fs[2]) != 64 {
			t.Fatalf("%s: malformed line %q", digestFile, line)
		}
		m[fs[0]+" "+fs[1]] = fs[2]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// writeDigests records got (case name to digest) for this GOARCH in
// digestFile, keeping every other line, sorted.
func writeDigests(t *testing.T, got map[string]string) {
	t.Helper()
	m := readDigests(t)
	for name, d := range got {
		m[digestKey(name)] = d
	}
	var lines []string
	for k, d := range m {
		lines = append(lines, k+" "+d)
	}
	slices.Sort(lines)
	head := "# The digest of all 2^32 outputs of each sweep case (fuzz/sweep_test.go, layer_sweep_test.go)\n" +
		fmt.Sprintf("# on each GOARCH: the SHA-256 of the checksums (CRC-32C, CRC-32) of each chunk of 2^%d outputs\n", bits.Len(sweep.ChunkLen)-1) +
		"# (their bits, little-endian), chunks in input order (internal/sweep). Written only after every\n" +
		"# output was checked against the reference. Remade, for the GOARCH it runs on, by\n" +
		"#\t" + remakeDigests + "\n"
	if err := os.WriteFile(digestFile, []byte(head+strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d digests for %s to %s", len(got), runtime.GOARCH, digestFile)
}
