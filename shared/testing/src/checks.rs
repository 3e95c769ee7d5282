//! Checks that the tests of several crates hold a run to: quiet when its output closes, a bad
//! count refused with a usage error, a scale example's summary line.

use std::ffi::OsStr;

use crate::{Demo, Run};

/// Runs `program args` as `program args | head -1` and checks that it ends quietly (see
/// [`Run::assert_quiet_after_closed_output`]); and, at the same time, runs it with stdout closed
/// before its first write, so that every line it prints meets the closed pipe, and checks that
/// it still ends with status 0 and nothing on stderr.
pub fn assert_quiet_when_output_closes(program: impl AsRef<OsStr>, args: &[&str]) {
    // The two runs at once: each mostly waits. The thread's name, in a failure's message, names
    // the program.
    let program = program.as_ref();
    let name = format!("{} | head -1", program.to_string_lossy());
    let (first, run) = std::thread::scope(|scope| {
        let first = std::thread::Builder::new().name(name).spawn_scoped(scope, || {
            let run = Demo::new(program).args(args).run_closing_stdout_after_first_line();
            run.assert_quiet_after_closed_output();
        });
        let run = Demo::new(program).args(args).run_with_stdout_closed();
        (first.expect("start a thread").join(), run)
    });
    first.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    assert!(
        run.status.success() && run.stderr.is_empty(),
        "{program:?} with stdout closed from the start: {run:#?}"
    );
}

/// Checks that `program`, whose one required argument `what` is a whole number from 1 to `max`,
/// refuses zero, a negative number, a word, an empty string, `max + 1` and no argument at all,
/// each with a usage error (see [`Run::assert_usage_error`]).
pub fn assert_refuses_bad_counts(program: impl AsRef<OsStr>, what: &str, max: u64) {
    let expected = format!("expected {what}, a whole number from 1 to {max}");
    for bad in ["0", "-3", "lots", "", &(max + 1).to_string()] {
        let run = Demo::new(&program).args([bad]).run();
        run.assert_usage_error(&expected);
    }
    let run = Demo::new(&program).run();
    run.assert_usage_error(&expected);
    let run = Demo::new(&program).args(["1", "2"]).run();
    run.assert_usage_error(&format!("{expected}, and nothing after it"));
}

/// Checks a scale example's run: success, and one summary line (see `shared::scale_summary`)
/// for `model` and `n` whose figures add up: wall at least 1 s, overhead the wall beyond 1 s,
/// memory a positive number of KiB and its share per unit.
pub fn assert_scale_summary(run: &Run, model: &str, n: u64) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{run:#?}");
    let fields: std::collections::HashMap<&str, &str> = lines[0]
        .split(' ')
        .map(|pair| pair.split_once('=').unwrap_or_else(|| panic!("not key=value: {pair}")))
        .collect();
    let number = |key: &str| -> f64 {
        let value = fields.get(key).unwrap_or_else(|| panic!("no {key}: {run:#?}"));
        value.parse().unwrap_or_else(|_| panic!("{key}={value} is no number"))
    };
    assert_eq!(fields.len(), 7, "{run:#?}");
    assert_eq!((fields["model"], number("n")), (model, n as f64), "{run:#?}");
    let wall = number("wall_s");
    // wall_s is rounded to the millisecond: it may exceed the run's own time by 0.5 ms.
    let took = run.secs;
    assert!(wall >= 1.0 && took >= wall - 0.0005, "wall {wall} s, run {took} s");
    assert!((number("overhead_s") - (wall - 1.0)).abs() < 0.002, "{run:#?}");
    // overhead_s is rounded to the millisecond, so its share per unit is off by up to 500 µs / n.
    let per_unit_us = number("overhead_s") * 1e6 / n as f64;
    let off = (number("overhead_us_per_unit") - per_unit_us).abs();
    assert!(off <= 500.0 / n as f64 + 0.05, "{run:#?}");
    let kib = number("peak_rss_kib");
    assert!(kib >= 100.0, "{run:#?}");
    assert!((number("rss_kib_per_unit") - kib / n as f64).abs() < 0.01, "{run:#?}");
}
