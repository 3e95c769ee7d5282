#!/bin/sh
# Turns the article's comparison table into numbers measured on this machine.
#
#   sh scripts/compare.sh > compare.md
#
# Builds the release binaries, runs the three demos, the companion examples and the scale
# examples (threads, processes and tasks at N = 1 to 10000, tasks also at 100000 and 1000000),
# and prints Markdown: the targets, the scale table, and the article's table restated for Rust
# with the figures beside its claims; and it writes an SVG plot of the scale table (overhead and
# memory per unit against N, log scales) to $COMPARE_SVG, by default
# target/compare/scale.svg. Progress goes to stderr. It needs only cargo and a POSIX
# shell with awk; it exits non-zero as soon as any run fails. Its last line says how long it
# took, build included.
set -eu
cd "$(dirname "$0")/.."
started=$(date +%s)

target=${CARGO_TARGET_DIR:-target}
bin=$target/release
ex=$bin/examples

say() { printf 'compare: %s\n' "$*" >&2; }

# run COMMAND...: runs it and keeps its output in $out; stops the script if it fails.
run() {
  say "running $*"
  if ! out=$("$@"); then
    say "FAILED: $*"
    exit 1
  fi
}

# last: the last line of $out.   field LINE KEY: the value of KEY=value in LINE.
last() { printf '%s\n' "$out" | tail -n 1; }
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# calc EXPRESSION: awk arithmetic, for the figures and the comparisons.
calc() { awk "BEGIN { print $1 }"; }

say "building release binaries and examples"
cargo build --release --workspace --bins --examples --quiet

# The clean debug build a newcomer waits for: a fresh target directory, crates already fetched.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
say "timing a clean debug build (target directory $scratch/debug-build)"
run env CARGO_TARGET_DIR="$scratch/debug-build" "$ex/measure" cargo build --workspace --quiet
build_s=$(field "$(last)" wall_s)

# demo NAME VAR: runs a demo under `measure`; sets VAR_wall and VAR_kib.
demo() {
  run "$ex/measure" "$bin/$1"
  eval "${2}_wall=$(field "$(last)" wall_s) ${2}_kib=$(field "$(last)" peak_rss_kib)"
}
demo threads-demo threads
demo process-demo process
demo async-demo async

# scale MODEL EXAMPLE N: one row of the scale table; sets MODEL_N_wall, MODEL_N_us, MODEL_N_kib.
scale() {
  run "$ex/$2" "$3"
  line=$(last)
  eval "${1}_$3_wall=$(field "$line" wall_s) ${1}_$3_us=$(field "$line" overhead_us_per_unit)"
  eval "${1}_$3_kib=$(field "$line" peak_rss_kib)"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$(field "$line" wall_s)" \
    "$(field "$line" overhead_us_per_unit)" "$(field "$line" peak_rss_kib)" \
    "$(field "$line" rss_kib_per_unit)" >>"$scratch/scale.md"
  printf '%s %s %s %s\n' "$1" "$3" "$(field "$line" overhead_us_per_unit)" \
    "$(field "$line" rss_kib_per_unit)" >>"$scratch/scale.tsv"
}
for n in 1 10 100 1000 10000; do
  scale threads many_threads "$n"
  scale processes many_processes "$n"
  scale tasks many_tasks "$n"
done
scale tasks many_tasks 100000
scale tasks many_tasks 1000000

run "$ex/cpu_parallel"
cores=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) threads,.*/\1/p')
speedup=$(printf '%s\n' "$out" | sed -n 's/^speedup: \([0-9.]*\) .*/\1/p')
run "$ex/shared_counter"
counter=$(printf '%s\n' "$out" | awk '{ printf "%s%s %s", sep, $1, $NF; sep = ", " }')
run "$ex/pipe"
pipe_sum=$(last | sed 's/^sum: //')
run "$ex/blocking_pitfall"
blocking_s=$(printf '%s\n' "$out" | sed -n '1s/^[^0-9]*\([0-9.]*\) s, .*/\1/p')
awaiting_s=$(printf '%s\n' "$out" | sed -n '2s/^[^0-9]*\([0-9.]*\) s, .*/\1/p')
offloaded_s=$(printf '%s\n' "$out" | sed -n '3s/^[^0-9]*\([0-9.]*\) s, .*/\1/p')

