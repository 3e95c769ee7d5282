#!/bin/sh
# Turns the article's comparison table into numbers measured on this machine.
#
#   sh scripts/compare.sh > compare.md
#
# Builds the release binaries, runs the three demos, the companion examples, the scale examples
# (threads, processes and tasks at N = 1 to 10000, tasks also at 100000 and 1000000) and the real
# I/O examples (api_calls and downloads against api_server, N = 100 to 10000),
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
server_pid=
trap 'if [ -n "$server_pid" ]; then kill "$server_pid"; fi; rm -rf "$scratch"' EXIT
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

# Real I/O: api_calls (tasks, at most LIMIT at once) and downloads (a thread per file) against
# api_server, 100 ms of latency, 16 KiB per answer. Each request holds a socket: raise the limit
# on open files as far as allowed, and leave out the 10000 rows where it stays too low.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
say "starting api_server"
"$ex/api_server" >"$scratch/server.txt" &
server_pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
  server=$(sed -n 's/^listening on \([0-9.:]*\),.*/\1/p' "$scratch/server.txt")
  [ -n "$server" ] && break
  sleep 1
done
[ -n "$server" ] || { say "FAILED: api_server printed no address"; exit 1; }

# io CLIENT EXAMPLE N [LIMIT]: one row of the I/O table; sets CLIENT_N_LIMIT_wall, ..._rate, ..._kib.
io() {
  run "$ex/measure" "$ex/$2" "$server" "$3" ${4:-}
  wall=$(printf '%s\n' "$out" | sed -n 's/^wall: \([0-9.]*\) s.*/\1/p')
  kib=$(field "$(last)" peak_rss_kib)
  limit=${4:-$3}
  [ "$2" = api_calls ] && [ -z "${4:-}" ] && limit=$(( $3 < 1000 ? $3 : 1000 ))
  rate=$(calc "sprintf(\"%.0f\", $3 / $wall)")
  eval "${1}_$3_${limit}_wall=$wall ${1}_$3_${limit}_rate=$rate ${1}_$3_${limit}_kib=$kib"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$limit" "$wall" "$rate" "$kib" \
    "$(calc "sprintf(\"%.2f\", $kib / $3)")" >>"$scratch/io.md"
}
big=$( [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 10100 ] && echo 10000 || echo )
[ -n "$big" ] || say "the limit on open files ($(ulimit -n)) is too low for 10000 sockets: those rows are left out"
for n in 100 1000 $big; do
  io tasks api_calls "$n"
  io threads downloads "$n"
done
if [ -n "$big" ]; then io tasks api_calls 10000 10000; fi
kill "$server_pid"; server_pid=

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

### Real I/O: N requests to a local server with 100 ms of latency

Each request opens a connection to \`api_server\` on 127.0.0.1, asks for 16 KiB and checks its
length and checksum. Tasks: \`api_calls\`, one thread, at most LIMIT requests at once. Threads:
\`downloads\`, a thread per request, all at once. One after another, N requests would take N x 0.1 s.
Peak memory is the client's, measured by \`measure\`.

| model | N | at most at once | wall (s) | requests per second | peak memory (KiB) | memory per request (KiB) |
|---|---|---|---|---|---|---|
$(cat "$scratch/io.md")

### The article's table, in Rust

| the article's row | what it says for Python | what holds in Rust | measured here |
|---|---|---|---|
| Best for I/O-bound tasks | Multithreading, AsyncIO | Both: threads and tasks overlap their waits | threads-demo, 3 x 2 s: $threads_wall s; async-demo, 3 x 1 s: $async_wall s |
| True parallelism | Multiprocessing | Processes, and threads too: there is no GIL | cpu_parallel, $cores threads on $cores cores: speedup $speedup (median of 5 rounds) |
| Memory sharing | Threads shared, processes separate, AsyncIO shared within one process | The same; sharing between threads must be \`Send\`/\`Sync\`, checked by the compiler | shared_counter totals: $counter; pipe, the sum of two children's counts: $pipe_sum |
| Overhead | Processes high, threads moderate, AsyncIO low | Tasks cost least by far; processes cost the most, above all in memory | per unit at N = 10000: processes $processes_10000_us µs and $(per_unit "$processes_10000_kib" 10000) KiB, threads $threads_10000_us µs and $(per_unit "$threads_10000_kib" 10000) KiB, tasks $tasks_10000_us µs and $(per_unit "$tasks_10000_kib" 10000) KiB |
| GIL impact | Threads significant, processes bypassed, AsyncIO unaffected | None: Rust has no GIL | the speedup above |
| Ideal use cases | Web scraping (asyncio), heavy data processing (multiprocessing), concurrent API calls (asyncio/threading) | Many requests that mostly wait: tasks, with a limit on how many at once; a few blocking calls: threads; CPU work: threads, or processes for isolation | 1000 requests of 0.1 s: tasks $tasks_1000_1000_wall s and $tasks_1000_1000_kib KiB, threads $threads_1000_1000_wall s and $threads_1000_1000_kib KiB$( [ -n "$big" ] && printf '; 10000: tasks 1000 at once %s s (%s per second) and %s KiB, tasks all at once %s s (%s per second), threads %s s and %s KiB' "$tasks_10000_1000_wall" "$tasks_10000_1000_rate" "$tasks_10000_1000_kib" "$tasks_10000_10000_wall" "$tasks_10000_10000_rate" "$threads_10000_10000_wall" "$threads_10000_10000_kib") |
| Complexity | Race conditions, inter-process communication, async/await syntax | Data races do not compile; IPC is explicit (pipes); a blocking call stalls the async runtime | blocking_pitfall, 3 tasks x 1 s: blocking $blocking_s s, awaiting $awaiting_s s, spawn_blocking $offloaded_s s |
EOF

echo
echo "\`sh scripts/compare.sh\` took $(( $(date +%s) - started )) s here, release build included."
