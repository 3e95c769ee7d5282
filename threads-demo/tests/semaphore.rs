//! Runs the semaphore made of a `Mutex` and a `Condvar`, and its Python twin on
//! `threading.Semaphore`: both let at most two threads in at once.

mod checks;

use demo_testing::{Demo, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn at_most_two_threads_hold_a_permit_at_once() {
    checks::assert_semaphore(&Demo::new(example(EXE, "semaphore")).run());
}

#[test]
fn python_semaphore_lets_in_as_many() {
    let Some(run) = run_python_twin("threads-demo/examples/semaphore.py") else { return };
    checks::assert_semaphore(&run);
}
