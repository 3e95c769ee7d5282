#!/bin/sh
# Draws when each unit of work (thread, process, task) ran, from a program's output:
#
#   sh scripts/timeline.sh cargo run -q -p threads-demo
#   sh scripts/timeline.sh target/debug/examples/blocking_pitfall
#   sh scripts/timeline.sh python3 -u scripts/python/threads.py
#
# It runs the command with DEMO_TRACE=1, reads each `NAME: Starting...` and `NAME: Finished...`
# line with its time, and prints one row per NAME: a bar from its start to its finish on a time
# axis shared by all rows, and the seconds at each end. The time is the one the line's trace
# prefix gives (`[1.23s pid 4242 A-0] ...`, as the Rust programs print with DEMO_TRACE=1); a
# program that prints no such prefix (Python's, say) has each line stamped with the time it
# arrives instead, counted from the start of the command, and a line that holds several messages
# (under -u, Python's print writes the text and the newline apart, so two threads can tear a
# line) is read message by message. Run Python with -u, or each process's lines arrive when it
# exits. A unit
# printed by a process other than the one that printed the last line (a forked child) is labelled
# with its pid, where the prefix gives pids. The bars are block characters where the locale is
# UTF-8, `#` elsewhere. Set TIMELINE_WIDTH for another bar width (default 40). Needs a POSIX shell,
# awk and GNU date (`date +%s.%N`, for the stamps).
#
# It is a script rather than a mode of the programs because a timeline needs every line first:
# forked children print theirs from processes of their own, which only the reader sees together.
set -eu

if [ $# -eq 0 ]; then
  echo "timeline: expected a command to run: timeline.sh COMMAND [ARGS...]" >&2
  exit 2
fi
width=${TIMELINE_WIDTH:-40}
case $width in
  '' | *[!0-9]*) echo "timeline: TIMELINE_WIDTH must be a whole number from 10 to 200, not \"$width\"" >&2; exit 2 ;;
esac
if [ "$width" -lt 10 ] || [ "$width" -gt 200 ]; then
  echo "timeline: TIMELINE_WIDTH must be a whole number from 10 to 200, not \"$width\"" >&2
  exit 2
fi
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) bar='█' ;;
  *) bar='#' ;;
esac

traced=$(mktemp)
status=$(mktemp)
trap 'rm -f "$traced" "$status"' EXIT
# Each line is stored after the time it arrived: `SECONDS.NANOSECONDS LINE`.
began=$(date +%s.%N)
{
  if DEMO_TRACE=1 "$@"; then code=0; else code=$?; fi
  echo "$code" >"$status"
} | while IFS= read -r line || [ -n "$line" ]; do
  printf '%s %s\n' "$(date +%s.%N)" "$line"
done >"$traced"
if [ "$(cat "$status")" != 0 ]; then
  echo "timeline: $* failed" >&2
  exit 1
fi
# With a trace prefix on any line, only the traced lines count, each at the time it gives.
stamped=1
if grep -q '^[0-9.]* \[[0-9.]*s pid [0-9]* ' "$traced"; then stamped=0; fi

awk -v width="$width" -v bar="$bar" -v stamped="$stamped" -v began="$began" '
  {
    arrived = $1
    sub(/^[^ ]* /, "")
  }
  # [1.23s pid 4242 A-0] Task A-0: Starting...
  !stamped && /^\[[0-9.]+s pid [0-9]+ / {
    secs = substr($1, 2) + 0
    pid = $3
    text = $0
    sub(/^[^]]*\] /, "", text)
    last_pid = pid
    if (secs > end_of_time) end_of_time = secs
    split_at = index(text, ": ")
    if (split_at == 0) next
    message(secs, pid, substr(text, 1, split_at - 1), substr(text, split_at + 2))
  }
  # Task A-0: Starting...Task A-1: Starting...   (a torn line: two messages)
  stamped {
    secs = arrived - began
    if (secs > end_of_time) end_of_time = secs
    text = $0
    while (match(text, /[A-Za-z][A-Za-z0-9 _-]*: (Starting|Finished)/)) {
      found = substr(text, RSTART, RLENGTH)
      text = substr(text, RSTART + RLENGTH)
      split_at = index(found, ": ")
      message(secs, "", substr(found, 1, split_at - 1), substr(found, split_at + 2))
    }
  }
  function message(secs, pid, name, what) {
    if (what ~ /^Starting/ && !(name in start)) {
      order[++units] = name
      start[name] = secs
      owner[name] = pid
      if (length(name) > label_width) label_width = length(name)
    } else if (what ~ /^Finished/ && (name in start)) {
      finish[name] = secs
    }
  }
  function column(secs) { return int(secs / end_of_time * width + 0.5) }
  END {
    if (units == 0) { print "timeline: no `NAME: Starting...` line to draw" > "/dev/stderr"; exit 1 }
    if (end_of_time == 0) end_of_time = 0.01
    for (i = 1; i <= units; i++) {
      name = order[i]
      if (owner[name] != last_pid) {
        label[name] = name " (pid " owner[name] ")"
      } else {
        label[name] = name
      }
      if (length(label[name]) > label_width) label_width = length(label[name])
    }
    for (i = 1; i <= units; i++) {
      name = order[i]
      to = (name in finish) ? finish[name] : end_of_time
      from_col = column(start[name]); to_col = column(to)
      # Every unit gets at least one column, a unit at the very end of the axis too.
      if (to_col == from_col) { if (to_col < width) to_col++; else from_col-- }
      row = ""
      for (c = 0; c < width; c++) row = row ((c >= from_col && c < to_col) ? bar : " ")
      ends = (name in finish) ? sprintf("%.2f-%.2f s", start[name], to) : sprintf("%.2f- s (no finish line)", start[name])
      printf "%-" label_width "s |%s| %s\n", label[name], row, ends
    }
    axis_end = sprintf("%.2f s", end_of_time)
    printf "%-" label_width "s  %-" (width - length(axis_end) + 1) "s%s\n", "", "0 s", axis_end
  }
' "$traced"
