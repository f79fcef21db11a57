package kernels

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The NEON kernels spell the instructions Go's assembler lacks as WORDs, each
// with its instruction in a comment; kernels_arm64.s is generated, the words
// by the encoder in _asm/neon (whose own tests check it against the same
// assembler). TestNEONEncodings checks the file itself (and internal/lanecheck's
// lanecheck_arm64.s, from the same encoder), whatever wrote it:
// it assembles every such comment with GNU as for AArch64 and requires each
// WORD to be exactly what the assembler produces. It runs on any host (it
// reads kernels_arm64.s as text) and skips when aarch64-linux-gnu-as is
// missing, unless FASTRELU_REQUIRE_AS is set: scripts/check-neon-encodings.sh,
// which CI runs, installs the assembler (Debian binutils-aarch64-linux-gnu)
// and sets it, so in CI a missing assembler fails rather than skips.

const (
	neonAsmFile    = "kernels_arm64.s"
	neonAssembler  = "aarch64-linux-gnu-as"
	requireAsEnv   = "FASTRELU_REQUIRE_AS"
	neonAsmVariant = "-march=armv8-a" // the baseline Go's arm64 port requires: no extension may slip in
)

// neonAsmExtensions are the files whose WORDs need an extension, each
// with the -march that has it: package bf16's conversions, whose only WORDs
// are narrowBFCVT's BFCVTN (run where FEAT_BF16 is detected).
var neonAsmExtensions = map[string]string{"bf16/convert_arm64.s": "-march=armv8-a+bf16"}

// neonVariant returns the -march that file's WORDs are checked with.
func neonVariant(file string) string {
	if v, ok := neonAsmExtensions[file]; ok {
		return v
	}
	return neonAsmVariant
}

// neonWordLine is the one accepted form of a line that emits raw bytes:
// a tab, WORD, a tab, $0x and eight lowercase hex digits, one space, //, one
// space, then a lowercase instruction built only from letters, digits,
// spaces, commas, dots, '#', '-', brackets and braces. That excludes
// assembler directives (a leading '.'), labels (':'), a second statement
// (';'), literal pools ('=') and nested comments ('/').
var neonWordLine = regexp.MustCompile(`^\tWORD\t\$0x([0-9a-f]{8}) // ([a-z][a-z0-9]*(?: [a-z0-9 ,.#\[\]{}-]+)?)$`)

// neonRawData finds any data-emitting pseudo-instruction in the code part of
// a line (before "//"): each must be a WORD in the form above, so that no
// encoding hides in a BYTE, DWORD, a macro or a line with two statements.
var neonRawData = regexp.MustCompile(`\b(WORD|DWORD|BYTE|LONG|QUAD|OCTA)\b`)

type neonWord struct {
	line  int    // 1-based line in the file
	word  uint32 // the WORD's value
	instr string // the instruction in its comment
}

// parseNEONWords returns every WORD of an arm64 assembly file, or an error
// naming the first line that emits raw data in any other form.
func parseNEONWords(name string, src []byte) ([]neonWord, error) {
	var words []neonWord
	for i, line := range strings.Split(string(src), "\n") {
		code, _, _ := strings.Cut(line, "//")
		if !neonRawData.MatchString(code) {
			continue
		}
		m := neonWordLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("%s:%d: raw data must be written as \"\\tWORD\\t$0x<8 lowercase hex digits> // <instruction>\": %q", name, i+1, line)
		}
		var w uint32
		if _, err := fmt.Sscanf(m[1], "%x", &w); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, i+1, err)
		}
		words = append(words, neonWord{line: i + 1, word: w, instr: m[2]})
	}
	return words, nil
}

// assembleNEON assembles instrs, one per line, and returns one 32-bit word
// per instruction. It fails unless the text section holds exactly 4 bytes
// per instruction, so an instruction cannot be a macro or pseudo-instruction
// that expands to more or fewer words.
func assembleNEON(as, variant, dir string, instrs []string) ([]uint32, error) {
	in := filepath.Join(dir, "words.s")
	obj := filepath.Join(dir, "words.o")
	if err := os.WriteFile(in, []byte(".text\n"+strings.Join(instrs, "\n")+"\n"), 0o644); err != nil {
		return nil, err
	}
	if out, err := exec.Command(as, variant, "-o", obj, in).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%s %s (line N of its input is instruction N-1): %v\n%s", as, variant, err, out)
	}
	f, err := elf.Open(obj)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	text := f.Section(".text")
	if text == nil {
		return nil, fmt.Errorf("%s: no .text section", obj)
	}
	data, err := text.Data()
	if err != nil {
		return nil, err
	}
	if len(data) != 4*len(instrs) {
		return nil, fmt.Errorf("%d instructions assembled to %d bytes, want %d: one of them is not a single instruction", len(instrs), len(data), 4*len(instrs))
	}
	words := make([]uint32, len(instrs))
	for i := range words {
		words[i] = binary.LittleEndian.Uint32(data[4*i:])
	}
	return words, nil
}

