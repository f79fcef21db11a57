#!/usr/bin/env bash
# llvm-mca.sh: the llvm-mca table of the kernels' main loops (docs/llvm-mca.md).
#
#   scripts/llvm-mca.sh            # markdown tables on stdout
#   MCA_CPUS="skylake znver4" scripts/llvm-mca.sh
#   MCA_ONLY=lib scripts/llvm-mca.sh   # the library's loops only (MCA_ONLY=cand: candidates only)
#   MCA_CPUS="znver1 znver2" MCA_ONLY=lib scripts/llvm-mca.sh   # AMD Zen 1 and Zen 2 (AVX2 only)
#
# What it does:
#   1. installs Debian's llvm-19 if llvm-mca-19 is missing (apt-get install -y llvm-19);
#   2. builds the kernels package (go test -c ./kernels) and the candidates
#      (scripts/mca/measure, a separate module), and disassembles each kernel
#      with llvm-objdump-19 --symbolize-operands (AT&T syntax, branch targets
#      labelled <Ln>);
#   3. extracts each kernel's MAIN LOOP: in the function's disassembly, the
#      first conditional jump backwards to a label, from that label to the
#      jump, both included, skipping a loop that stores with vmovntps (the
#      streaming loop). The rule for kernels/kernels_amd64.s (hand-written or
#      generated): in each kernel TEXT symbol, the main cached-store body loop
#      is the first loop closed by a conditional back-branch that advances
#      dst by more than one vector ("ADDQ $256, DI" today: "loop: ...
#      SUBQ $64, CX; JAE loop"); the one-vector loop "vec", which advances
#      it by one, is the tail (3b). Keep that order and the table stays
#      right. A kernel with forms (kernels/_asm/kernel/leakyrelu.go: LeakyReLU's max and
#      min forms) has one such loop per form, in the order the generator
#      emits them: the general form first, then each form of the kernel's
#      description (loop_max, loop_min); the K-th is the K-th form. Each body
#      is written to scripts/mca/bodies/<symbol>[.<form>].s;
#   3b. and each library kernel's TAIL: the one-vector loop ("vec": whole
#      vectors after the main loop, and every vector for n < 64), the first
#      loop closed by a conditional back-branch that advances dst by one
#      vector, 32 or 64 bytes ("SUBQ $8, CX; JAE vec"; K-th for form K), its
#      exit branch kept and pointed back at the loop's label (llvm-mca does
#      not follow branches), written to scripts/mca/bodies/<symbol>[.<form>].tail.s;
#   3c. adds the hand-written inputs of scripts/mca/snippets/*.s (AT&T
#      syntax, the same loop shape; line 1: "# name: Kernel avx2, exact: ..."),
#      candidate loop forms that were never assembled into a binary;
#   4. runs llvm-mca-19 -mcpu=<cpu> -iterations=200 on each body and prints two
#      tables: Block RThroughput (llvm-mca's static resource bound, cycles per
#      iteration) and the simulated cycles per iteration (Total Cycles /
#      Iterations), both scaled to cycles per 64 floats (floats per
#      iteration = the loop's "addq $imm, %rdi" / 4; a tail moves one vector
#      per iteration, so its figure is that vector's cycles x 64 / 8 or 16).
#      n/a: an AVX-512 body on a CPU without AVX-512 (skylake, alderlake,
#      znver1, znver2, znver3); skylake-avx512 is the Skylake-SP server core;
#      znver1 splits every 256-bit operation into two 128-bit halves, and
#      znver2 has fewer load and store ports than Zen 3.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cpus=${MCA_CPUS:-"skylake skylake-avx512 icelake-server sapphirerapids alderlake znver1 znver2 znver3 znver4 znver5"}
only=${MCA_ONLY:-all}

if ! command -v llvm-mca-19 >/dev/null || ! command -v llvm-objdump-19 >/dev/null; then
	echo "llvm-mca.sh: installing llvm-19" >&2
	if [ "$(id -u)" = 0 ]; then apt-get install -y llvm-19 >&2; else sudo apt-get install -y llvm-19 >&2; fi
