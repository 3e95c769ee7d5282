//! The timing and logging helpers the demos print through, so that each demo's `main` reads like
//! its Python original. Std only, one file: a tutorial copies it next to a demo as `src/shared.rs`
//! and adds `mod shared;`.
//!
//! - [`Log`]: prints one line of output in one `write`, flushed at once, and never panics on a
//!   closed pipe. With `DEMO_TRACE=1` in the environment each line starts with the seconds since
//!   the program started, the pid and the thread that printed it, so the output shows the overlap.
//! - [`Stopwatch`]: seconds since a start on a monotonic clock, like Python's
//!   `time.perf_counter() - start` (the article's `time.time() - start_time` reads the wall clock,
//!   which moves when the system time is set).
//! - [`count_to`]: the article's CPU-bound work, kept real in release builds.
//! - [`error`] and [`usage_error`]: one-line messages on stderr; the second is the answer to a bad
//!   argument (exit status 2), which [`no_args`] and [`count_arg`] give.
//! - [`peak_rss_kib`] and [`scale_summary`]: what the scale examples measure and print.
#![forbid(unsafe_code)]
// A program that pastes this file as `mod shared;` uses only some of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fmt::Display;
use std::io::{self, Write};
use std::sync::Once;
use std::time::Instant;

/// The environment variable that turns the trace prefix on: `1` for on; unset, empty or `0` for
/// off (an empty value counts as unset, as `DEMO_TRACE= cargo run` is the shell's way to clear a
/// variable for one command); any other value is refused.
pub const TRACE_VAR: &str = "DEMO_TRACE";

/// Measures wall time from the moment it is started, on [`Instant`]'s clock: monotonic, so a
/// change of the system time does not move it, as with Python's `time.perf_counter()`.
///
/// ```
/// let clock = shared::Stopwatch::start();
/// std::thread::sleep(std::time::Duration::from_millis(20));
/// assert!(clock.secs() >= 0.02);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Stopwatch(Instant);

impl Stopwatch {
    /// Starts counting now.
    pub fn start() -> Self {
        Stopwatch(Instant::now())
    }

    /// Seconds since [`Stopwatch::start`], as a float (print it with `{:.2}`).
    pub fn secs(&self) -> f64 {
        self.0.elapsed().as_secs_f64()
    }
}

/// Prints the demos' lines. It is `Copy`, so every thread and task can take its own.
///
/// ```
/// let log = shared::Log::new(false);
/// assert_eq!(log.format("Task A-0: Starting..."), "Task A-0: Starting...\n");
///
/// let traced = shared::Log::new(true).format("Task A-0: Starting...");
/// let me = std::thread::current();
/// let who = format!("pid {} {}]", std::process::id(), me.name().unwrap_or("unnamed"));
/// assert!(traced.starts_with("[0.00s ") && traced.contains(&who), "{traced}");
/// assert!(traced.ends_with("] Task A-0: Starting...\n"), "{traced}");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Log {
    clock: Stopwatch,
    trace: bool,
    /// How the process ends when a line cannot be written: `std::process::exit` unless
    /// [`Log::exiting_with`] says otherwise.
    exit: fn(i32) -> !,
}

impl Log {
    /// A log whose clock starts now; `trace` turns the `[seconds pid thread]` prefix on.
    pub fn new(trace: bool) -> Self {
        Log { clock: Stopwatch::start(), trace, exit: std::process::exit }
    }

    /// This log, ending the process with `exit` instead of `std::process::exit` when a line
    /// cannot be written. A forked child passes a function that calls `libc::_exit`: the clean-up
    /// that `exit` runs (the `atexit` handlers, C's stdio buffers) belongs to the parent.
    ///
    /// ```
    /// fn leave(status: i32) -> ! {
    ///     // A forked child calls `libc::_exit(status)` here (process-demo's port does).
    ///     std::process::exit(status)
    /// }
    /// let log = shared::Log::new(false).exiting_with(leave);
    /// assert_eq!(log.format("Process B-0: Starting..."), "Process B-0: Starting...\n");
    /// ```
    pub fn exiting_with(self, exit: fn(i32) -> !) -> Self {
        Log { exit, ..self }
    }

    /// A log configured by `DEMO_TRACE`. A value other than `1`, `0` or empty is the user's
    /// mistake: a one-line error and exit status 2.
    pub fn from_env() -> Self {
        match parse_trace(std::env::var_os(TRACE_VAR).as_deref()) {
            Ok(trace) => Log::new(trace),
            Err(message) => usage_error(&message),
        }
    }

