//go:build !purego && !noasm

package lanecheck

// supported returns what this CPU lacks to run check on path, or "":
// AdvSIMD is part of every arm64 CPU Go runs on.
func supported(path, check string) string { return "" }
