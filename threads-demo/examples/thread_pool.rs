//! Python's `ThreadPoolExecutor(max_workers=3).map(f, items)` in Rust: `std::thread::scope` with
//! three workers that share the items.
//!
//! Each of 6 items takes 0.2 s of waiting; three workers take the next item as they come free, so
//! the run takes about 0.4 s rather than 1.2 s, and never has more than three items at once. The
//! results come back in the items' order, as `map` returns them, and the scope joins every
//! worker before it returns, as the `with` block does. For data parallelism, the rayon crate's
//! `par_iter` splits the items over a pool of its own, one thread per core, and keeps their order.
//!
//! Run it with `cargo run -p threads-demo --example thread_pool`. It prints:
//!
//! ```text
//! results: [1, 4, 9, 16, 25, 36]
//! 6 items on 3 workers, at most 3 at once: 0.40 s (one after another: 1.20 s)
//! ```
#![forbid(unsafe_code)]

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::thread;
use std::time::Duration;

use shared::Stopwatch;

const WORKERS: usize = 3;
const WAIT: Duration = Duration::from_millis(200);

/// `executor.map(f, items)` on `workers` threads: each worker takes the next item not yet taken.
/// `f` is shared by the workers, so it must be `Sync`; each result goes back to this thread, so
/// it must be `Send`.
fn pool_map<T: Sync, R: Send>(workers: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = thread::scope(|s| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Relaxed);
                        let Some(item) = items.get(index) else {
                            return done;
                        };
                        done.push((index, f(item)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a worker panicked")).collect()
    });
    // Back in the items' order, whichever worker did each.
    done.sort_by_key(|&(index, _)| index);
    done.into_iter().map(|(_, result)| result).collect()
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let items = [1, 2, 3, 4, 5, 6];
    // How many items are being worked on now, and the most there have been at once. `Relaxed`
    // is enough: each read-modify-write of one atomic sees the one before it, whatever the
    // ordering, and no other memory is shared through them.
    let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let clock = Stopwatch::start();
    let results = pool_map(WORKERS, &items, |&x: &u64| {
        most.fetch_max(now.fetch_add(1, Relaxed) + 1, Relaxed);
        thread::sleep(WAIT); // stands in for I/O
        now.fetch_sub(1, Relaxed);
        x * x
    });
    let secs = clock.secs();
    let most = most.into_inner();
    let alone = WAIT.as_secs_f64() * items.len() as f64;
    log.line(format_args!("results: {results:?}"));
    log.line(format_args!(
        "{} items on {WORKERS} workers, at most {most} at once: {secs:.2} s (one after another: {alone:.2} s)",
        items.len()
    ));
}
