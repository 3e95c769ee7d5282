//! K counts one after another on one thread, then one count on each of K threads at once, each
//! saying when it starts and finishes: the Rust side of the timeline of CPU-bound threads that
//! `scripts/compare.sh` draws beside `scripts/python/cpu_count.py`'s (threads-demo's
//! `cpu_parallel` measures the same speedup, without these lines).
//!
//! Run it with `sh scripts/timeline.sh target/release/examples/cpu_threads [K]` (K, from 1 to 64,
//! is std's estimate of the cores this process may use, `available_parallelism`, unless given).
#![forbid(unsafe_code)]

use std::io::Write;
use std::thread;

// As in cpu_parallel: a debug build counts about 20 times slower, so it counts less (the tests run it).
const COUNT: u64 = if cfg!(debug_assertions) { 5_000_000 } else { 500_000_000 };

/// Prints one whole line. As in the demos, a closed stdout is ignored, and any other failure
/// (a full disk) is said on stderr and ends the process with status 1.
fn say(line: &str) {
    match writeln!(std::io::stdout(), "{line}") {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("cpu_threads: cannot write to stdout: {error}");
            std::process::exit(1);
        }
        _ => {}
    }
}

fn count(name: &str) -> u64 {
    say(&format!("{name}: Starting..."));
    let mut total = 0;
    for _ in 0..COUNT {
        total = std::hint::black_box(total + 1);
    }
    say(&format!("{name}: Finished."));
    total
}

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    // `args_os`: an argument that is not UTF-8 is a usage error too, where `args` would panic.
    let mut args = std::env::args_os().skip(1);
    let k = match (args.next().map(|k| k.to_str().and_then(|k| k.parse().ok())), args.next()) {
        (None, _) => cores,
        (Some(Some(k)), None) if (1..=64).contains(&k) => k,
        _ => {
            eprintln!("cpu_threads: expected K, a whole number from 1 to 64, and nothing after it");
            std::process::exit(2);
        }
    };
    for i in 1..=k {
        count(&format!("alone {i}"));
    }
    thread::scope(|s| {
        for i in 1..=k {
            s.spawn(move || count(&format!("thread {i}")));
        }
    });
}