svg=${COMPARE_SVG:-$target/compare/scale.svg}
mkdir -p "$(dirname "$svg")"
sh scripts/plot.sh <"$scratch/scale.tsv" >"$svg"
say "wrote the plot of the scale table to $svg"

# target LABEL MEASURED LIMIT UNIT: one row of the targets table.
target() {
  verdict=$(calc "($2 <= $3) ? \"met\" : \"MISSED\"")
  printf '| %s | %s %s | at most %s %s | %s |\n' "$1" "$2" "$4" "$3" "$4" "$verdict"
}

mib() { calc "sprintf(\"%.1f\", $1 / 1024)"; }
per_unit() { calc "sprintf(\"%.2f\", $1 / $2)"; }

cat <<EOF
Measured by \`sh scripts/compare.sh\` on $(uname -sm), $(nproc 2>/dev/null || echo '?') cores, $(date -u +%Y-%m-%d).

### Targets (release builds)

| what | measured | target | |
|---|---|---|---|
$(target "threads-demo wall" "$threads_wall" 2.01 s)
$(target "threads-demo peak memory" "$(mib "$threads_kib")" 4 MiB)
$(target "async-demo wall" "$async_wall" 1.01 s)
$(target "async-demo peak memory" "$(mib "$async_kib")" 4 MiB)
$(target "process-demo wall" "$(calc "$process_wall * 1000")" 20 ms)
$(target "process-demo peak memory" "$(mib "$process_kib")" 4 MiB)
$(target "many_tasks 1000000 wall" "$tasks_1000000_wall" 2.0 s)
$(target "many_tasks 1000000 peak memory" "$(mib "$tasks_1000000_kib")" 512 MiB)
$(target "many_threads 10000 wall" "$threads_10000_wall" 2.0 s)
$(target "many_processes 1000 wall" "$processes_1000_wall" 2.0 s)
$(target "clean debug build of the workspace" "$build_s" 20 s)

### Scale: N units each wait 1 s at once

Overhead is the wall time beyond 1 s, per unit. A process's memory counts the pages it shares
copy-on-write with its parent, so the processes' figure is an upper bound.

| model | N | wall (s) | overhead per unit (µs) | peak memory (KiB) | memory per unit (KiB) |
|---|---|---|---|---|---|
$(cat "$scratch/scale.md")

The same, plotted on log scales: \`$svg\`.

### The article's table, in Rust

| the article's row | what it says for Python | what holds in Rust | measured here |
|---|---|---|---|
| Best for I/O-bound tasks | Multithreading, AsyncIO | Both: threads and tasks overlap their waits | threads-demo, 3 x 2 s: $threads_wall s; async-demo, 3 x 1 s: $async_wall s |
| True parallelism | Multiprocessing | Processes, and threads too: there is no GIL | cpu_parallel, $cores threads on $cores cores: speedup $speedup (median of 5 rounds) |
| Memory sharing | Threads shared, processes separate, AsyncIO shared within one process | The same; sharing between threads must be \`Send\`/\`Sync\`, checked by the compiler | shared_counter totals: $counter; pipe, the sum of two children's counts: $pipe_sum |
| Overhead | Processes high, threads moderate, AsyncIO low | Tasks cost least by far; processes cost the most, above all in memory | per unit at N = 10000: processes $processes_10000_us µs and $(per_unit "$processes_10000_kib" 10000) KiB, threads $threads_10000_us µs and $(per_unit "$threads_10000_kib" 10000) KiB, tasks $tasks_10000_us µs and $(per_unit "$tasks_10000_kib" 10000) KiB |
| GIL impact | Threads significant, processes bypassed, AsyncIO unaffected | None: Rust has no GIL | the speedup above |
| Complexity | Race conditions, inter-process communication, async/await syntax | Data races do not compile; IPC is explicit (pipes); a blocking call stalls the async runtime | blocking_pitfall, 3 tasks x 1 s: blocking $blocking_s s, awaiting $awaiting_s s, spawn_blocking $offloaded_s s |
EOF

echo
echo "\`sh scripts/compare.sh\` took $(( $(date +%s) - started )) s here, release build included."
