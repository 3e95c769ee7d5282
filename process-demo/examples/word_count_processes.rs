//! The article's "heavy data processing" on K processes: the job of threads-demo's
//! `word_count_threads` (the lines and words of a file, split into at most K ranges of one size,
//! each read 1 MiB at a time, a word that straddles two ranges counted where it starts), each
//! range counted by a forked child that sends its two counts back through a pipe. A child that
//! fails, or a fork that the OS refuses, ends the run with status 1, once every child started is
//! reaped.
//!
//! Run it with `cargo run --release -p process-demo --example word_count_processes FILE [K]` (K from 1 to
//! 1024; the cores this process may use by default). On `/etc/passwd` of one machine it printed:
//!
//! ```text
//! 24 lines, 31 words
//! ```

use std::fs::File;
use std::io::{self, PipeReader, Read, Seek, SeekFrom, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{ExitCode, ExitStatus};

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

/// Starts a child that counts bytes `start..end` of `path` and writes `lines words` into a pipe:
/// returns its pid and the pipe's reading end.
///
/// # Safety
///
/// Call it only while this process has one thread. `fork` copies just the calling thread, and
/// the child starts with every lock as it was: one that another thread held (std's stdout lock,
/// say) stays locked forever in the child.
unsafe fn start(path: &Path, start: u64, end: u64) -> io::Result<(libc::pid_t, PipeReader)> {
    let (reader, mut writer) = io::pipe()?;
    // A program can start with SIGCHLD ignored, passed on through `exec`: the kernel then reaps
    // each child itself, and `waitpid` fails (waitpid(2), NOTES). The default action keeps the
    // child for `wait`.
    // SAFETY: `signal` with `SIG_DFL` installs no handler and touches no memory of this process.
    unsafe { libc::signal(libc::SIGCHLD, libc::SIG_DFL) };
    // SAFETY: the caller guarantees that this process has one thread, so the child starts with no
    // lock held by a thread that is gone, and may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        0 => {
            let sent = count_range(path, start, end).and_then(|(lines, words)| {
                writer.write_all(format!("{lines} {words}\n").as_bytes())
            });
            if let Err(error) = &sent {
                shared::error(format_args!("cannot count {}: {error}", path.display()));
            }
            // SAFETY: `_exit` ends the child at once, skipping the parent's clean-up (atexit
            // handlers), and it never returns into the parent's loop.
            unsafe { libc::_exit(if sent.is_ok() { 0 } else { 1 }) }
        }
        pid => {
            // Closing the parent's copy of the writing end lets `reader` see end-of-file.
            drop(writer);
            Ok((pid, reader))
        }
    }
}

/// Waits until child `pid` ends, reaps it, and tells how it ended.
fn wait(pid: libc::pid_t) -> ExitStatus {
    let mut status = 0;
    // A signal caught by a handler set without `SA_RESTART` interrupts `waitpid` (EINTR,
    // signal(7)), and std's runtime sets such handlers for SIGSEGV and SIGBUS (to report a stack
    // overflow): wait again then.
    // SAFETY: `waitpid` writes only to `status`, an integer this function owns.
    while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {
        let error = io::Error::last_os_error();
        // Not ECHILD: SIGCHLD's default action was set before the fork, so the child is kept.
        assert_eq!(
            error.kind(),
            io::ErrorKind::Interrupted,
            "cannot wait for process {pid}: {error}"
        );
    }
    ExitStatus::from_raw(status)
}

fn main() -> ExitCode {
    let log = shared::Log::from_env();
    let usage = "expected FILE, then K, a whole number from 1 to 1024 (the processes), and no more";
    let Some(path) = std::env::args_os().nth(1) else { shared::usage_error(usage) };
    if std::env::args_os().len() > 3 {
        shared::usage_error(usage);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
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
    let mut children = Vec::new();
    for (first, end) in ranges {
        // SAFETY: main starts no thread, so this process has one when it forks.
        match unsafe { start(path, first, end) } {
            Ok(child) => children.push(child),
            Err(error) => {
                shared::error(format_args!("cannot start a child: {error}"));
                // Reap the children already started, as Python joins its children at exit.
                for (pid, _) in children {
                    wait(pid);
                }
                return ExitCode::FAILURE;
            }
        }
    }
    let (mut lines, mut words, mut ok) = (0, 0, true);
    for (pid, mut reader) in children {
        let mut sent = String::new();
        let read = reader.read_to_string(&mut sent);
        let status = wait(pid);
        let counts = sent.trim_end().split_once(' ');
        let counts =
            counts.and_then(|(l, w)| Some((l.parse::<u64>().ok()?, w.parse::<u64>().ok()?)));
        match counts {
            Some((l, w)) if status.success() && read.is_ok() => {
                (lines, words) = (lines + l, words + w)
            }
            _ => {
                shared::error(format_args!(
                    "child {pid} ended with {status}, having sent {sent:?}"
                ));
                ok = false;
            }
        }
    }
    if !ok {
        return ExitCode::FAILURE;
    }
    log.line(format_args!("{lines} lines, {words} words"));
    ExitCode::SUCCESS
}
