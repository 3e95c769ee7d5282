#!/usr/bin/env bash
# The project's checks, the same ones CI runs (.ci/run calls this script): formatting, lints, and
# the README's test command, in debug and then in release builds. Run it from anywhere:
#   bash scripts/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step cargo fmt --all --check
cargo fmt --all --check

step cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --workspace --all-targets -- -D warnings

step cargo test --workspace
cargo test --workspace

# The demos must behave the same when optimized: in particular process-demo's count must stay
# real work (see its `black_box`), and timing must not depend on debug-build slowness.
step cargo test --workspace --release
cargo test --workspace --release
