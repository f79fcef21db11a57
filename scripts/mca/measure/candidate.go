//go:build amd64

package measure

// A candidate loop body, as a kernel that runs only the main loop: n must be
// a multiple of 64. f is either a forward or a gradient function.
type candidate struct {
	name, isa, kernel, exact string
	f                        any
}
