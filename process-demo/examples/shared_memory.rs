//! Python's `multiprocessing.Value` in Rust: a counter in memory that forked processes share.
//!
//! By default a forked child shares no memory with its parent: it starts with a copy, and what it
//! changes there its parent never sees (`plain` below stays 0). Memory that both see is asked
//! for: here an anonymous mapping marked shared (`mmap` with `MAP_SHARED | MAP_ANONYMOUS`), made
//! before the fork, whose pages the child inherits as the same pages, not copies. Python's
//! `Value` is a `ctypes` object in a shared mapping too (on Linux, of a temporary file it deletes
//! at once). Two children each add 1 a million times to an `AtomicU64` there, and no add is lost:
//! `fetch_add` is one indivisible step, where `value.value += 1` is a read and then a write, which
//! [Python's docs](https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Value)
//! say to wrap in `with value.get_lock():` ([`shared_memory.py`](shared_memory.py) does). The
//! `pipe` example shares nothing instead: each child sends its count back as bytes.
//!
//! Run it with `cargo run -p process-demo --example shared_memory`. It prints (the children in
//! either order):
//!
//! ```text
//! B-0 added 1000000 to its copy of `plain` and to `total`
//! B-1 added 1000000 to its copy of `plain` and to `total`
//! the parent's `plain`: 0
//! the shared `total`: 2000000
//! ```

use std::io::{self, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

const COUNT: u64 = 1_000_000;

/// A new `u64`, zero, in memory that children forked after this call share with this process.
fn map_shared_u64() -> *mut u64 {
    let (read_write, shared) = (libc::PROT_READ | libc::PROT_WRITE, libc::MAP_SHARED);
    // SAFETY: a new mapping at an address the kernel picks (the null hint), of no file (-1):
    // no memory this program already uses is touched.
    let address = unsafe {
        let length = size_of::<u64>();
        libc::mmap(std::ptr::null_mut(), length, read_write, shared | libc::MAP_ANONYMOUS, -1, 0)
    };
    if address == libc::MAP_FAILED {
        panic!("cannot map shared memory: {}", io::Error::last_os_error());
    }
    address.cast()
}

/// `fork()`: the child gets 0, the parent the child's pid.
///
/// # Safety
///
/// Call it only while this process has one thread. `fork` copies just the calling thread, and
/// the child starts with every lock as it was: one that another thread held (std's stdout lock,
/// say) stays locked forever in the child.
unsafe fn fork() -> io::Result<libc::pid_t> {
    // Anything still in stdout's buffer would be copied into the child and printed twice.
    io::stdout().flush()?;
    // A program can start with SIGCHLD ignored, passed on through `exec`: the kernel then reaps
    // each child itself, and `waitpid` fails (waitpid(2), NOTES). The default action keeps the
    // child for `wait`.
    // SAFETY: `signal` with `SIG_DFL` installs no handler and touches no memory of this process.
    unsafe { libc::signal(libc::SIGCHLD, libc::SIG_DFL) };
    // SAFETY: the caller guarantees that this process has one thread, so the child starts with no
    // lock held by a thread that is gone, and may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        pid => Ok(pid),
    }
}

/// Ends a forked child with `status`: `_exit`, as Python's forked children end with `os._exit`.
fn leave(status: i32) -> ! {
    let _ = io::stdout().flush();
    // SAFETY: `_exit` ends the child at once, skipping the parent's clean-up (atexit handlers),
    // and it never returns into the parent's loop.
    unsafe { libc::_exit(status) }
}

/// Waits until child `name` ends and reaps it; names it, and returns false, if it failed.
fn wait(name: &str, pid: libc::pid_t) -> bool {
    let mut status = 0;
    // A signal caught by a handler set without `SA_RESTART` interrupts `waitpid` (EINTR,
    // signal(7)), and std's runtime sets such handlers for SIGSEGV and SIGBUS (to report a stack
    // overflow): wait again then.
    // SAFETY: `waitpid` writes only to `status`, an integer this function owns.
    while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            shared::error(format_args!("cannot wait for process {name}: {error}"));
            return false;
        }
    }
    let status = ExitStatus::from_raw(status);
    if !status.success() {
        shared::error(format_args!("process {name} (pid {pid}) ended with {status}"));
    }
    status.success()
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let mut plain: u64 = 0;
    let mapping = map_shared_u64();
    // SAFETY: the mapping starts on a page boundary, aligned enough for an `AtomicU64`; it is
    // zeroed, a valid 0; it stays mapped until the `munmap` below, after the last use of `total`;
    // and every process uses it only through `total`, atomically.
    let total = unsafe { AtomicU64::from_ptr(mapping) };
    let mut children = Vec::new();
    let mut refused = false;
    for name in ["B-0", "B-1"] {
        // SAFETY: main starts no thread, so this process has one when it forks.
        match unsafe { fork() } {
            Ok(0) => {
                // The child. Nothing here can panic, so it never unwinds into the parent's code.
                for _ in 0..COUNT {
                    plain += 1;
                    // Relaxed is enough for no add to be lost: each is one indivisible
                    // read-modify-write. That the parent sees them all rests on the kernel, not
                    // on Rust's memory model, which speaks of threads: it reads after `waitpid`
                    // has seen both children end.
                    total.fetch_add(1, Relaxed);
                }
                // A line it cannot print ends the child through `leave` too, not `exit`.
                let log = log.exiting_with(leave);
                log.line(format_args!(
                    "{name} added {plain} to its copy of `plain` and to `total`"
                ));
                leave(0)
            }
            Ok(pid) => children.push((name, pid)),
            Err(e) => {
                shared::error(format_args!("cannot start process {name}: {e}"));
                refused = true;
                break;
            }
        }
    }
    // Every child that started is reaped before the run fails for any.
    let failed = children.iter().filter(|&&(name, pid)| !wait(name, pid)).count();
    if refused || failed > 0 {
        std::process::exit(1);
    }
    log.line(format_args!("the parent's `plain`: {plain}"));
    log.line(format_args!("the shared `total`: {}", total.load(Relaxed)));
    // SAFETY: both children are reaped and `total`, the only reference into the mapping, is not
    // used after this line.
    unsafe { libc::munmap(mapping.cast(), size_of::<u64>()) };
}
