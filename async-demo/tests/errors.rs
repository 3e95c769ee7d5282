//! Runs the example of failing tasks and its Python twin, and checks that each shows its point.

mod checks;

use demo_testing::{Demo, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

#[test]
fn a_task_panic_comes_back_through_its_handle_and_try_join_all_drops_the_rest() {
    let run = Demo::new(example(EXE, "task_panic")).env("RUST_BACKTRACE", "0").run();
    checks::assert_task_panic(&run);
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    // The hook printed both panics; the second, of the task nobody awaited, only there.
    assert_eq!(run.stderr.matches("panicked at").count(), 2, "{run:#?}");
    assert!(run.stderr.contains("\nthe task got a bad input\n"), "{run:#?}");
    assert!(run.stderr.contains("\nnobody awaits this task\n"), "{run:#?}");
    assert!(!run.stdout.contains("nobody"), "{run:#?}");
}

#[test]
fn in_python_gather_leaves_the_others_running_and_a_lost_exception_is_logged() {
    let Some(twin) = run_python_twin("async-demo/examples/task_panic.py") else { return };
    let (stdout, stderr) = (&twin.stdout, &twin.stderr);
    let starts = "C-1: Starting...\nC-2: Starting...\nC-3: Starting...\n";
    let expected = format!(
        "the task raised: the task got a bad input\n{starts}C-1: Finished.\nC-3: Finished.\n\
         gather(return_exceptions=True): ['C-1', ValueError('C-2 got a bad input'), 'C-3']\n\
         {starts}gather raised ValueError('C-2 got a bad input') after 0.10 s\n\
         C-1: Finished.\nC-3: Finished.\n0.50 s later: C-1 and C-3 ran on\n"
    );
    // Only the time may differ, on a loaded machine: 0.1 s is C-2's sleep.
    let (before, after) = stdout.split_once("') after ").expect("the gather line");
    let (secs, rest) = after.split_once(" s\n").expect("the gather line's time");
    let secs: f64 = secs.parse().expect("seconds");
    assert!((0.09..0.45).contains(&secs), "gather waited for more than C-2: {stdout}");
    assert_eq!(format!("{before}') after 0.10 s\n{rest}"), expected, "{stderr}");
    assert!(stderr.starts_with("Task exception was never retrieved\n"), "{stderr}");
    assert!(stderr.contains("exception=ValueError('nobody awaits this task')"), "{stderr}");
    assert!(stderr.ends_with("\nValueError: C-2 got a bad input\n"), "{stderr}");
    assert_eq!(twin.status.code(), Some(1), "{stderr}");
}
