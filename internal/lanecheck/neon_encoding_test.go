package lanecheck

import (
	"debug/elf"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestNEONEncodings is kernels' TestNEONEncodings for lanecheck_arm64.s:
// every WORD there must be what aarch64-linux-gnu-as -march=armv8-a makes
// of the instruction in its comment, and no line may emit raw data in any
// other form. It runs on any host and skips without the assembler, unless
// FASTRELU_REQUIRE_AS is set.
func TestNEONEncodings(t *testing.T) {
	src, err := os.ReadFile("lanecheck_arm64.s")
	if err != nil {
		t.Fatal(err)
	}
	wordLine := regexp.MustCompile(`^\tWORD\t\$0x([0-9a-f]{8}) // ([a-z][a-z0-9]*(?: [a-z0-9 ,.#\[\]{}-]+)?)$`)
	rawData := regexp.MustCompile(`\b(WORD|DWORD|BYTE|LONG|QUAD|OCTA)\b`)
	var words []uint32
	var instrs []string
	for i, line := range strings.Split(string(src), "\n") {
		code, _, _ := strings.Cut(line, "//")
		if !rawData.MatchString(code) {
			continue
		}
		m := wordLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("lanecheck_arm64.s:%d: raw data not in the form WORD $0x<hex> // <instruction>: %q", i+1, line)
		}
		w, _ := strconv.ParseUint(m[1], 16, 32)
		words = append(words, uint32(w))
		instrs = append(instrs, m[2])
	}
	if len(words) == 0 {
		t.Fatal("no WORD in lanecheck_arm64.s")
	}
	as, err := exec.LookPath("aarch64-linux-gnu-as")
	if err != nil {
		if os.Getenv("FASTRELU_REQUIRE_AS") != "" {
			t.Fatal("aarch64-linux-gnu-as is not installed and FASTRELU_REQUIRE_AS is set")
		}
		t.Skip("aarch64-linux-gnu-as not installed (Debian: binutils-aarch64-linux-gnu)")
	}
	dir := t.TempDir()
	asm, obj := filepath.Join(dir, "w.s"), filepath.Join(dir, "w.o")
	if err := os.WriteFile(asm, []byte(".text\n"+strings.Join(instrs, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(as, "-march=armv8-a", "-o", obj, asm).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	f, err := elf.Open(obj)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text, err := f.Section(".text").Data()
	if err != nil {
		t.Fatal(err)
	}
	if len(text) != 4*len(words) {
		t.Fatalf("%d instructions assembled to %d bytes", len(words), len(text))
	}
	for i, w := range words {
		if got := binary.LittleEndian.Uint32(text[4*i:]); got != w {
			t.Errorf("WORD $%#08x // %s: the assembler gives %#08x", w, instrs[i], got)
		}
	}
	t.Logf("%d WORDs match %s", len(words), as)
}
