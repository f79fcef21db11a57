#!/usr/bin/env bash
# llvm-mca-smooth.sh: llvm-mca's view of the smooth activations' vector
# loops (the Checked kernels, docs/smooth.md): for each kernel's AVX-512 and
# AVX2 evaluation, the simulated cycles per float of its main loop on a few
# cores, and the multiply/FMA and division counts of the AVX-512 loop.
#
#   scripts/llvm-mca-smooth.sh                  # a markdown table on stdout
#   MCA_KERNELS="sigmoid gelu" scripts/llvm-mca-smooth.sh
#
# The main loop of nameAVX512Vectors (two vectors an iteration) and of
# nameAVX2Vectors is the first conditional jump backwards in the function's
# disassembly, from its target to the jump; its branches out (a lane that is
# not certain) are taken as not taken, which is the loop's steady state.
# Floats per iteration: its "addq $imm, %rdi" / 4. LLVM 19 models znver5
# with znver4's scheduling model.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kernels=${MCA_KERNELS:-"sigmoid tanh silu gelu geluTanh elu softplus mish siluGrad geluGrad geluTanhGrad mishGrad eluGrad softplusGrad"}
columns=${MCA_COLUMNS:-"AVX512:znver4 AVX512:skylake-avx512 AVX2:znver3 AVX2:znver2 AVX2:skylake"}
if ! command -v llvm-mca-19 >/dev/null || ! command -v llvm-objdump-19 >/dev/null; then
	echo "llvm-mca-smooth.sh: installing llvm-19" >&2
	if [ "$(id -u)" = 0 ]; then apt-get install -y llvm-19 >&2; else sudo apt-get install -y llvm-19 >&2; fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go test -c -o "$tmp/kernels.test" ./kernels)
llvm-objdump-19 -d --no-show-raw-insn "$tmp/kernels.test" >"$tmp/dis.txt"
list=()
for k in $kernels; do list+=("${k}AVX512Vectors" "${k}AVX2Vectors"); done
python3 - "$tmp" "${list[@]}" <<'PY'
import re, sys
tmp, names = sys.argv[1], sys.argv[2:]
funcs, cur = {}, None
for line in open(tmp + "/dis.txt"):
    m = re.match(r"^[0-9a-f]+ <github.com/fastrelu/fastrelu/kernels\.(\w+)\.abi0>:", line)
    if m:
        cur = m.group(1)
        funcs[cur] = []
        continue
    if re.match(r"^[0-9a-f]+ <", line):
        cur = None
        continue
    m = re.match(r"^\s*([0-9a-f]+):\s*(.*)$", line)
    if cur and m:
        funcs[cur].append((int(m.group(1), 16), m.group(2).strip()))
for name in names:
    ins = funcs[name]
    for a, t in ins:
        m = re.match(r"j(?!mp)\w+\s+0x([0-9a-f]+)", t)
        if m and int(m.group(1), 16) < a:
            lo = int(m.group(1), 16)
            body = [re.sub(r"\s*<.*>$", "", x) for b, x in ins if lo <= b <= a]
            body = [x.split()[0] + " 0x0" if x.startswith("j") else x for x in body]
            open(f"{tmp}/{name}.s", "w").write("\n".join(body) + "\n")
            break
    else:
        sys.exit(f"llvm-mca-smooth.sh: no loop in {name}")
PY
header="| kernel |" rule="|:--|"
for c in $columns; do header+=" ${c%%:*} ${c#*:} |"; rule+="--:|"; done
echo "Cycles per float of the main loop (llvm-mca-19 -iterations=200: total cycles / iterations / floats an iteration)"
echo
echo "$header AVX-512 loop: mul+FMA, div per 32 floats |"
echo "$rule--:|"
for k in $kernels; do
	row="| $k |"
	for c in $columns; do
		s=$tmp/${k}${c%%:*}Vectors.s
		step=$(grep -m1 -E 'addq	\$0x[0-9a-f]+, %rdi' "$s" | sed -E 's/.*\$(0x[0-9a-f]+).*/\1/')
		cycles=$(llvm-mca-19 -mcpu="${c#*:}" -iterations=200 "$s" | awk '/^Total Cycles:/ {print $3}')
		row+=" $(awk -v c="$cycles" -v s="$((step / 4))" 'BEGIN {printf "%.2f", c / 200 / s}') |"
	done
	s=$tmp/${k}AVX512Vectors.s
	row+=" $(grep -cE 'vfmadd|vmulp[sd]' "$s"), $(grep -c 'vdivp' "$s" || true) |"
	echo "$row"
done
