// Package impl holds the table of kernel implementations that package kernels
// compiles in, so that the tests, fuzz targets and benchmarks of every package
// in this module can walk each path by name. It is internal: users call the
// public functions of package kernels, which pick one path once, at start-up.
//
// Who owns what:
//   - Package kernels owns the table. Its init calls Register once with the
//     rows (best first, generic last), the exported API as one more row, and
//     the selector that switches the path the exported functions dispatch to.
//     Nothing else registers rows.
//   - Tests, fuzz targets and benchmarks read the table through All, Public
//     and Generic, and switch the active path through Use, always restoring
//     it (internal/kerneltest does both with t.Cleanup). Use and Replace are
//     for tests only: they change process-wide state that the kernels read
//     without synchronisation, so no call may run concurrently with them.
//   - internal/kerneltest owns everything tests share on top of this table:
//     walking the rows as subtests, the special values, guard pages,
//     bit-exact assertions.
package impl

// Impl, one row of the table, is in kernels.go (generated from the kernel
// descriptions, one field per kernel).

var (
	table  []Impl
	public Impl
	use    func(name string) (restore func())
)

// Register records the table: rows (best first, the generic row last), the
// exported functions as a row (named "public", every kernel set), and the
// selector that makes the exported functions dispatch to the row named
// name, returning a function that restores the previous path. Package
// kernels calls it once, from its init.
func Register(rows []Impl, publicRow Impl, selector func(name string) (restore func())) {
	table, public, use = rows, publicRow, selector
}

// All returns every row compiled into this build, best first, the generic
// row last; rows this CPU cannot run have Available false. Import package
// kernels (which fills the table) before calling it.
func All() []Impl { return table }

// Public returns the exported functions of package kernels as a row.
func Public() Impl { return public }

// Generic returns the generic row, the last one.
func Generic() Impl { return table[len(table)-1] }

// Use makes the exported functions dispatch to the row named name (which
// this CPU must run) and returns a function that restores the previous
// path. For tests only (see the package doc).
func Use(name string) (restore func()) { return use(name) }

// Replace swaps the table for rows and returns a function that restores it.
// For tests of code that walks the table (the benchmarks' contenders) only.
func Replace(rows []Impl) (restore func()) {
	saved := table
	table = rows
	return func() { table = saved }
}
