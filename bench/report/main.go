// Command report measures fastrelu's kernels on this CPU against copy(), a
// naive Go loop, simd/archsimd (when built with GOEXPERIMENT=simd on amd64)
// and github.com/viterin/vek, and its layer kernels (BiasLeakyReLU and the
// others) against the unfused two passes and one elementwise pass, prints a
// table per kernel and writes two SVG charts (the layer kernels' beside the
// other, its name ending in -layer.svg).
//
//	go run ./bench/report                  # under a minute
//	go run ./bench/report -quick           # about 10 s, rougher
//	go run ./bench/report -thorough        # about 5 min, steadier
//	GOEXPERIMENT=simd go run ./bench/report            # adds archsimd
//	go run ./bench/report -kernels LeakyReLU -sizes 256,64Ki,16Mi
//	go run ./bench/report -kernels BiasLeakyReLU,LeakyReLUGradBias -shapes 1024x256,4096x4096
//	go run ./bench/report -markdown docs/bench.md -svg docs/bench.svg  # the page the README links to
//	go run -tags cpeers ./bench/report     # adds the C AVX2 loop to the fixed-cost tables (cgo)
//	go run -tags peers ./bench/report      # adds oneDNN and XNNPACK (cgo; see bench/peers.go)
//
// It runs the same cases as go test -bench . ./bench (package bench holds
// them), in-process with testing.Benchmark: each kernel on cold data (a
// fresh window of inputs per call) at every size and on hot data (the same
// inputs every call) below 64Ki elements, where the two differ. Each cell is
// measured -count times, interleaved with the other contenders at the same
// size so that a noisy neighbour hits them all alike, and the fastest run is
// shown, since interference only ever slows a run down (go test -bench with
// benchstat gives medians and confidence intervals instead). GB/s counts
// the bytes a kernel must move: 8 per element forward, 12 for the
// gradients; copy() always moves 8. The layer kernels run on the same
// inputs every call, at each rows x cols shape (-shapes), and every row of
// a layer table is credited the fused kernel's bytes, so that its ratios
// are ratios of time. The fixed-cost tables (-calls, on by default) give
// the nanoseconds of one call at n = 0, 1, 16, 64 and 256, hot data, for
// each path called directly, the public functions, the C loop when built
// with -tags cpeers, copy() and an empty function.
//
// With -markdown FILE it also writes a complete markdown page: the command
// that made it, the machine, the method, every table and the legend, with a
// link to the chart when the chart lies in FILE's directory or below.
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/fastrelu/fastrelu/bench"
	"github.com/fastrelu/fastrelu/kernels"
	"github.com/klauspost/cpuid/v2"
)

