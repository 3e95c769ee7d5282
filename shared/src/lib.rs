//! The few helpers the three demos share, so that each demo's `main` reads like its Python original.
//!
//! - [`Log`]: prints one line of output, whole and once. With `DEMO_TRACE=1` in the environment, each
//!   line starts with the seconds since the program started and who printed it, so that the output
//!   shows the overlap: every task starts at 0.00 s, every task finishes at 2.00 s.
//! - [`Stopwatch`]: seconds since a start, like Python's `time.time() - start_time`.
//! - [`count_to`]: the article's CPU-bound work, kept real in release builds.
//! - [`error`] and [`usage_error`]: one-line messages on stderr; the second is the answer to a bad
//!   argument or environment value (exit status 2), which [`no_args`] and [`count_arg`] give.
//! - [`peak_rss_kib`] and [`scale_summary`]: what the scale examples measure and print.
//!
//! None of them is more than a few lines of std, and a tutorial can inline each one. They live here
//! so that all demos time and print the same way, and so that the tests can rely on one format.
#![forbid(unsafe_code)]

use std::ffi::OsStr;
use std::fmt::Display;
use std::io::{self, Write};
use std::time::Instant;

#[cfg(feature = "testing")]
pub mod testing;

/// The environment variable that turns the trace prefix on: `1` for on, `0` or unset for off.
pub const TRACE_VAR: &str = "DEMO_TRACE";

/// Measures wall time from the moment it is started.
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

/// Prints the demos' lines. It is `Copy`, so every thread can take its own.
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
}

impl Log {
    /// A log whose clock starts now; `trace` turns the `[seconds pid who]` prefix on.
    pub fn new(trace: bool) -> Self {
        Log {
            clock: Stopwatch::start(),
            trace,
        }
    }

    /// A log configured by `DEMO_TRACE`. A value other than `0` or `1` is the user's mistake:
    /// it gets a one-line error and exit status 2 (see [`usage_error`]).
    pub fn from_env() -> Self {
        match parse_trace(std::env::var_os(TRACE_VAR).as_deref()) {
            Ok(trace) => Log::new(trace),
            Err(message) => usage_error(&message),
        }
    }

