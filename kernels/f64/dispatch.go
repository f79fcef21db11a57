package f64

// A path is one of the kernels' implementations besides the generic one:
// the flag that selects it, and whether this CPU and OS run it. The tests
// run each in turn.
type path struct {
	name      string
	flag      *bool
	available bool
}

// usePath selects the path named name ("generic" or one of paths) and
// returns the function that restores the one before, for the tests.
func usePath(name string) (restore func()) {
	old := make([]bool, len(paths))
	for i, p := range paths {
		old[i] = *p.flag
		*p.flag = p.name == name
	}
	return func() {
		for i, p := range paths {
			*p.flag = old[i]
		}
	}
}