type config struct {
	budget    time.Duration
	benchtime time.Duration
	count     int
	kernels   []bench.Kernel
	sizes     []int
	layer     []bench.LayerKernel // the layer kernels to measure
	shapes    []bench.Shape       // their matrix shapes
	impls     []string
	calls     bool // measure the fixed cost per call (bench.CallSizes)
	peers     bool // measure every activation against the peers (bench.Peers)
	storage   bool // measure every activation on every element type (bench.StorageTypes)
	workers   bool // measure the layers on several workers (bench.WorkerShapes)
	svg       string
	markdown  string   // file for the markdown page; "-" for stdout instead of text
	args      []string // the command line, for the markdown page
}

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if err == flag.ErrHelp {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(2)
	}
	if err := run(cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quick := fs.Bool("quick", false, "a rough run of about 10 s: one measurement per cell")
	thorough := fs.Bool("thorough", false, "a steadier run of about 5 min: 10 measurements per cell")
	budget := fs.Duration("budget", 0, "measuring time to aim for in all (default 40s; -quick 8s, -thorough 5m)")
	benchtime := fs.Duration("benchtime", 0, "time per measurement, overriding -budget")
	count := fs.Int("count", 0, "measurements per cell, interleaved; the fastest is shown (default 3; -quick 1, -thorough 10)")
	kern := fs.String("kernels", "", "comma-separated kernels to measure (default all: "+strings.Join(kernelNames(), ",")+")")
	sizes := fs.String("sizes", "", "comma-separated element counts, e.g. 16,4Ki,1<<20,16Mi (default 16,256,4Ki,64Ki,1Mi,16Mi)")
	shapes := fs.String("shapes", "", "comma-separated rows x cols for the layer kernels (default "+shapesText(bench.LayerShapes)+")")
	impls := fs.String("impls", "", "comma-separated contenders to measure (default all available; copy and naive, and for the layer kernels fused, unfused and single-pass, are always kept for the ratios)")
	svg := fs.String("svg", "fastrelu-bench.svg", "file to write the chart to, the layer kernels' beside it (NAME-layer.svg); empty for none")
	workers := fs.Bool("workers", true, "also measure a layer's forward and backward pass on 1, 2 (and GOMAXPROCS) workers, beside copy() on as many goroutines")
	calls := fs.Bool("calls", true, "also measure the fixed cost of a call at n = 0, 1, 16, 64, 256 (hot data; with -tags cpeers beside the C AVX2 loop)")
	peers := fs.Bool("peers", true, "also measure every activation, the smooth ones included, against a Go math loop and, with -tags peers, oneDNN and XNNPACK (n = "+sizeLabel(bench.PeerSizes[0])+", hot data)")
	storage := fs.Bool("storage", true, "also measure every activation on float32, bfloat16 and float16 beside copy() of the same bytes (n = "+sizeLabel(bench.StorageSizes[0])+", and "+sizeLabel(bench.StorageSizes[1])+" for the smooth ones where -sizes has it; hot data)")
	md := fs.String("markdown", "", "also write a markdown page (the command, the CPU, every table, the legend) to this file, e.g. docs/bench.md (\"-\": to stdout, instead of text)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run ./bench/report [flags]\n\nMeasures fastrelu's kernels on this CPU against copy(), a naive loop,\nsimd/archsimd (GOEXPERIMENT=simd, amd64) and vek, and the layer kernels against\nthe unfused two passes and one elementwise pass; prints tables and writes two charts.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *quick && *thorough {
		return nil, fmt.Errorf("-quick and -thorough exclude each other")
	}
	cfg := &config{budget: 40 * time.Second, count: 3, svg: *svg, markdown: *md, benchtime: *benchtime, calls: *calls, workers: *workers, peers: *peers, storage: *storage,
		args: append([]string(nil), args...)}
	switch {
	case *quick:
		cfg.budget, cfg.count = 8*time.Second, 1
	case *thorough:
		cfg.budget, cfg.count = 5*time.Minute, 10
	}
	if *budget > 0 {
		cfg.budget = *budget
	}
	if *count > 0 {
		cfg.count = *count
	}
	cfg.kernels, cfg.layer = bench.Kernels, bench.LayerKernels
	if *kern != "" {
		cfg.kernels, cfg.layer = nil, nil
		for _, s := range strings.Split(*kern, ",") {
			if k, ok := kernelNamed(s); ok {
				if !slices.Contains(cfg.kernels, k) {
					cfg.kernels = append(cfg.kernels, k)
				}
			} else if k, ok := layerKernelNamed(s); ok {
				if !slices.Contains(cfg.layer, k) {
					cfg.layer = append(cfg.layer, k)
				}
			} else {
				return nil, fmt.Errorf("unknown kernel %q; valid: %s", s, strings.Join(kernelNames(), ", "))
			}
		}
	}
	cfg.shapes = bench.LayerShapes
	if *shapes != "" {
		cfg.shapes = nil
		for _, s := range strings.Split(*shapes, ",") {
			sh, err := parseShape(s)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(cfg.shapes, sh) {
				cfg.shapes = append(cfg.shapes, sh)
			}
		}
		slices.SortStableFunc(cfg.shapes, func(a, b bench.Shape) int { return a.N() - b.N() })
	}
	cfg.sizes = bench.Sizes
	if *sizes != "" {
		cfg.sizes = nil
		for _, s := range strings.Split(*sizes, ",") {
			n, err := parseSize(s)
			if err != nil {
				return nil, err
			}
			if n > 1<<28 {
				return nil, fmt.Errorf("size %d is above 1<<28 elements (1 GiB per slice)", n)
			}
			cfg.sizes = append(cfg.sizes, n)
		}
		sort.Ints(cfg.sizes)
		cfg.sizes = slices.Compact(cfg.sizes)
	}
	if *impls != "" {
		cfg.impls = strings.Split(*impls, ",")
		for i := range cfg.impls {
			cfg.impls[i] = strings.TrimSpace(cfg.impls[i])
		}
	}
	return cfg, nil
}

