#!/usr/bin/env bash
# The project's checks, the same ones CI runs (.ci/run calls this script): formatting, lints, the
# docs, and the README's test command, in debug and then in release builds. Run it from anywhere:
#   bash scripts/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step cargo fmt --all --check
cargo fmt --all --check

step cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --workspace --all-targets -- -D warnings

step 'RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features'
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features

step cargo test --workspace
cargo test --workspace

# The README's first command, and the plain `cargo run` a newcomer also types: both run the
# main demo (the workspace's default member), whose last line is the summary.
for run in "cargo run -q -p async-demo" "cargo run -q"; do
  step "$run"
  last=$($run | tail -n 1)
  case "$last" in
    "All async tasks finished in "*" seconds.") echo "$last" ;;
    *) echo "\`$run\` did not end with the summary line, but with: $last" >&2; exit 1 ;;
  esac
done

# The demos must behave the same when optimized, where the waits and counts take less time.
step cargo test --workspace --release
cargo test --workspace --release
