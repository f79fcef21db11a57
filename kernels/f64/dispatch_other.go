//go:build purego || noasm || !(amd64 || arm64)

package f64

var paths []path

// Implementation names the code path this process's kernels run:
// "generic" (pure Go, binary64 operations), the one path of this build.
func Implementation() string { return "generic" }
