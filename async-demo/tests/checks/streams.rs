//! What the examples of streams must print.

use demo_testing::Run;

/// `async_for` and its Python twin: three ticks, each at least 0.1 s after the one before (each
/// item is made when the loop asks for it), then the three jobs in order and the end.
pub fn assert_async_for(run: &Run) {
    let lines = run.lines();
    assert_eq!(lines.len(), 7, "{run:#?}");
    let mut last = 0.0;
    for (n, line) in lines[..3].iter().enumerate() {
        let secs = line.strip_prefix(&format!("ticks: {} after ", n + 1));
        let secs = secs.and_then(|rest| rest.strip_suffix(" s")).expect("a tick");
        let secs: f64 = secs.parse().expect("seconds");
        assert!(secs >= last + 0.09, "tick {} came {secs} s in: {run:#?}", n + 1);
        last = secs;
    }
    assert!(last < 2.0, "{run:#?}");
    let jobs = ["jobs: job 1", "jobs: job 2", "jobs: job 3", "jobs: the stream ended"];
    assert_eq!(lines[3..], jobs, "{run:#?}");
}