    /// Prints `text` as one line.
    ///
    /// The line is formatted first, then handed to stdout whole and flushed, while stdout is
    /// locked: it reaches the OS in one `write` (a second only if the OS took part of it, as a
    /// nearly full disk may), and lines from threads never interleave. Lines from processes
    /// that share a pipe do not interleave either: POSIX makes a write of at most `PIPE_BUF`
    /// bytes to a pipe atomic (4096 bytes on Linux; see [write] and Linux's [pipe(7)]). The
    /// flush is explicit because std documents stdout as line-buffered when connected to a terminal
    /// ([`std::io::Stdout`]): into a file or a pipe a line could otherwise wait in a buffer that
    /// a `fork` would copy, and be printed twice.
    ///
    /// When the reader has gone (`| head -1`) the line is dropped quietly, where `println!` would
    /// panic. Any other failure (a full disk) is reported on stderr, said once however many
    /// threads fail at the same moment, and ends the process with status 1: through
    /// `std::process::exit`, or the function given to [`Log::exiting_with`] (a forked child's
    /// `_exit`), whose parent then reports the child's status.
    ///
    /// [write]: https://pubs.opengroup.org/onlinepubs/9799919799/functions/write.html
    /// [pipe(7)]: https://man7.org/linux/man-pages/man7/pipe.7.html
    pub fn line(&self, text: impl Display) {
        static REPORTED: Once = Once::new();
        let line = self.format(text);
        let written = {
            let mut out = io::stdout().lock();
            out.write_all(line.as_bytes()).and_then(|()| out.flush())
        };
        match written {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                // The first thread to fail says why. `call_once` makes the others wait until it
                // has: a thread that ended the process at once could cut the message off.
                REPORTED.call_once(|| error(format_args!("cannot write to stdout: {e}")));
                (self.exit)(1)
            }
            _ => {}
        }
    }

    /// Prints `text` as [`Log::line`] does, but only with `DEMO_TRACE=1`: for the lines that mark
    /// when a unit of work starts and finishes (`NAME: Starting...`, `NAME: Finished.`), which
    /// `scripts/timeline.sh` draws, in a program whose own output has none.
    pub fn trace_line(&self, text: impl Display) {
        if self.trace {
            self.line(text);
        }
    }

    /// The line [`Log::line`] prints, newline included.
    pub fn format(&self, text: impl Display) -> String {
        if !self.trace {
            return format!("{text}\n");
        }
        let me = std::thread::current();
        let who = me.name().unwrap_or("unnamed");
        let (secs, pid) = (self.clock.secs(), std::process::id());
        format!("[{secs:.2}s pid {pid} {who}] {text}\n")
    }
}

/// Reads a `DEMO_TRACE` value: unset, empty or `0` is off, `1` is on, anything else an error.
fn parse_trace(value: Option<&OsStr>) -> Result<bool, String> {
    match value.map(OsStr::to_str) {
        None | Some(Some("" | "0")) => Ok(false),
        Some(Some("1")) => Ok(true),
        Some(_) => Err(format!(
            "{TRACE_VAR} must be 0 (plain lines) or 1 (lines with time and pid), not {:?}",
            value.unwrap_or_default()
        )),
    }
}

/// The article's CPU-bound work: counts from 0 to `n`, one increment at a time, and returns `n`.
///
/// ```
/// assert_eq!(shared::count_to(10_u64.pow(7)), 10_000_000);
/// ```
pub fn count_to(n: u64) -> u64 {
    let mut count = 0;
    for _ in 0..n {
        // `black_box` asks the optimizer to treat the value as unknown (a best effort, std's docs
        // say, not a promise); without it a release build replaces the whole loop with
        // `count = n` and there is no work left to measure.
        count = std::hint::black_box(count + 1);
    }
    count
}

/// Exits with a usage error (status 2) if the program was given any argument: the demos take
/// none, and silently ignoring one would let a user believe it did something.
pub fn no_args() {
    if std::env::args_os().len() > 1 {
        usage_error(
            "expected no arguments (the one setting is the environment variable DEMO_TRACE)",
        );
    }
}

/// Reads the program's one argument, `what`, as a whole number from 1 to `max`; `None` when there
/// is none. Anything else (not such a number, a second argument) is a usage error.
pub fn count_arg(what: &str, max: u64) -> Option<u64> {
    if std::env::args_os().len() > 2 {
        usage_error(&format!(
            "expected {what}, a whole number from 1 to {max}, and nothing after it"
        ));
    }
    count_arg_at(1, what, max)
}

