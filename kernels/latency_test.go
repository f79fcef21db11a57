package kernels

import (
	"os"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// TestSleeperLateness measures what the package's long calls cost the rest
// of a program: with GOMAXPROCS=1, a goroutine sleeping 1 ms beside a loop
// of long calls wakes only when the runtime can preempt the loop, that is
// at a Go function's stack check between two kernel calls (the assembly
// itself cannot be preempted). It logs the median and the worst lateness
// and fails when the median reaches maxMedianLateness.
//
// It needs 512 MiB and a few seconds of an otherwise idle core, and its
// result depends on the machine, so it runs only on request:
//
//	FASTRELU_LATENCY=1 go test -run TestSleeperLateness -v ./kernels
func TestSleeperLateness(t *testing.T) {
	if os.Getenv("FASTRELU_LATENCY") == "" {
		t.Skip("set FASTRELU_LATENCY=1 to run (512 MiB, timing-sensitive)")
	}
	// Even with a preemption point every few microseconds, the sleeper
	// waits for the runtime to ask for one: sysmon, which polls every
	// 10 ms while the program is busy, preempts a goroutine it has seen run
	// the same time slice for 10 ms, two polls apart. A goroutine resumed
	// just after such a preemption is preempted about 20 ms later, so the
	// sleeper wakes 9-19 ms late at best; the rest is what the kernel calls
	// between two preemption points add.
	const maxMedianLateness = 20 * time.Millisecond
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))

	const n = 64 << 20
	a, b := make([]float32, n), make([]float32, n)
	for i := range a {
		a[i], b[i] = float32(i%7)-3, float32(i%5)-2
	}
	dbias := make([]float32, 2048)
	p := NewParallel(2) // a column split: the caller and one worker, on one P
	defer p.Close()

	for _, c := range []struct {
		name string
		call func()
	}{
		// One row of 64Mi columns: one kernel call unless rows are split.
		{"BiasReLU/1x64Mi", func() { BiasReLU(b, b, a) }},
		// Column ranges over 32768 rows, one kernel call per row.
		{"Parallel.ReLUGradBias/32768x2048", func() { p.ReLUGradBias(b, dbias, b, a) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t0 := time.Now()
			c.call()
			t.Logf("one call: %v", time.Since(t0).Round(10*time.Microsecond))
			late := sleeperLateness(c.call, 41)
			slices.Sort(late)
			q := func(f float64) time.Duration { return late[int(f*float64(len(late)-1))].Round(10 * time.Microsecond) }
			median := late[len(late)/2]
			t.Logf("1 ms sleeper, GOMAXPROCS=1: median %v late (quartiles %v, %v; best %v, worst %v; %d samples)",
				q(0.5), q(0.25), q(0.75), q(0), q(1), len(late))
			if median >= maxMedianLateness {
				t.Errorf("median lateness %v, want < %v", median, maxMedianLateness)
			}
		})
	}
}

// sleeperLateness runs call in a loop on this goroutine while another
// sleeps 1 ms samples times, and returns how late each sleep ended.
func sleeperLateness(call func(), samples int) []time.Duration {
	var stop atomic.Bool
	done := make(chan []time.Duration)
	go func() {
		late := make([]time.Duration, 0, samples)
		for range samples {
			t0 := time.Now()
			time.Sleep(time.Millisecond)
			late = append(late, time.Since(t0)-time.Millisecond)
		}
		stop.Store(true)
		done <- late
	}()
	for !stop.Load() {
		call()
	}
	return <-done
}
