//! Runs pool_submit and its Python twin: outcomes in the order the jobs finish, a panic caught
//! as the job's outcome.

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