/// Reads argument number `position` (1 for the first) as `what`, a whole number from 1 to `max`;
/// `None` when there is no such argument, a usage error when it is not such a number.
pub fn count_arg_at(position: usize, what: &str, max: u64) -> Option<u64> {
    let value = std::env::args_os().nth(position)?;
    match value.to_str().and_then(|text| text.parse().ok()) {
        Some(n) if (1..=max).contains(&n) => Some(n),
        _ => {
            usage_error(&format!("expected {what}, a whole number from 1 to {max}, not {value:?}"))
        }
    }
}

/// Like [`count_arg`], for a program whose one argument is required.
pub fn required_count_arg(what: &str, max: u64) -> u64 {
    count_arg(what, max)
        .unwrap_or_else(|| usage_error(&format!("expected {what}, a whole number from 1 to {max}")))
}

/// This process's peak resident memory so far, in KiB (`VmHWM` in `/proc/self/status`), or
/// `None` where there is no such file (outside Linux).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The one summary line the scale examples print, the same for threads, processes and tasks:
/// `n` units each waited `1 s` at once; the rest of the wall time is the overhead.
///
/// ```
/// let line = shared::scale_summary("threads", 1000, 1.0126, Some(20_480));
/// assert_eq!(
///     line,
///     "model=threads n=1000 wall_s=1.013 overhead_s=0.013 overhead_us_per_unit=12.6 \
///      peak_rss_kib=20480 rss_kib_per_unit=20.48"
/// );
/// ```
pub fn scale_summary(model: &str, n: u64, wall_secs: f64, peak_rss_kib: Option<u64>) -> String {
    let overhead = wall_secs - 1.0;
    let per_unit_us = overhead * 1e6 / n as f64;
    let (peak, per_unit) = match peak_rss_kib {
        Some(kib) => (kib.to_string(), format!("{:.2}", kib as f64 / n as f64)),
        None => ("n/a".to_owned(), "n/a".to_owned()),
    };
    format!(
        "model={model} n={n} wall_s={wall_secs:.3} overhead_s={overhead:.3} \
         overhead_us_per_unit={per_unit_us:.1} peak_rss_kib={peak} rss_kib_per_unit={per_unit}"
    )
}

/// Prints `program: message` on stderr and exits with status 2, the answer to a user's mistake.
pub fn usage_error(message: &str) -> ! {
    error(message);
    std::process::exit(2)
}

/// Prints `program: message` on stderr as one line, in one `write`: `eprintln!` may split a line
/// into several writes, and two processes failing at once would print their messages torn.
pub fn error(message: impl Display) {
    let arg0 = std::env::args_os().next().unwrap_or_default();
    let program = std::path::Path::new(&arg0).file_name().unwrap_or_default();
    let line = format!("{}: {message}\n", program.to_string_lossy());
    let _ = io::stderr().write_all(line.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_values() {
        assert_eq!(parse_trace(None), Ok(false));
        for off in ["", "0"] {
            assert_eq!(parse_trace(Some(OsStr::new(off))), Ok(false));
        }
        assert_eq!(parse_trace(Some(OsStr::new("1"))), Ok(true));
        let err = parse_trace(Some(OsStr::new("true"))).unwrap_err();
        assert!(err.contains("DEMO_TRACE must be 0") && err.contains("\"true\""), "{err}");
    }

    #[test]
    fn traced_line_names_the_thread() {
        let log = Log::new(true);
        let line = std::thread::Builder::new()
            .name("A-7".into())
            .spawn(move || log.format("hello"))
            .unwrap()
            .join()
            .unwrap();
        let pid = std::process::id();
        assert!(line.ends_with(&format!(" pid {pid} A-7] hello\n")), "{line}");
    }

    #[test]
    fn trace_prefix_shows_elapsed_time() {
        let log = Log::new(true);
        std::thread::sleep(std::time::Duration::from_millis(60));
        let line = log.format("x");
        let secs: f64 = line[1..line.find('s').unwrap()].parse().unwrap();
        assert!((0.05..1.0).contains(&secs), "{line}");
    }

    #[test]
    fn scale_summary_without_memory() {
        let line = scale_summary("tasks", 4, 1.5, None);
        assert!(
            line.ends_with(" overhead_us_per_unit=125000.0 peak_rss_kib=n/a rss_kib_per_unit=n/a"),
            "{line}"
        );
    }
}
