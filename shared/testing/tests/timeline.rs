//! `scripts/timeline.sh` on programs that print no trace prefix (Python's, a shell's): each line
//! is stamped as it arrives, and a torn line is read message by message. The traced programs'
//! timelines are tested in each crate's `tests/demo.rs`.

use demo_testing::{TimelineRow, assert_bars_overlap, timeline};

/// The timeline of `sh -c SCRIPT`, in a UTF-8 locale.
fn timeline_of(script: &str) -> Vec<TimelineRow> {
    TimelineRow::parse_all(&timeline("sh", &["-c", script], true))
}

#[test]
fn lines_without_a_prefix_are_stamped_as_they_arrive() {
    // A starts, 0.3 s later B starts and A finishes, 0.3 s later B finishes.
    let rows = timeline_of(
        "echo 'A: Starting...'; sleep 0.3; echo 'B: Starting...'; echo 'A: Finished.'; \
         sleep 0.3; echo 'B: Finished.'; echo 'All done.'",
    );
    let labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, ["A", "B"], "{rows:?}");
    // The stamps count from the start of the command, in the order the lines came: B cannot
    // start before 0.3 s, nor finish before 0.6 s.
    let ([a, b], [a_bar, b_bar]) = ([rows[0].secs, rows[1].secs], [&rows[0], &rows[1]]);
    assert!(a.0 <= b.0 && b.0 <= a.1 && a.1 <= b.1, "{rows:?}");
    // The seconds are printed to two decimals: a difference of two may be 0.01 short.
    assert!(b.0 >= 0.3 && b.1 >= 0.6 && b.1 - a.0 >= 0.59, "{rows:?}");
    assert!(a_bar.from <= b_bar.from && a_bar.to <= b_bar.to, "{rows:?}");
}

#[test]
fn a_torn_line_is_read_message_by_message() {
    // Python's print writes the text and the newline apart: two threads can tear a line.
    let rows = timeline_of(
        "printf 'Task A-0: Starting...Task A-1: Starting...\\n\\n'; sleep 0.2; \
         printf 'Task A-1: Finished.Task A-0: Finished.\\n\\nAll threads finished.\\n'",
    );
    let labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, ["Task A-0", "Task A-1"], "{rows:?}");
    assert_bars_overlap(&rows);
    // 0.2 s apart, printed to two decimals (so 0.19 apart at least).
    assert!(rows.iter().all(|row| row.secs.1 - row.secs.0 >= 0.19 - 1e-9), "{rows:?}");
}

#[test]
fn a_failed_command_draws_nothing() {
    let run = timeline("sh", &["-c", "echo 'A: Starting...'; exit 3"], true);
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(run.stdout, "", "{run:#?}");
    assert!(run.stderr.starts_with("timeline: sh -c "), "{run:#?}");
}

#[test]
fn cpu_threads_counts_alone_then_on_threads() {
    // Cargo builds the package's examples for its integration tests, beside their `deps`.
    let test = std::env::current_exe().expect("this test's path");
    let exe = test.parent().and_then(|deps| deps.parent()).unwrap().join("examples/cpu_threads");
    let rows = TimelineRow::parse_all(&timeline(&exe, &["2"], true));
    let mut labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
    // Which thread prints its start first is up to the scheduler.
    labels[2..].sort_unstable();
    assert_eq!(labels, ["alone 1", "alone 2", "thread 1", "thread 2"], "{rows:?}");
    // Each line is stamped after the one before: the counts alone come one after another,
    // and both threads start after them.
    let secs: Vec<(f64, f64)> = rows.iter().map(|row| row.secs).collect();
    assert!(secs[0].1 <= secs[1].0 && secs[1].1 <= secs[2].0 && secs[1].1 <= secs[3].0, "{rows:?}");
    assert_bars_overlap(&rows[2..]);
    use std::{ffi::OsStr, os::unix::ffi::OsStrExt};
    let (zero, one, two) = (OsStr::new("0"), OsStr::new("1"), OsStr::new("2"));
    for args in [&[zero][..], &[one, two], &[OsStr::from_bytes(b"\xff")]] {
        let run = demo_testing::Demo::new(&exe).args(args).run();
        run.assert_usage_error("expected K, a whole number from 1 to 64, and nothing after it");
    }
}

#[test]
fn a_unit_at_the_very_end_of_the_axis_still_gets_a_column() {
    // B starts and finishes at the last moment the trace shows: its bar is the last column.
    let script = "printf '%s\\n' '[0.00s pid 1 A] A: Starting...' '[0.20s pid 1 A] A: Finished.' \
                  '[0.20s pid 1 B] B: Starting...' '[0.20s pid 1 B] B: Finished.'";
    let rows = timeline_of(script);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[1].from < rows[1].to, "B has no column: {rows:?}");
}