fi
known=$(llvm-mca-19 -mcpu=help 2>&1 || true)
for c in $cpus; do
	grep -qE "^ +$c +- " <<<"$known" || { echo "llvm-mca-19 does not know -mcpu=$c" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bodies=$root/scripts/mca/bodies
mkdir -p "$bodies"

# extract SYMBOL BINARY OUT [K [tail]]: the main loop of SYMBOL (of its K-th
# form, 0 = the first loop) as an llvm-mca input; with "tail", its one-vector
# loop instead (the loop whose "addq $imm, %rdi" is one vector).
extract() {
	llvm-objdump-19 -d --no-show-raw-insn --symbolize-operands --disassemble-symbols="$1" "$2" >"$tmp/dis"
	awk -v sym="$1" -v want="${4:-0}" -v tail="${5:-}" '
		function hex(s,   i, d) { d = 0; for (i = 3; i <= length(s); i++) d = d * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1; return d }
		/^<L[0-9]+>:$/ { lab = substr($0, 2, length($0) - 3); start[lab] = n; next }
		/^ +[0-9a-f]+:/ {
			line = $0; sub(/^ +[0-9a-f]+:[ \t]*/, "", line); gsub(/\t/, " ", line)
			ins[n++] = line
			if (line ~ /^j[a-z]+ +<L[0-9]+>$/ && line !~ /^jmp/) {
				t = line; sub(/^j[a-z]+ +</, "", t); sub(/>$/, "", t)
				if (t in start) {
					nt = 0; step = 0
					for (i = start[t]; i < n; i++) {
						if (ins[i] ~ /vmovnt/) nt++
						if (ins[i] ~ /^addq +\$0x[0-9a-f]+, %rdi( |$)/) { v = ins[i]; sub(/^addq +\$/, "", v); sub(/,.*/, "", v); step = hex(v) }
					}
					# one vector a step (32 or 64 bytes): the tail; more: the main loop
					if (nt == 0 && step > 0 && (tail ? step <= 64 : step > 64) && seen++ == want) {
						print "# " (tail ? "one-vector loop (tail)" : "main loop") " of " sym (want ? ", form " want : "")
						print ".Lloop:"
						for (i = start[t]; i < n - 1; i++) {
							l = ins[i]
							sub(/<L[0-9]+>$/, ".Lloop", l) # the tail'"'"'s exit branch: llvm-mca follows none
							print "\t" l
						}
						op = line; sub(/ .*/, "", op)
						print "\t" op " .Lloop"
						found = 1; exit
					}
				}
			}
		}
		END { if (!found) { print "no main loop found in " sym > "/dev/stderr"; exit 1 } }' "$tmp/dis" >"$3"
}

rows=()   # "kernel|isa|variant|exact|file"
if [ "$only" != cand ]; then
	(cd "$root" && go test -c -o "$tmp/lib.test" ./kernels)
	for k in reluAVX2:ReLU:avx2 leakyReLUAVX2:LeakyReLU:avx2 reluGradAVX2:ReLUGrad:avx2 leakyReLUGradAVX2:LeakyReLUGrad:avx2 \
		reluAVX512:ReLU:avx512 leakyReLUAVX512:LeakyReLU:avx512 reluGradAVX512:ReLUGrad:avx512 leakyReLUGradAVX512:LeakyReLUGrad:avx512 \
		$(for a in ReLU6:relu6 HardSigmoid:hardSigmoid HardSwish:hardSwish HardTanh:hardTanh; do
			for isa in AVX2 AVX512; do
				echo "${a#*:}$isa:${a%:*}:${isa,,} ${a#*:}Grad$isa:${a%:*}Grad:${isa,,}"
			done
		done); do
		IFS=: read -r fn kernel isa <<<"$k"
		f=$bodies/lib.$fn.s
		extract "github.com/fastrelu/fastrelu/kernels.$fn.abi0" "$tmp/lib.test" "$f"
		v="library (kernels_amd64.s)"
		[ "$kernel" != LeakyReLU ] || v="library, general form"
		rows+=("$kernel|$isa|$v|yes|$f")
		f=$bodies/lib.$fn.tail.s
		extract "github.com/fastrelu/fastrelu/kernels.$fn.abi0" "$tmp/lib.test" "$f" 0 tail
		v="library, tail"
		[ "$kernel" != LeakyReLU ] || v="library, general form, tail"
		rows+=("$kernel|$isa|$v|yes|$f")
	done
	# The AVX2 forms for AMD Zen 1 and Zen 2 (useZen12), the first form of
	# kernels that have no other.
	for k in reluAVX2:ReLU leakyReLUGradAVX2:LeakyReLUGrad; do
		IFS=: read -r fn kernel <<<"$k"
		f=$bodies/lib.$fn.zen12.s
		extract "github.com/fastrelu/fastrelu/kernels.$fn.abi0" "$tmp/lib.test" "$f" 1
		rows+=("$kernel|avx2|library, zen12 form|yes|$f")
		f=$bodies/lib.$fn.zen12.tail.s
		extract "github.com/fastrelu/fastrelu/kernels.$fn.abi0" "$tmp/lib.test" "$f" 1 tail
		rows+=("$kernel|avx2|library, zen12 form, tail|yes|$f")
	done
	# LeakyReLU's forms: the general one above, then max and min.
	for isa in AVX2 AVX512; do
		i=0
		for form in "max:0 < alpha <= 1" "min:1 <= alpha < +Inf"; do
			i=$((i + 1))
			fn=leakyReLU$isa f=$bodies/lib.leakyReLU$isa.${form%%:*}.s
			extract "github.com/fastrelu/fastrelu/kernels.$fn.abi0" "$tmp/lib.test" "$f" $i
			rows+=("LeakyReLU|${isa,,}|library, ${form%%:*} form|${form#*:}|$f")
			f=$bodies/lib.leakyReLU$isa.${form%%:*}.tail.s
			extract "github.com/fastrelu/fastrelu/kernels.$fn.abi0" "$tmp/lib.test" "$f" $i tail
			rows+=("LeakyReLU|${isa,,}|library, ${form%%:*} form, tail|${form#*:}|$f")
		done
	done
fi
if [ "$only" != lib ]; then
	m=$root/scripts/mca/measure
	(cd "$m" && GOWORK=off go test -c -o "$tmp/cand.test" .) # its own module, outside go.work
	# "// LeakyReLU avx2, exact: yes" precedes each "TEXT ·name(SB)".
	while IFS='|' read -r name kernel isa exact; do
		f=$bodies/cand.$name.s
		extract "fastrelu.local/mcameasure.$name.abi0" "$tmp/cand.test" "$f"
		rows+=("$kernel|$isa|$name|$exact|$f")
	done < <(awk '/^\/\/ [A-Za-z]+ avx[0-9]+, exact: / { k = $2; isa = $3; sub(/,$/, "", isa); e = $0; sub(/.*exact: /, "", e) }
		/^TEXT / { n = $2; sub(/^·/, "", n); sub(/\(SB\),?$/, "", n); print n "|" k "|" isa "|" e }' "$m/kernels_amd64.s")
	# Hand-written llvm-mca inputs (AT&T), never assembled into a binary:
	# line 1 reads "# name: Kernel avx2, exact: ...".
	for f in "$root"/scripts/mca/snippets/*.s; do
		IFS='|' read -r name kernel isa exact < <(awk 'NR == 1 { n = $2; sub(/:$/, "", n); isa = $4; sub(/,$/, "", isa); e = $0; sub(/.*exact: /, "", e); print n "|" $3 "|" isa "|" e; exit }' "$f")
		rows+=("$kernel|$isa|$name (snippet)|$exact|$f")
	done
fi

# Sort rows by kernel, then isa, library first.
order() {
	case $1 in
	ReLU) echo 01 ;; LeakyReLU) echo 02 ;; ReLUGrad) echo 03 ;; LeakyReLUGrad) echo 04 ;;
	ReLU6) echo 05 ;; ReLU6Grad) echo 06 ;; HardSigmoid) echo 07 ;; HardSigmoidGrad) echo 08 ;;
	HardSwish) echo 09 ;; HardSwishGrad) echo 10 ;; HardTanh) echo 11 ;; HardTanhGrad) echo 12 ;;
	esac
}
sorted=()
while IFS= read -r r; do sorted+=("${r#*	}"); done < <(
	for r in "${rows[@]}"; do
		IFS='|' read -r kernel isa variant exact f <<<"$r"
		lib=1; [ "${variant#library}" != "$variant" ] && lib=0
		printf '%s%s%s%s\t%s\n' "$(order "$kernel")" "$isa" "$lib" "$variant" "$r"
	done | sort -t '	' -k1,1)

declare -A rt sim fl
for r in "${sorted[@]}"; do
	IFS='|' read -r kernel isa variant exact f <<<"$r"
	# floats per iteration: dst's pointer increment (addq $imm, %rdi) / 4
	inc=$(awk '/addq +\$0x[0-9a-f]+, %rdi/ { v = $2; sub(/^\$0x/, "", v); sub(/,$/, "", v); print v; exit }' "$f")
	fl[$f]=$(( 0x${inc:-0} / 4 ))
	[ "${fl[$f]}" != 0 ] || fl[$f]=
	[ -n "${fl[$f]}" ] || { echo "no addq \$imm, %rdi in $f" >&2; exit 1; }
	for c in $cpus; do
		if [ "$isa" = avx512 ] && [[ " skylake alderlake znver3 znver2 znver1 haswell broadwell " == *" $c "* ]]; then
			rt[$f,$c]=n/a sim[$f,$c]=n/a # no AVX-512 on that core
			continue
		fi
		if ! out=$(llvm-mca-19 -mcpu="$c" -iterations=200 "$f" 2>&1); then
			# An AVX-512 body on a CPU without AVX-512 (skylake, alderlake, znver3).
			grep -q 'unsupported instruction' <<<"$out" || { echo "llvm-mca-19 failed on $f for $c: $out" >&2; exit 1; }
			rt[$f,$c]=n/a sim[$f,$c]=n/a
			continue
		fi
		rt[$f,$c]=$(awk -v k="${fl[$f]}" '/Block RThroughput:/ { printf "%.2f", $3 * 64 / k }' <<<"$out")
		sim[$f,$c]=$(awk -v k="${fl[$f]}" '/^Iterations:/ { it = $2 } /^Total Cycles:/ { tc = $3 } END { printf "%.2f", tc / it * 64 / k }' <<<"$out")
	done
done

table() { # $1: rt or sim
	printf '| kernel | isa | variant | exact | floats/iter |'
	for c in $cpus; do printf ' %s |' "$c"; done
	printf '\n|---|---|---|---|---:|'
	for c in $cpus; do printf -- '---:|'; done
	printf '\n'
	for r in "${sorted[@]}"; do
		IFS='|' read -r kernel isa variant exact f <<<"$r"
		printf '| %s | %s | %s | %s | %s |' "$kernel" "$isa" "$variant" "$exact" "${fl[$f]}"
		for c in $cpus; do
			if [ "$1" = rt ]; then printf ' %s |' "${rt[$f,$c]}"; else printf ' %s |' "${sim[$f,$c]}"; fi
		done
		printf '\n'
	done
}

echo "llvm-mca-19 ($(llvm-mca-19 --version | awk '/LLVM version/ { print $NF; exit }')), the main loop of each kernel; cycles per 64 floats (lower is better)."
echo
echo "Block RThroughput (static resource bound) x 64 / floats per iteration:"
echo
table rt
echo
echo "Simulated (llvm-mca -iterations=200): Total Cycles / Iterations x 64 / floats per iteration:"
echo
table sim
