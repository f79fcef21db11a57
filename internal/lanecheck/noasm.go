//go:build purego || noasm || !(amd64 || arm64)

package lanecheck

// Without assembly the generic path is the only one.
var asmPaths []asmPath

func supported(path, check string) string { return "" }