    /// Prints `text` as one line.
    ///
    /// The whole line goes out in one `write` while stdout is locked, so lines from threads never
    /// interleave, nor do lines from processes that share a pipe (a write of fewer than
    /// `PIPE_BUF` bytes to a pipe is atomic). Rust's stdout is line-buffered even into a file or a
    /// pipe, so nothing waits in a buffer that a `fork` could copy and print twice.
    ///
    /// When the reader has gone, the line is dropped quietly. Any other failure (a full disk) is
    /// reported on stderr and ends the process with status 1; in a forked child that ends just the
    /// child, whose parent then reports it. (`exit` is safe there: the child has one thread, and
    /// stdout's buffer, which `exit` flushes, is empty.)
    pub fn line(&self, text: impl Display) {
        match io::stdout().lock().write_all(self.format(text).as_bytes()) {
            Ok(()) => {}
            // The reader has gone (`| head -1`). Nobody is left to tell, so the demo goes on
            // quietly instead of panicking as `println!` would.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            Err(e) => {
                error(format_args!("cannot write to stdout: {e}"));
                std::process::exit(1);
            }
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

/// The article's CPU-bound work: counts from 0 to `n`, one increment at a time, and returns `n`.
///
/// ```
/// assert_eq!(shared::count_to(10_u64.pow(7)), 10_000_000);
/// ```
pub fn count_to(n: u64) -> u64 {
    let mut count = 0;
    for _ in 0..n {
        // `black_box` hides the value from the optimizer; without it a release build replaces
        // the whole loop with `count = n` and there is no work left to measure.
        count = std::hint::black_box(count + 1);
    }
    count
}

/// This process's peak resident memory so far, in KiB (`VmHWM` in `/proc/self/status`), or
/// `None` where there is no such file (outside Linux).
///
/// ```
/// if cfg!(target_os = "linux") {
///     assert!(shared::peak_rss_kib().unwrap() > 0);
/// }
/// ```
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
/// let line = shared::scale_summary("tasks", 4, 1.5, None);
/// assert!(line.ends_with(" peak_rss_kib=n/a rss_kib_per_unit=n/a"), "{line}");
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

/// Reads a `DEMO_TRACE` value: unset, empty or `0` is off, `1` is on, anything else an error.
///
/// ```
/// use std::ffi::OsStr;
/// assert_eq!(shared::parse_trace(None), Ok(false));
/// assert_eq!(shared::parse_trace(Some(OsStr::new("0"))), Ok(false));
/// assert_eq!(shared::parse_trace(Some(OsStr::new("1"))), Ok(true));
/// assert!(shared::parse_trace(Some(OsStr::new("yes"))).is_err());
/// ```
pub fn parse_trace(value: Option<&OsStr>) -> Result<bool, String> {
    match value.map(OsStr::to_str) {
        None | Some(Some("" | "0")) => Ok(false),
        Some(Some("1")) => Ok(true),
        Some(_) => Err(format!(
            "{TRACE_VAR} must be 0 (plain lines) or 1 (lines with time and pid), not {:?}",
            value.unwrap_or_default()
        )),
    }
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

/// Reads the program's one optional argument, `what`, as a whole number from 1 to `max`.
///
/// Returns `None` when there is no argument. A value that is not such a number, or a second
/// argument, is the user's mistake: a one-line error and exit status 2 (see [`usage_error`]).
pub fn count_arg(what: &str, max: u64) -> Option<u64> {
    let mut args = std::env::args_os().skip(1);
    let value = args.next()?;
    if args.next().is_some() {
        usage_error(&format!("expected at most one argument, {what}"));
    }
    Some(parse_count(&value, what, max).unwrap_or_else(|message| usage_error(&message)))
}

/// Like [`count_arg`], for a program whose one argument is required.
pub fn required_count_arg(what: &str, max: u64) -> u64 {
    count_arg(what, max).unwrap_or_else(|| {
        usage_error(&format!(
            "expected one argument, {what}, a whole number from 1 to {max}"
        ))
    })
}

/// Reads `value` as a whole number from 1 to `max`; the error names what was expected.
///
/// ```
/// use std::ffi::OsStr;
/// assert_eq!(shared::parse_count(OsStr::new("8"), "THREADS", 64), Ok(8));
/// for bad in ["0", "-1", "65", "ten", "2.5", ""] {
///     let error = shared::parse_count(OsStr::new(bad), "THREADS", 64).unwrap_err();
///     assert!(error.starts_with("expected THREADS, a whole number from 1 to 64, not "), "{error}");
/// }
/// ```
pub fn parse_count(value: &OsStr, what: &str, max: u64) -> Result<u64, String> {
    match value.to_str().and_then(|text| text.parse().ok()) {
        Some(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected {what}, a whole number from 1 to {max}, not {value:?}"
        )),
    }
}

/// Prints `program: message` on stderr and exits with status 2, the answer to a user's mistake.
pub fn usage_error(message: &str) -> ! {
    error(message);
    std::process::exit(2)
}

/// Prints `program: message` on stderr as one line, in one `write`.
///
/// `eprintln!` may split a line into several writes, and two processes that fail at the same
/// moment then print their messages torn into each other.
pub fn error(message: impl Display) {
    let line = format!("{}: {message}\n", program_name());
    let _ = io::stderr().write_all(line.as_bytes());
}

/// The name the program was started by, without its directory (for error messages).
pub fn program_name() -> String {
    let arg0 = std::env::args_os().next().unwrap_or_default();
    let path = std::path::Path::new(&arg0);
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_values() {
        assert_eq!(parse_trace(Some(OsStr::new(""))), Ok(false));
        let err = parse_trace(Some(OsStr::new("true"))).unwrap_err();
        assert!(
            err.contains("DEMO_TRACE must be 0") && err.contains("\"true\""),
            "{err}"
        );
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
        assert!(
            line.ends_with(&format!(" pid {pid} A-7] hello\n")),
            "{line}"
        );
    }

    #[test]
    fn stopwatch_counts_up() {
        let clock = Stopwatch::start();
        let first = clock.secs();
        std::thread::sleep(std::time::Duration::from_millis(30));
        assert!(clock.secs() >= first + 0.03);
    }

    #[test]
    fn trace_prefix_shows_elapsed_time() {
        let log = Log::new(true);
        std::thread::sleep(std::time::Duration::from_millis(60));
        let line = log.format("x");
        let secs: f64 = line[1..line.find('s').unwrap()].parse().unwrap();
        assert!((0.05..1.0).contains(&secs), "{line}");
    }
}