func kernelNamed(s string) (bench.Kernel, bool) {
	for _, k := range bench.Kernels {
		if strings.EqualFold(strings.TrimSpace(s), k.Name()) {
			return k, true
		}
	}
	return 0, false
}

func layerKernelNamed(s string) (bench.LayerKernel, bool) {
	for _, k := range bench.LayerKernels {
		if strings.EqualFold(strings.TrimSpace(s), k.Name()) {
			return k, true
		}
	}
	return 0, false
}

// kernelNames lists every kernel -kernels accepts, the layer kernels last.
func kernelNames() []string {
	var ns []string
	for _, k := range bench.Kernels {
		ns = append(ns, k.Name())
	}
	for _, k := range bench.LayerKernels {
		ns = append(ns, k.Name())
	}
	return ns
}

func shapesText(ss []bench.Shape) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, ",")
}

// contenders returns the contenders to measure: all that run here, or those
// named, always with copy and naive, which the ratios need. A name may be
// that of a layer contender instead (see layerContenders).
func contenders(names []string) ([]bench.Contender, error) {
	all := bench.Contenders()
	if len(names) == 0 {
		return all, nil
	}
	var out []bench.Contender
	for _, c := range all {
		if c.Name == "copy" || c.Name == "naive" || slices.Contains(names, c.Name) {
			out = append(out, c)
		}
	}
	layer := bench.LayerContenders()
	for _, n := range names {
		if !slices.ContainsFunc(all, func(c bench.Contender) bool { return c.Name == n }) &&
			!slices.ContainsFunc(layer, func(c bench.LayerContender) bool { return c.Name == n }) {
			var have []string
			for _, c := range all {
				have = append(have, c.Name)
			}
			for _, c := range layer {
				if !slices.Contains(have, c.Name) {
					have = append(have, c.Name)
				}
			}
			return nil, fmt.Errorf("contender %q is not available here; available: %s", n, strings.Join(have, ", "))
		}
	}
	return out, nil
}

// cpuLines describes the machine and the path kernels chose.
func cpuLines() [][2]string {
	c := cpuid.CPU
	brand := strings.TrimSpace(c.BrandName)
	if brand == "" {
		brand = "unknown " + runtime.GOARCH + " CPU"
	}
	cpuText := fmt.Sprintf("%s (%s, family %d model %d; %d logical cores, GOMAXPROCS %d)",
		brand, c.VendorString, c.Family, c.Model, c.LogicalCores, runtime.GOMAXPROCS(0))
	var feats []string
	for _, f := range []cpuid.FeatureID{cpuid.AVX, cpuid.AVX2, cpuid.FMA3, cpuid.AVX512F, cpuid.AVX512DQ, cpuid.AVX512BW, cpuid.AVX512VL, cpuid.ASIMD, cpuid.SVE} {
		if c.Supports(f) {
			feats = append(feats, f.String())
		}
	}
	if len(feats) == 0 {
		feats = []string{"none of AVX, AVX2, AVX-512, ASIMD"}
	}
	kib := func(b int) string {
		switch {
		case b <= 0:
			return "?"
		case b >= 1<<20 && b%(1<<20) == 0:
			return fmt.Sprintf("%d MiB", b>>20)
		}
		return fmt.Sprintf("%d KiB", b>>10)
	}
	isa := os.Getenv("FASTRELU_ISA")
	if isa == "" {
		isa = "unset"
	}
	simd := "not built (GOEXPERIMENT=simd adds simd/archsimd on amd64)"
	switch {
	case bench.ArchsimdBuilt() && slices.ContainsFunc(bench.Contenders(), func(c bench.Contender) bool { return c.Name == "archsimd" }):
		simd = "GOEXPERIMENT=simd: measured"
	case bench.ArchsimdBuilt():
		simd = "GOEXPERIMENT=simd, but this CPU lacks AVX2: not measured"
	}
	return [][2]string{
		{"CPU", cpuText},
		{"Features", strings.Join(feats, " ")},
		{"Caches", fmt.Sprintf("L1d %s, L2 %s, L3 %s", kib(c.Cache.L1D), kib(c.Cache.L2), kib(c.Cache.L3))},
		{"Path", fmt.Sprintf("kernels.Implementation() = %s (FASTRELU_ISA %s)", kernels.Implementation(), isa)},
		{"Go", fmt.Sprintf("%s %s/%s; archsimd %s", runtime.Version(), runtime.GOOS, runtime.GOARCH, simd)},
	}
}

