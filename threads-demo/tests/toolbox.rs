//! Runs the examples that map Python's `threading.Event`, daemon threads and `threading.local()`,
//! and checks that each shows its point.

mod checks;

use demo_testing::{Demo, assert_quiet_when_output_closes, example};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");
const EXAMPLES: [&str; 3] = ["event", "detached", "thread_local"];

#[test]
fn event_times_out_then_wakes_every_waiter() {
    checks::assert_event(&Demo::new(example(EXE, "event")).run());
}

#[test]
fn a_detached_thread_is_stopped_when_main_returns() {
    let run = Demo::new(example(EXE, "detached")).run();
    checks::assert_detached(&run);
    // A-0 was joined: main waited for its 2 s.
    assert!(run.secs >= 2.0, "{run:#?}");
}

#[test]
fn a_detached_thread_is_stopped_into_a_file_too() {
    // A file is not a pipe: the missing line is not one lost in a pipe's buffer.
    checks::assert_detached(&Demo::new(example(EXE, "detached")).run_to_file());
}

#[test]
fn thread_local_counts_are_per_thread() {
    checks::assert_thread_local(&Demo::new(example(EXE, "thread_local")).run());
}

#[test]
fn closed_output_ends_quietly() {
    for name in EXAMPLES {
        assert_quiet_when_output_closes(example(EXE, name), &[]);
    }
}

#[test]
fn an_argument_is_refused() {
    for name in EXAMPLES {
        let run = Demo::new(example(EXE, name)).args(["1"]).run();
        run.assert_usage_error("expected no arguments");
    }
}
