//! Runs the examples of the tools Python has and std builds from parts (a pool's `submit` and
//! `as_completed`, a semaphore, an `RLock`), and their Python twins.

mod checks;

use demo_testing::{Demo, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn outcomes_come_as_the_jobs_finish_and_a_panic_is_one_of_them() {
    let run = Demo::new(example(EXE, "pool_submit")).env("RUST_BACKTRACE", "0").run();
    checks::assert_pool_submit(&run, "panicked");
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    // The hook printed J0's panic, caught or not; no other.
    assert_eq!(run.stderr.matches("panicked at").count(), 1, "{run:#?}");
    assert!(run.stderr.contains("\nJ0 got a bad input\n"), "{run:#?}");
}

#[test]
fn in_python_the_exception_waits_in_its_future() {
    let Some(run) = run_python_twin("threads-demo/examples/pool_submit.py") else { return };
    // Nothing on stderr: the exception was kept in the future, and result() raised it.
    assert_eq!(run.stderr, "");
    checks::assert_pool_submit(&run, "raised");
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
}

#[test]
fn at_most_two_threads_hold_a_permit_at_once() {
    checks::assert_semaphore(&Demo::new(example(EXE, "semaphore")).run());
}

#[test]
fn python_semaphore_lets_in_as_many() {
    let Some(run) = run_python_twin("threads-demo/examples/semaphore.py") else { return };
    checks::assert_semaphore(&run);
}

#[test]
fn a_second_lock_on_the_same_thread_is_refused_and_the_lock_is_taken_once() {
    checks::assert_rlock(&Demo::new(example(EXE, "rlock")).run());
}

#[test]
fn python_rlock_is_taken_again_by_its_holder() {
    let Some(run) = run_python_twin("threads-demo/examples/rlock.py") else { return };
    run.assert_success();
    let expected = [
        "a second acquire on the same thread: True",
        "after deposit(A, 50) and transfer(A to B, 30): A 120, B 30",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}