// checkNEONWords assembles every instruction and reports each WORD that
// differs from its encoding.
func checkNEONWords(as, dir, name string, words []neonWord) error {
	instrs := make([]string, len(words))
	for i, w := range words {
		instrs[i] = w.instr
	}
	got, err := assembleNEON(as, neonVariant(name), dir, instrs)
	if err != nil {
		return err
	}
	var bad bytes.Buffer
	for i, w := range words {
		if got[i] != w.word {
			fmt.Fprintf(&bad, "%s:%d: WORD $0x%08x, but %q assembles to $0x%08x\n", name, w.line, w.word, w.instr, got[i])
		}
	}
	if bad.Len() > 0 {
		return fmt.Errorf("%s", bad.String())
	}
	return nil
}

func TestNEONEncodings(t *testing.T) {
	as, err := exec.LookPath(neonAssembler)
	if err != nil {
		if os.Getenv(requireAsEnv) != "" {
			t.Fatalf("%s is not installed (Debian: apt-get install binutils-aarch64-linux-gnu) and %s is set", neonAssembler, requireAsEnv)
		}
		t.Skipf("%s not installed; scripts/check-neon-encodings.sh installs it and runs this test", neonAssembler)
	}
	// internal/lanecheck's kernels, package f64's and the 16-bit packages'
	// conversions come from the same encoder: their files are checked here
	// too.
	for _, file := range []string{"../internal/lanecheck/lanecheck_arm64.s", "f64/kernels_arm64.s", "f16/convert_arm64.s", "bf16/convert_arm64.s", neonAsmFile} {
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		words, err := parseNEONWords(file, src)
		require.NoError(t, err)
		require.NotEmpty(t, words, "no WORD found in %s", file)
		require.Equal(t, bytes.Count(src, []byte("\tWORD\t")), len(words), "every WORD is checked")
		require.True(t, bytes.HasPrefix(src, []byte("// Code generated by go generate from kernels/_asm/neon")),
			"%s is generated (go generate ./kernels): edit the descriptions in _asm/neon, not the file", file)
		require.NoError(t, checkNEONWords(as, t.TempDir(), file, words))
		t.Logf("%d WORDs in %s match %s %s", len(words), file, neonAssembler, neonVariant(file))
	}
	src, err := os.ReadFile(neonAsmFile)
	require.NoError(t, err)
	words, err := parseNEONWords(neonAsmFile, src)
	require.NoError(t, err)

	// The check must catch a wrong word: flip one bit of each WORD in turn
	// (the lowest, then the highest, and one in the middle, of different
	// words) and require an error naming that line.
	t.Run("detects a corrupted word", func(t *testing.T) {
		for i, bit := range []uint{0, 31, 16} {
			k := i * (len(words) - 1) / 2
			bad := append([]neonWord(nil), words...)
			bad[k].word ^= 1 << bit
			err := checkNEONWords(as, t.TempDir(), neonAsmFile, bad)
			require.Error(t, err)
			require.Contains(t, err.Error(), fmt.Sprintf("%s:%d: WORD $0x%08x", neonAsmFile, bad[k].line, bad[k].word))
		}
	})

	// Loose forms must be rejected, not skipped.
	t.Run("rejects other forms", func(t *testing.T) {
		for _, line := range []string{
			"\tWORD\t$0x6ea0d804",                                  // no instruction
			"\tWORD\t$0x6EA0D804 // fcmle v4.4s, v0.4s, #0.0",      // uppercase hex
			"\tWORD\t$0x6ea0d80 // fcmle v4.4s, v0.4s, #0.0",       // seven digits
			"\tWORD\t$1856034820 // fcmle v4.4s, v0.4s, #0.0",      // decimal
			"\tWORD\t$0x6ea0d804 // .inst 0x6ea0d804",              // a directive
			"\tWORD\t$0x6ea0d804 // fcmle v4.4s, v0.4s, #0.0; nop", // two statements
			"\tWORD\t$0x6ea0d804; WORD $0x0 // fcmle v4.4s, v0.4s, #0.0",
			"#define CMP4 WORD $0x6ea0d804",
			"\tDWORD\t$0x6ea0d8046ea0d804",
			"\tBYTE\t$0x04",
		} {
			_, err := parseNEONWords("x.s", []byte("TEXT ·f(SB), 0, $0\n"+line+"\n\tRET\n"))
			require.Error(t, err, "%q", line)
			require.Contains(t, err.Error(), "x.s:2:", "%q", line)
		}
	})

	// An instruction that is not exactly one word, or does not assemble,
	// is an error even when no WORD is compared yet.
	t.Run("rejects non-instructions", func(t *testing.T) {
		for _, instr := range []string{"ldr x0, =0x123456789abc", "fcmle v4.4s, v0.4s, #1.0", "bogus v0.4s"} {
			_, err := assembleNEON(as, neonAsmVariant, t.TempDir(), []string{instr})
			require.Error(t, err, "%q", instr)
		}
	})
}
