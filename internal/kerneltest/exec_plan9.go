package kerneltest

// notExecutable: Plan 9 has no ENOEXEC, and no emulated test binaries.
func notExecutable(error) bool { return false }
