//! Runs the semaphore made of a `Mutex` and a `Condvar`, and its Python twin on
//! `threading.Semaphore`: both let at most two threads in at once.

mod checks;

use std::process::Command;

use demo_testing::{Demo, Run, example, workspace_dir};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn at_most_two_threads_hold_a_permit_at_once() {
    checks::assert_semaphore(&Demo::new(example(EXE, "semaphore")).run());
}

#[test]
fn python_semaphore_lets_in_as_many() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: no python3 to run semaphore.py with");
        return;
    }
    let twin = workspace_dir().join("threads-demo/examples/semaphore.py");
    let output = Command::new("python3").arg(twin).env_remove("PYTHONUNBUFFERED").output();
    let output = output.expect("run python3");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    checks::assert_semaphore(&Run { status: output.status, stdout, stderr, secs: 0.0 });
}
