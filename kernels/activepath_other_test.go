//go:build purego || noasm || !(amd64 || arm64)

package kernels

// setPath: this build has the generic path only.
func setPath(string) (restore func()) { return func() {} }
