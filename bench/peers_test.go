package bench

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// BenchmarkPeer and BenchmarkPeerSmooth are the peer cases (peers.go):
//
//	go test -tags peers -run '^$' -bench 'Peer' -count 6 ./bench > peers.txt
//	benchstat -col /impl -row /fn peers.txt
func BenchmarkPeer(b *testing.B)       { benchPeers(b, HardPeerFuncs) }
func BenchmarkPeerSmooth(b *testing.B) { benchPeers(b, SmoothPeerFuncs) }

func benchPeers(b *testing.B, fns []PeerFunc) {
	for _, fn := range fns {
		b.Run("fn="+fn.Name, func(b *testing.B) {
			for _, p := range Peers() {
				if p.Bind(fn.Name, PeerSizes[0]) == nil {
					continue
				}
				b.Run("impl="+p.Name, func(b *testing.B) {
					for _, n := range PeerSizes {
						b.Run("n="+strconv.Itoa(n), func(b *testing.B) { RunPeer(b, fn, p.Bind(fn.Name, n), n) })
					}
				})
			}
		})
	}
	Release()
}

// TestPeers checks that every peer computes what its name says on ordinary
// inputs (none at a kink, no NaN, infinity or -0), within a tolerance: the
// libraries approximate. The hard functions must agree to a relative 1e-5
// (plus 1e-6 near zero), the smooth ones to 1e-5 relative or absolute.
func TestPeers(t *testing.T) {
	if len(cPeers) == 0 {
		t.Run("C", func(t *testing.T) {
			t.Skip("the C peers are not built (go test -tags peers, with cgo and libdnnl-dev, libxnnpack-dev and libpthreadpool-dev installed)")
		})
	}
	r := rand.New(rand.NewPCG(5, 6))
	check := func(t *testing.T, p *Peer, fn PeerFunc, hard bool) {
		for _, n := range []int{1, 7, 33, 1000, 4096} {
			f := p.Bind(fn.Name, n)
			if f == nil {
				return
			}
			x, g := make([]float32, n), make([]float32, n)
			for i := range x {
				x[i] = r.Float32()*16 - 8 // past the hard functions' kinks at -3, 3 and 6
				g[i] = r.Float32()*2 - 1
			}
			dst := make([]float32, n)
			for i := range dst {
				dst[i] = float32(math.NaN())
			}
			f(dst, g, x)
			for i, got := range dst {
				want := fn.Want(float64(g[i]), float64(x[i]))
				tol := 1e-5*math.Abs(want) + 1e-6
				if !hard {
					tol = max(1e-5*math.Abs(want), 1e-5)
				}
				if !(math.Abs(float64(got)-want) <= tol) {
					t.Fatalf("%s %s n=%d: dst[%d] = %v for x=%v g=%v, want %v", p.Name, fn.Name, n, i, got, x[i], g[i], want)
				}
			}
		}
	}
	for _, p := range Peers() {
		t.Run(p.Name, func(t *testing.T) {
			var has []string
			for _, fn := range HardPeerFuncs {
				check(t, p, fn, true)
				if p.Bind(fn.Name, 1) != nil {
					has = append(has, fn.Name)
				}
			}
			for _, fn := range SmoothPeerFuncs {
				check(t, p, fn, false)
				if p.Bind(fn.Name, 1) != nil {
					has = append(has, fn.Name)
				}
			}
			if len(has) == 0 {
				t.Errorf("%s has no functions", p.Name)
			}
			t.Logf("%s: %v", p.Note, has)
		})
	}
	Release()
}
