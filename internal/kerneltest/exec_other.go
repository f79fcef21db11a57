//go:build !plan9

package kerneltest

import (
	"errors"
	"syscall"
)

// notExecutable reports whether err says a binary could not be executed at
// all: an emulated test binary, where no binfmt_misc runs it.
func notExecutable(err error) bool { return errors.Is(err, syscall.ENOEXEC) }
