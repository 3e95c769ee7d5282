//! What the examples of this crate share: start a number of named threads, join every one, and
//! report a thread the OS refused or a thread that panicked. `main.rs` spells the same pattern
//! out for the article's three threads.
#![forbid(unsafe_code)]

use std::thread;

/// Runs `task(i)` for `i` in `0..count`, each on its own thread named `{prefix}-{i}`, joins them
/// all, and returns their results in order.
///
/// The error is one line: the thread that the OS refused to start (how many had started, what the
/// OS said), or the threads that panicked. Every thread that started is joined either way.
///
/// ```
/// let squares = threads_demo::run_threads(4, "sq", |i| i * i).unwrap();
/// assert_eq!(squares, [0, 1, 4, 9]);
/// ```
pub fn run_threads<T, F>(count: usize, prefix: &str, task: F) -> Result<Vec<T>, String>
where
    T: Send + 'static,
    F: Fn(usize) -> T + Send + Clone + 'static,
{
    let mut threads = Vec::with_capacity(count);
    let mut refused = None;
    for i in 0..count {
        let task = task.clone();
        let builder = thread::Builder::new().name(format!("{prefix}-{i}"));
        match builder.spawn(move || task(i)) {
            Ok(thread) => threads.push(thread),
            Err(e) => {
                refused = Some(format!(
                    "cannot start thread {prefix}-{i} ({i} started): {e}"
                ));
                break;
            }
        }
    }
    let mut results = Vec::with_capacity(threads.len());
    let mut panicked = Vec::new();
    for thread in threads {
        let name = thread.thread().name().unwrap_or("unnamed").to_owned();
        match thread.join() {
            Ok(result) => results.push(result),
            Err(_) => panicked.push(name),
        }
    }
    match (refused, panicked.is_empty()) {
        (Some(refused), _) => Err(refused),
        (None, false) => Err(format!("thread {} panicked", panicked.join(", "))),
        (None, true) => Ok(results),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_thread_is_named_and_the_others_still_joined() {
        let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = std::sync::Arc::clone(&done);
        let result = run_threads(3, "t", move |i| {
            assert_ne!(i, 1, "thread 1 fails on purpose");
            std::thread::sleep(std::time::Duration::from_millis(50));
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        assert_eq!(result.unwrap_err(), "thread t-1 panicked");
        assert_eq!(done.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
