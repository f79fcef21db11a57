package f64

// Implementation returns the name of the path this package's kernels run:
// "generic" (pure Go, binary64 operations) on every platform, until the
// descriptions' assembly backends write float64 lanes.
func Implementation() string { return "generic" }

// streamingThreshold is the size above which a call writes dst with
// non-temporal stores: none in Go.
var streamingThreshold = 0
