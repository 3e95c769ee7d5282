//! The debugging recipes of the front door, run: a panic's backtrace with `RUST_BACKTRACE=1`,
//! and the threads of a hung program in gdb.

use std::process::Command;
use std::time::Duration;

use demo_testing::{Demo, SIGKILL, SIGSTOP, example, send_signal, wait_for};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn rust_backtrace_names_the_thread_and_where_it_panicked() {
    let run = Demo::new(example(EXE, "thread_panic")).env("RUST_BACKTRACE", "1").run();
    assert!(run.stderr.trim_start().starts_with("thread 'A-1'"), "{run:#?}");
    assert!(run.stderr.contains("\nstack backtrace:\n"), "{run:#?}");
    // A release build inlines `task` into its caller: only a debug build's backtrace names it.
    if cfg!(debug_assertions) {
        assert!(run.stderr.contains(": thread_panic::task\n"), "{run:#?}");
    }
}

/// How many of the threads of process `pid` are in a `futex` wait (syscall 202 on x86-64, 98 on
/// aarch64), as `/proc/PID/task/TID/syscall` says.
fn threads_in_futex_wait(pid: u32) -> usize {
    let futex = if cfg!(target_arch = "aarch64") { "98 " } else { "202 " };
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return 0 };
    let syscalls =
        tasks.filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("syscall")).ok());
    syscalls.filter(|call| call.starts_with(futex)).count()
}

#[test]
fn gdb_shows_each_deadlocked_thread_waiting_in_lock() {
    if Command::new("gdb").arg("--version").output().is_err() {
        eprintln!("skipped: gdb is not installed");
        return;
    }
    // A thread can be caught in the barrier's wait on its way to the second lock: then the
    // backtraces show one thread in `lock`, and the test looks again at a new run.
    for _ in 0..3 {
        let mut deadlock = Demo::new(example(EXE, "deadlock")).spawn();
        let pid = deadlock.id();
        // main waits on its channel, T-1 and T-2 each on a lock: three threads in futex waits.
        let blocked = wait_for(Duration::from_secs(10), || threads_in_futex_wait(pid) == 3);
        assert!(blocked.is_some(), "the deadlock's three threads never all waited");
        // Stopped, it stays in its deadlock while gdb attaches (on its own it moves on after 1 s).
        send_signal(pid as i32, SIGSTOP).expect("stop the deadlock");
        let gdb = Command::new("gdb")
            .args(["-p", &pid.to_string(), "-batch", "-ex", "thread apply all bt"])
            .output()
            .expect("run gdb");
        send_signal(pid as i32, SIGKILL).expect("kill the deadlock");
        deadlock.wait().expect("reap the deadlock");
        let text = String::from_utf8_lossy(&gdb.stdout);
        let errors = String::from_utf8_lossy(&gdb.stderr);
        if errors.contains("ptrace: Operation not permitted") {
            eprintln!(
                "skipped: gdb may not attach here (no CAP_SYS_PTRACE, or Yama's ptrace_scope)"
            );
            return;
        }
        let threads = text.split("\nThread ");
        let in_lock = threads.filter(|bt| {
            let lock = bt.find("Mutex>::lock_contended").or(bt.find("Mutex::lock_contended"));
            lock.is_some() && lock < bt.find(" in deadlock::transfer")
        });
        if in_lock.count() == 2 {
            return;
        }
    }
    panic!("gdb never showed both threads waiting in Mutex::lock, called from transfer");
}