func run(cfg *config, stdout, progress io.Writer) error {
	cs, err := contenders(cfg.impls)
	if err != nil {
		return err
	}
	lcs := layerContenders(cfg.impls)
	layerSVG := ""
	if cfg.svg != "" && len(cfg.layer) > 0 {
		layerSVG = layerChartFile(cfg.svg)
	}
	for _, out := range []string{cfg.svg, cfg.markdown} {
		if out == "" || out == "-" {
			continue
		}
		if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
			return fmt.Errorf("cannot write %s: no directory %s", out, filepath.Dir(out))
		}
	}
	// The tables: for each kernel, cold data at every size, then hot data
	// at the sizes where it differs from cold (below bench.PoolElems).
	var tables []*Table
	cells := 0
	for _, k := range cfg.kernels {
		for _, d := range bench.Datas {
			t := &Table{Kernel: k, Data: d}
			for _, n := range cfg.sizes {
				if slices.ContainsFunc(cs, func(c bench.Contender) bool { return bench.Measured(k, &c, d, n) }) {
					t.Sizes = append(t.Sizes, n)
				}
			}
			if len(t.Sizes) == 0 {
				continue
			}
			for i := range cs {
				for _, n := range t.Sizes {
					if bench.Measured(k, &cs[i], d, n) {
						cells++
					}
				}
			}
			tables = append(tables, t)
		}
	}
	layerTables, layerCells := newLayerTables(cfg.layer, lcs, cfg.shapes)
	cells += layerCells
	var callTables []*CallTable
	ccs := callContenders(cfg.impls)
	if cfg.calls {
		var callCells int
		callTables, callCells = newCallTables(cfg.kernels, ccs, bench.CallSizes)
		cells += callCells
	}
	var workerTables []*WorkersTable
	if cfg.workers {
		var workerCells int
		workerTables, workerCells = newWorkersTables(cfg.layer, bench.WorkerShapes, bench.WorkerCounts())
		cells += workerCells
	}
	var peerTable *PeerTable
	if cfg.peers {
		var peerCells int
		peerTable, peerCells = newPeerTable(bench.PeerSizes[0])
		cells += peerCells
	}
	var storageTables []*StorageTable
	if cfg.storage {
		var storageCells int
		storageTables, storageCells = newStorageTables(cfg.sizes)
		cells += storageCells
	}
	per := cfg.benchtime
	if per <= 0 {
		// Measured: a cell takes about 1.25 times its benchtime, b.Loop's
		// ramp included; big slices add their first fill.
		per = time.Duration(float64(cfg.budget) / (1.25 * float64(cells*cfg.count)))
		per = min(max(per, 5*time.Millisecond), 2*time.Second)
	}
	testing.Init()
	if err := flag.CommandLine.Set("test.benchtime", per.String()); err != nil {
		return err
	}

	method := fmt.Sprintf("fastest of %d interleaved runs of %v per cell; GB/s = bytes the kernel must move per second; inputs uniform in [-1, 1), out of place, alpha = %g",
		cfg.count, per.Round(time.Millisecond), bench.Alpha)
	lines := append(cpuLines(), [2]string{"Method", method})
	text := cfg.markdown != "-"
	if text {
		fmt.Fprintln(stdout, "fastrelu speed comparison")
		header := lines
		if len(tables) > 0 {
			header = append(header, [2]string{"Data", dataText})
		}
		for _, l := range header {
			fmt.Fprintf(stdout, "%-9s %s\n", l[0]+":", l[1])
		}
		fmt.Fprintln(stdout)
	}

	fmt.Fprintf(progress, "measuring %d kernels x %d contenders x %d sizes, cold and hot data, and %d layer kernels x %d shapes, about %v (flags: -quick, -thorough, -h)\n",
		len(cfg.kernels), len(cs), len(cfg.sizes), len(cfg.layer), len(cfg.shapes), (time.Duration(float64(per)*1.25) * time.Duration(cells*cfg.count)).Round(time.Second))
	start := time.Now()
	var allocNotes []string
	for _, t := range tables {
		k, d := t.Kernel, t.Data
		t0 := time.Now()
		fmt.Fprintf(progress, "  %-14s %-4s n =", k, d)
		var idx []int // positions in cs of the contenders in t
		for i := range cs {
			if slices.ContainsFunc(t.Sizes, func(n int) bool { return bench.Measured(k, &cs[i], d, n) }) {
				idx = append(idx, i)
				t.Rows = append(t.Rows, Row{Name: cs[i].Name, Role: cs[i].Role,
					GBps: nanRow(len(t.Sizes)), Ns: nanRow(len(t.Sizes))})
			}
		}
		for j, n := range t.Sizes {
			samples := make([][]float64, len(idx))
			for rep := 0; rep < cfg.count; rep++ {
				for o := range idx {
					r := (o + rep) % len(idx) // rotate who goes first
					c := &cs[idx[r]]
					if !bench.Measured(k, c, d, n) {
						continue
					}
					res := testing.Benchmark(func(b *testing.B) { bench.Run(b, k, c, d, n) })
					if res.N == 0 {
						return fmt.Errorf("%s/impl=%s/data=%s/n=%d: benchmark did not run (it failed or panicked)", k, c.Name, d, n)
					}
					samples[r] = append(samples[r], float64(res.T.Nanoseconds())/float64(res.N))
					if a := allocsPerCall(res); a > 0 && rep == 0 {
						allocNotes = append(allocNotes, fmt.Sprintf("%s/impl=%s/data=%s/n=%d: %d allocs per call", k, c.Name, d, n, a))
					}
				}
			}
			for r, i := range idx {
				if len(samples[r]) == 0 {
					continue
				}
				ns := slices.Min(samples[r])
				t.Rows[r].Ns[j] = ns
				t.Rows[r].GBps[j] = float64(cs[i].BytesPerElement(k)*n) / ns
			}
			fmt.Fprintf(progress, " %s", sizeLabel(n))
		}
		// The harness's own cost per call, for reading the small sizes.
		res := testing.Benchmark(func(b *testing.B) { bench.Run(b, k, bench.Floor, d, t.Sizes[0]) })
		if res.N > 0 {
			t.FloorNs = float64(res.T.Nanoseconds()) / float64(res.N)
		}
		fmt.Fprintf(progress, "  %.1fs\n", time.Since(t0).Seconds())
	}
	for _, t := range layerTables {
		notes, err := measureLayer(t, lcs, cfg.count, progress)
		allocNotes = append(allocNotes, notes...)
		if err != nil {
			return err
		}
	}
	for _, t := range workerTables {
		notes, err := measureWorkers(t, cfg.count, progress)
		allocNotes = append(allocNotes, notes...)
		if err != nil {
			return err
		}
	}
	for _, t := range callTables {
		notes, err := measureCalls(t, ccs, cfg.count, progress)
		allocNotes = append(allocNotes, notes...)
		if err != nil {
			return err
		}
	}
	if peerTable != nil {
		notes, err := measurePeers(peerTable, cfg.count, progress)
		allocNotes = append(allocNotes, notes...)
		if err != nil {
			return err
		}
	}
	for _, t := range storageTables {
		notes, err := measureStorage(t, cfg.count, progress)
		allocNotes = append(allocNotes, notes...)
		if err != nil {
			return err
		}
	}
	bench.Release()
	fmt.Fprintf(progress, "done in %.1fs\n\n", time.Since(start).Seconds())

	var notes []string
	if len(tables) > 0 {
		for _, c := range cs {
			notes = append(notes, c.Name+": "+c.Note)
		}
	}
	if len(layerTables) > 0 {
		for _, c := range lcs {
			if c.Role != bench.Path || len(tables) == 0 || !slices.ContainsFunc(cs, func(e bench.Contender) bool { return e.Name == c.Name }) {
				notes = append(notes, c.Name+": "+c.Note)
			}
		}
	}
	if len(callTables) > 0 {
		for _, c := range ccs {
			if !slices.ContainsFunc(cs, func(e bench.Contender) bool { return e.Name == c.Name }) {
				notes = append(notes, c.Name+": "+c.Note)
			}
		}
	}
	if peerTable != nil {
		for _, p := range peerTable.Peers {
			if !slices.ContainsFunc(notes, func(n string) bool { return strings.HasPrefix(n, p.Name+": ") }) {
				notes = append(notes, p.Name+": "+p.Note)
			}
		}
	}
	if text {
		for _, t := range tables {
			WriteText(stdout, t)
		}
		if len(layerTables) > 0 {
			fmt.Fprintln(stdout, "Layer kernels: rows x cols, the same inputs every call; every row credited the fused kernel's bytes")
			for _, t := range layerTables {
				WriteLayerText(stdout, t)
			}
		}
		if len(workerTables) > 0 {
			fmt.Fprintln(stdout, "Layers on several workers: kernels.Parallel, and copy() of the same elements on as many goroutines")
			for _, t := range workerTables {
				WriteWorkersText(stdout, t)
			}
		}
		if len(callTables) > 0 {
			fmt.Fprintln(stdout, "Fixed cost per call: the same n inputs every call; empty = the harness's own cost")
			for _, t := range callTables {
				WriteCallText(stdout, t)
			}
		}
		if peerTable != nil {
			WritePeerText(stdout, peerTable)
		}
		for _, t := range storageTables {
			WriteStorageText(stdout, t)
		}
		fmt.Fprintln(stdout, "Contenders:")
		for _, n := range notes {
			fmt.Fprintln(stdout, "  "+n)
		}
		for _, a := range allocNotes {
			fmt.Fprintln(stdout, "note: "+a)
		}
	}
	if cfg.markdown != "" {
		doc := &Doc{
			Command: commandLine(cfg.args),
			Date:    time.Now().UTC().Format("2006-01-02"),
			Lines:   lines,
			Tables:  tables,
			Layer:   layerTables,
			Calls:   callTables,
			Workers: workerTables,
			Peers:   peerTable,
			Storage: storageTables,
			Notes:   notes,
			Allocs:  allocNotes,
		}
		if cfg.svg != "" && cfg.markdown != "-" {
			if len(tables) > 0 {
				doc.Chart = chartLink(cfg.markdown, cfg.svg)
			}
			if layerSVG != "" {
				doc.LayerChart = chartLink(cfg.markdown, layerSVG)
			}
		}
		if cfg.markdown == "-" {
			if err := WriteDoc(stdout, doc); err != nil {
				return err
			}
		} else {
			if err := writeFile(cfg.markdown, func(w io.Writer) error { return WriteDoc(w, doc) }); err != nil {
				return err
			}
			abs, _ := filepath.Abs(cfg.markdown)
			fmt.Fprintf(stdout, "markdown: %s\n", abs)
		}
	}

	title := fmt.Sprintf("fastrelu on %s (family %d model %d), Go %s: GB/s, higher is better",
		strings.TrimSpace(cpuid.CPU.BrandName), cpuid.CPU.Family, cpuid.CPU.Model, runtime.Version())
	charts := []struct {
		file, label string
		write       func(io.Writer) error
	}{
		{cfg.svg, "chart", func(w io.Writer) error { return WriteSVG(w, title, coldTables(tables)) }},
		{layerSVG, "layer chart", func(w io.Writer) error {
			return WriteLayerSVG(w, "fastrelu layer kernels "+strings.TrimPrefix(title, "fastrelu "), layerTables)
		}},
	}
	if len(tables) == 0 {
		charts = charts[1:]
	}
	for _, c := range charts {
		if c.file == "" {
			continue
		}
		if err := writeFile(c.file, c.write); err != nil {
			return err
		}
		abs, _ := filepath.Abs(c.file)
		if text {
			fmt.Fprintf(stdout, "%s: %s\n", c.label, abs)
		} else {
			fmt.Fprintf(progress, "%s: %s\n", c.label, abs)
		}
	}
	return nil
}

func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func nanRow(n int) []float64 {
	r := make([]float64, n)
	for i := range r {
		r[i] = math.NaN()
	}
	return r
}
