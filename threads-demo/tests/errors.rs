//! Runs the examples of what goes wrong in threads (a panic, a poisoned lock) and their Python
//! twins, and checks that each shows its point.

mod checks;

use std::process::ExitStatus;

use demo_testing::{Demo, Run, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn a_panic_is_the_err_of_join_and_the_others_finish() {
    let run = Demo::new(example(EXE, "thread_panic")).env("RUST_BACKTRACE", "0").run();
    checks::assert_thread_panic(&run);
    // `resume_unwind` raised the panic again in main, which ended the process with 101.
    assert_eq!(run.status.code(), Some(101), "{run:#?}");
    // The hook ran once, in A-1, naming it: `resume_unwind` does not call it again.
    assert_eq!(run.stderr.matches("panicked at").count(), 1, "{run:#?}");
    assert!(run.stderr.trim_start().starts_with("thread 'A-1'"), "{run:#?}");
    assert!(run.stderr.contains("\nA-1 got a bad input: 1\n"), "{run:#?}");
}

#[test]
fn in_python_join_returns_none_and_result_raises() {
    let Some(twin) = run_python_twin("threads-demo/examples/thread_panic.py") else { return };
    let (stdout, stderr) = (&twin.stdout, &twin.stderr);
    // threading's hook printed A-1's traceback, and join() returned None for every thread.
    assert!(stderr.starts_with("Exception in thread A-1:\nTraceback"), "{stderr}");
    assert!(stderr.contains("\nValueError: A-1 got a bad input: 1\n"), "{stderr}");
    let (threads, pool) = stdout.rsplit_once("A-2 joined: None\n").expect("A-2 was joined");
    let stdout = format!("{threads}A-2 joined: None\n");
    let run = Run { status: ExitStatus::default(), stdout, stderr: String::new(), secs: 0.0 };
    let joins = ["A-0 joined: None", "A-1 joined: None", "A-2 joined: None"];
    checks::assert_joined_after_each_ended(&run, joins, &["A-0", "A-2"]);
    // The pool's future.result() raised it in the main thread: uncaught, status 1.
    assert_eq!(pool, "Task pool_0: Starting...\n");
    assert!(stderr.ends_with("\nValueError: pool_0 got a bad input: 1\n"), "{stderr}");
    assert_eq!(twin.status.code(), Some(1));
}

#[test]
fn a_panic_holding_a_lock_poisons_it() {
    let run = Demo::new(example(EXE, "poisoned_lock")).env("RUST_BACKTRACE", "0").run();
    checks::assert_poisoned_lock(&run);
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert!(run.stderr.trim_start().starts_with("thread 'transfer'"), "{run:#?}");
    assert!(run.stderr.contains("\na fee in whole cents: ParseIntError"), "{run:#?}");
}

#[test]
fn in_python_the_lock_is_released_and_the_next_acquire_succeeds() {
    let Some(twin) = run_python_twin("threads-demo/examples/poisoned_lock.py") else { return };
    let (stdout, stderr) = (&twin.stdout, &twin.stderr);
    assert_eq!(stdout, "the lock is taken: the balances are [70, 0], 70 of 100\n", "{stderr}");
    assert!(stderr.starts_with("Exception in thread transfer:\nTraceback"), "{stderr}");
    assert!(stderr.ends_with("\nValueError: invalid literal for int() with base 10: '2.50'\n"));
    assert_eq!(twin.status.code(), Some(0), "{stderr}");
}
