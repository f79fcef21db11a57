//go:build purego || noasm || !(amd64 || arm64)

package fpenv

func flushSubnormals() (func(), bool) { return func() {}, false }
