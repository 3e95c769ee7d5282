//! The article's "heavy data processing", on real bytes: the lines and words of a file (as
//! Python's `bytes.split()` finds words), the file split into at most K ranges of one size and
//! each range counted by a thread of its own. Each thread reads its range in blocks of 1 MiB, so
//! memory does not grow with the file; a word that straddles two ranges is counted in the range
//! where it starts.
//!
//! `scripts/compare.sh` runs it on a file of about 260 MiB beside process-demo's
//! `word_count_processes` (K processes) and Python's `multiprocessing.Pool`
//! ([`word_count.py`](../../scripts/python/word_count.py)), and checks that all three count the
//! same.
//!
//! Run it with `cargo run --release -p threads-demo --example word_count_threads FILE [K]` (K from 1 to
//! 1024; the cores this process may use by default). On `/etc/passwd` of one machine it printed:
//!
//! ```text
//! 24 lines, 31 words
//! ```
#![forbid(unsafe_code)]

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::process::ExitCode;
use std::thread;

/// What Python's `bytes.split()` takes for white space: ASCII's, with the vertical tab that
/// std's `is_ascii_whitespace` leaves out.
fn is_space(byte: u8) -> bool {
    byte.is_ascii_whitespace() || byte == 0x0b
}

/// The lines and words of bytes `start..end` of the file at `path`, read 1 MiB at a time.
fn count_range(path: &Path, start: u64, end: u64) -> io::Result<(u64, u64)> {
    let mut file = File::open(path)?;
    // The byte before the range says whether its first word began in the range before.
    let mut before = [b'\n'];
    if start > 0 {
        file.seek(SeekFrom::Start(start - 1))?;
        match file.read_exact(&mut before) {
            // Shorter than its size said (a file of /sys, or one that shrank): nothing is left.
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok((0, 0)),
            read => read?,
        }
    }
    let (mut before, mut lines, mut words) = (before[0], 0, 0);
    let mut range = file.take(end - start);
    let mut block = vec![0; 1 << 20];
    loop {
        let read = range.read(&mut block)?;
        if read == 0 {
            return Ok((lines, words));
        }
        for &byte in &block[..read] {
            lines += u64::from(byte == b'\n');
            words += u64::from(!is_space(byte) && is_space(before));
            before = byte;
        }
    }
}

fn main() -> ExitCode {
    let log = shared::Log::from_env();
    let usage = "expected FILE, then K, a whole number from 1 to 1024 (the threads), and no more";
    let Some(path) = std::env::args_os().nth(1) else { shared::usage_error(usage) };
    if std::env::args_os().len() > 3 {
        shared::usage_error(usage);
    }
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let k = shared::count_arg_at(2, "K", 1024).unwrap_or(cores as u64);
    let path = Path::new(&path);
    // A pipe or a device has no size to split: only a regular file is counted.
    let size = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => shared::usage_error(&format!("expected FILE, a regular file, not {path:?}")),
        Err(error) => {
            shared::error(format_args!("cannot read {}: {error}", path.display()));
            return ExitCode::FAILURE;
        }
    };

    // At most K ranges of one size, rounded up, the last one shorter or equal. A file
    // whose size the OS gives as 0 (those of /proc) is read to its end, as one range.
    let part = size.div_ceil(k).max(1);
    let ranges: Vec<(u64, u64)> = match size {
        0 => vec![(0, u64::MAX)],
        _ => {
            (0..size).step_by(part as usize).map(|first| (first, size.min(first + part))).collect()
        }
    };
    let counted: Result<Vec<(u64, u64)>, String> = thread::scope(|scope| {
        let mut workers = Vec::new();
        for &(start, end) in &ranges {
            let range = move || count_range(path, start, end);
            // A thread the OS refuses is an error, not a panic; the scope joins those started.
            let worker = thread::Builder::new().spawn_scoped(scope, range);
            workers.push(worker.map_err(|error| format!("cannot start a thread: {error}"))?);
        }
        let counts = workers.into_iter().map(|worker| worker.join().expect("a count panicked"));
        let counts: io::Result<_> = counts.collect();
        counts.map_err(|error| format!("cannot read {}: {error}", path.display()))
    });
    match counted {
        Ok(counts) => {
            let (lines, words) = counts.iter().fold((0, 0), |sum, c| (sum.0 + c.0, sum.1 + c.1));
            log.line(format_args!("{lines} lines, {words} words"));
            ExitCode::SUCCESS
        }
        Err(message) => {
            shared::error(message);
            ExitCode::FAILURE
        }
    }
}
