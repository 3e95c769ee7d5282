//! Runs threads-demo and its examples where things go wrong, for real: a closed pipe, a bad
//! argument, a process limit that refuses threads, Ctrl-C.

use demo_testing::{Demo, Ready, assert_quiet_when_output_closes, example, installed};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn closed_output_ends_quietly() {
    assert_quiet_when_output_closes(EXE, &[]);
    for name in ["shared_counter", "queue", "thread_pool", "deadlock"] {
        assert_quiet_when_output_closes(example(EXE, name), &[]);
    }
    assert_quiet_when_output_closes(example(EXE, "cpu_parallel"), &["2"]);
    assert_quiet_when_output_closes(example(EXE, "many_threads"), &["3"]);
}

#[test]
fn an_argument_is_refused() {
    let run = Demo::new(EXE).args(["3"]).run();
    run.assert_usage_error("expected no arguments");
    for name in ["shared_counter", "queue", "thread_pool", "deadlock"] {
        let run = Demo::new(example(EXE, name)).args(["8"]).run();
        run.assert_usage_error("expected no arguments");
    }
}

#[test]
fn a_refused_thread_ends_the_port_as_python_does() {
    // Two processes or threads at most: the main thread and A-0. A-1 is refused, and the port
    // ends as Python's does when `start()` raises: a message naming the thread and the OS error,
    // A-0 still finishes (Python joins its non-daemon threads at exit), and the status is 1.
    let Some(demo) = Demo::new(EXE).with_process_limit(2) else {
        return;
    };
    let run = demo.run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(run.lines(), ["Task A-0: Starting...", "Task A-0: Finished."], "{run:#?}");
    let expected =
        "threads-demo: cannot start thread A-1: Resource temporarily unavailable (os error 11)\n";
    assert_eq!(run.stderr, expected, "{run:#?}");
    assert!(run.secs >= 2.0, "A-0 slept its 2 s before the end: {run:#?}");
}

#[test]
fn many_threads_reports_how_many_started() {
    let Some(demo) = Demo::new(example(EXE, "many_threads")).args(["10"]).with_process_limit(4)
    else {
        return;
    };
    let run = demo.run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(run.stdout, "", "no summary for a failed run");
    let expected = "many_threads: cannot start thread sleeper-3 (3 started): ";
    assert!(run.stderr.starts_with(expected), "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
    assert!(run.secs >= 1.0, "the three started threads were joined: {run:#?}");
}

#[test]
fn ctrl_c_leaves_nothing_running() {
    Demo::new(EXE).assert_ctrl_c_leaves_nothing_running(Ready::FirstLine);
}

/// `many_threads N` under an address-space limit of `bytes`, which the README's "When things go
/// wrong" says ends in one of two ways: the refused thread reported, the started ones joined and
/// status 1; or an abort, when std or glibc finds no memory for a thread that has started, with
/// a message that says so (each of the three the README quotes says "memory").
fn assert_many_threads_under_address_space_limit(bytes: &str, n: &str) {
    use std::os::unix::process::ExitStatusExt;
    let demo = Demo::new(example(EXE, "many_threads")).args([n]);
    let run = demo.wrapped(&["prlimit", &format!("--as={bytes}"), "--"]).run();
    if run.status.signal() == Some(6) {
        assert!(run.stderr.contains("memory"), "{run:#?}");
        return;
    }
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
    let rest = run.stderr.strip_prefix("many_threads: cannot start thread sleeper-");
    let (index, rest) = rest.and_then(|r| r.split_once(' ')).expect("which thread");
    let started = format!("({index} started): ");
    assert!(rest.starts_with(&started) && rest.contains("os error"), "{run:#?}");
    assert!(run.secs >= 1.0, "the started threads were joined: {run:#?}");
}

#[test]
fn many_threads_under_an_address_space_limit_ends_as_the_readme_says() {
    if !installed("prlimit") {
        return;
    }
    // 64 MiB: each thread's stack takes 2 MiB of it, so some dozens start; then 1 GiB, where
    // glibc's per-thread malloc arenas (64 MiB each) take most of the room.
    assert_many_threads_under_address_space_limit("67108864", "1000");
    assert_many_threads_under_address_space_limit("1073741824", "100000");
}

#[test]
fn a_full_disk_is_one_line_and_status_1() {
    // All three threads fail to write at once; the error is said once.
    let run = Demo::new(EXE).run_with_stdout(std::fs::File::create("/dev/full").unwrap());
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(
        run.stderr,
        "threads-demo: cannot write to stdout: No space left on device (os error 28)\n"
    );
}

#[test]
fn a_refused_thread_ends_a_scoped_example_with_the_os_error() {
    // `Scope::spawn` has no fallible form (`Builder::spawn_scoped` has): std panics with its own
    // message.
    let Some(demo) = Demo::new(example(EXE, "shared_counter")).with_process_limit(2) else {
        return;
    };
    let run = demo.run();
    assert_eq!(run.status.code(), Some(101), "{run:#?}");
    assert!(run.stderr.contains("\nfailed to spawn thread: Os { code: 11,"), "{run:#?}");
}
