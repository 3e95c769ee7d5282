//! Runs the toolbox examples `as_completed`, `async_lock`, `multi_thread` and
//! `graceful_shutdown`, and checks that each still shows its point: results in the order they
//! finish, lost updates without a lock (and the std guard refused across an `.await`), tasks that
//! overlap on a multi-thread runtime, and a clean stop on Ctrl-C. Runs the Python twins of
//! `as_completed`, `async_lock` and `graceful_shutdown` too.

mod checks;

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus};
use std::time::Instant;

use demo_testing::{
    Demo, Pid, Run, SIGINT, SIGTERM, assert_quiet_when_output_closes, example, run_python_twin,
    send_signal, workspace_dir,
};

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

const EXAMPLES: [&str; 4] = ["as_completed", "async_lock", "multi_thread", "graceful_shutdown"];

#[test]
fn closed_output_ends_quietly_and_an_argument_is_refused() {
    for name in EXAMPLES {
        assert_quiet_when_output_closes(example(EXE, name), &[]);
        let run = Demo::new(example(EXE, name)).args(["1"]).run();
        run.assert_usage_error("expected no arguments");
    }
}

#[test]
fn as_completed_hands_back_results_in_the_order_they_finish() {
    checks::assert_as_completed(&Demo::new(example(EXE, "as_completed")).run());
}

#[test]
fn in_python_as_completed_runs_each_download_as_a_task_while_the_loop_body_awaits() {
    let Some(run) = run_python_twin("async-demo/examples/as_completed.py") else { return };
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 4, "{run:#?}");
    checks::assert_in_the_order_they_finish(&run, &lines[..3], "as_completed");
    // C and A finished during the body's 0.5 s: each download is a Task, which runs by itself.
    assert_eq!(lines[3], "while the loop body awaited 0.5 s after B, C and A finished", "{run:#?}");
    assert_eq!(run.stderr, "", "{run:#?}");
}

#[test]
fn async_lock_loses_deposits_only_without_a_lock() {
    checks::assert_async_lock(&Demo::new(example(EXE, "async_lock")).run());
}

#[test]
fn in_python_deposits_are_lost_without_an_asyncio_lock_and_a_count_needs_none() {
    let Some(run) = run_python_twin("async-demo/examples/async_lock.py") else { return };
    checks::assert_deposits(
        &run,
        [
            "asyncio.Lock:                 balance 10 after 10 deposits",
            "no lock, no await in between: 10 requests counted",
        ],
    );
    // asyncio runs each task's first step, which reads 0, before any of their sleeps ends.
    assert_eq!(run.lines()[0], "no lock:                      balance 1 after 10 deposits");
    assert_eq!(run.stderr, "", "{run:#?}");
}

#[test]
fn a_std_mutex_guard_held_across_an_await_is_refused_by_spawn() {
    // Builds the code that the example's comment shows, as a package of its own with the tokio
    // that async-demo declares, and expects the error the comment quotes.
    let source = include_str!("../examples/async_lock.rs");
    let (_, pitfall) = source.split_once("// pitfall:begin\n").expect("a pitfall:begin marker");
    let (pitfall, after) = pitfall.split_once("// pitfall:end").expect("a pitfall:end marker");
    let body: Vec<&str> =
        pitfall.lines().map(|line| line.trim().trim_start_matches("//")).collect();
    let dir = std::env::temp_dir().join(format!("async-lock-pitfall-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = std::fs::read_to_string(workspace_dir().join("async-demo/Cargo.toml")).unwrap();
    let tokio = manifest.lines().find(|line| line.starts_with("tokio = ")).expect("tokio");
    let toml = format!(
        "[package]\nname = \"pitfall\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{tokio}\n\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), toml).unwrap();
    let main = format!(
        "async fn pitfall() {{\n{}\n}}\n\nfn main() {{\n    drop(pitfall());\n}}\n",
        body.join("\n")
    );
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    std::fs::copy(workspace_dir().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // The workspace's target directory keeps tokio checked from one run to the next.
    let target = workspace_dir().join("target/pitfall");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--offline", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("run cargo");
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the pitfall compiled");
    // This error has no code (no `error[E....]`): rustc names the trait and the type instead.
    let quoted = [
        "error: future cannot be sent between threads safely",
        "the trait `Send` is not implemented for `std::sync::MutexGuard<'_, i32>`",
        "note: required by a bound in `tokio::spawn`",
    ];
    for line in quoted {
        assert!(stderr.contains(line), "rustc no longer says {line:?}:\n{stderr}");
        assert!(after.contains(line), "the comment does not quote {line:?}");
    }
}

/// The Rust example.
fn rust() -> Option<Demo> {
    Some(Demo::new(example(EXE, "graceful_shutdown")))
}

/// Its Python twin, where there is a `python3`.
fn python() -> Option<Demo> {
    demo_testing::python_twin("async-demo/examples/graceful_shutdown.py", 8)
}

/// Runs `program` without a signal: it ends by itself once every job is done.
fn ends_by_itself(program: fn() -> Option<Demo>) {
    let Some(demo) = program() else { return };
    let run = demo.run();
    checks::assert_graceful_shutdown(&run);
    // Job 4 starts at 0.9 s and takes 2.5 s; nothing waits longer.
    assert!((3.4..6.0).contains(&run.secs), "{run:#?}");
}

#[test]
fn graceful_shutdown_ends_by_itself_without_ctrl_c() {
    ends_by_itself(rust);
}

#[test]
fn in_python_graceful_shutdown_ends_by_itself_without_ctrl_c() {
    ends_by_itself(python);
}

/// Reads `stdout` into `printed` until a line that starts with `line`. Each read is bounded: the
/// example ends by itself within about 3.4 s.
fn read_until_line(stdout: &mut impl BufRead, printed: &mut String, line: &str) {
    while !printed.lines().any(|l| l.starts_with(line)) {
        assert!(stdout.read_line(printed).unwrap() > 0, "it ended before {line:?}: {printed}");
    }
}

/// Starts `demo`, sends it `signal` as soon as it has printed `line`, and, with `again`, the same
/// signal once more as soon as it has printed a line that starts with `again`; returns the whole
/// run.
fn signal_after_line(demo: Demo, signal: i32, line: &str, again: Option<&str>) -> Run {
    let clock = Instant::now();
    let mut child = demo.spawn();
    let mut stdout = BufReader::new(child.stdout.take().expect("a stdout pipe"));
    let mut printed = String::new();
    // Our child, not yet reaped, so the pid cannot have been reused.
    let pid = Pid::try_from(child.id()).expect("a pid");
    read_until_line(&mut stdout, &mut printed, line);
    send_signal(pid, signal).expect("send the signal");
    if let Some(answer) = again {
        read_until_line(&mut stdout, &mut printed, answer);
        send_signal(pid, signal).expect("send the signal again");
    }
    stdout.read_to_string(&mut printed).unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().expect("reap the child");
    Run { status, stdout: printed, stderr, secs: clock.elapsed().as_secs_f64() }
}

/// Runs `program` with Ctrl-C after job 2 started: the jobs in progress finish, none starts.
fn ctrl_c_finishes_the_jobs_in_progress(program: fn() -> Option<Demo>) {
    let Some(demo) = program() else { return };
    let run = signal_after_line(demo, SIGINT, "job 2 started (takes 0.5 s)", None);
    let (started, abandoned) = checks::assert_interrupted(&run, checks::CTRL_C);
    assert!(started >= 2, "{run:#?}");
    if started < 4 {
        // Only job 4 outlasts the deadline; it starts 0.6 s after job 2, unless the machine
        // held this test back that long.
        assert_eq!((abandoned, run.status.code()), (0, Some(130)), "{run:#?}");
        assert!(run.secs < 2.0, "it waited for more than the jobs in progress: {run:#?}");
    }
}

#[test]
fn graceful_shutdown_on_ctrl_c_finishes_the_jobs_in_progress_and_starts_none() {
    ctrl_c_finishes_the_jobs_in_progress(rust);
}

#[test]
fn in_python_graceful_shutdown_on_ctrl_c_finishes_the_jobs_in_progress_and_starts_none() {
    ctrl_c_finishes_the_jobs_in_progress(python);
}

/// Runs `program` with Ctrl-C after job 4 started: job 4 is abandoned at the deadline.
fn abandons_what_outlasts_the_deadline(program: fn() -> Option<Demo>) {
    let Some(demo) = program() else { return };
    let run = signal_after_line(demo, SIGINT, "job 4 started (takes 2.5 s)", None);
    assert_eq!(checks::assert_interrupted(&run, checks::CTRL_C), (4, 1), "{run:#?}");
    assert!(run.stdout.contains("job 4 abandoned: its clean-up ran\n"), "{run:#?}");
    // Ctrl-C came at about 0.9 s: the deadline ends the run at about 1.9 s, not job 4 at 3.4 s.
    assert!(run.secs < 3.4, "it waited for job 4: {run:#?}");
}

#[test]
fn graceful_shutdown_abandons_what_outlasts_the_deadline() {
    abandons_what_outlasts_the_deadline(rust);
}

#[test]
fn in_python_graceful_shutdown_abandons_what_outlasts_the_deadline() {
    abandons_what_outlasts_the_deadline(python);
}

/// Runs `program` with Ctrl-C after job 4 started, and again once it answered: it stops at once.
fn stops_at_once_on_a_second_ctrl_c(program: fn() -> Option<Demo>) {
    let Some(demo) = program() else { return };
    // Job 4 runs until 3.4 s, past the deadline: a second Ctrl-C abandons it before the deadline.
    let answer = "Ctrl-C: taking no new job";
    let run = signal_after_line(demo, SIGINT, "job 4 started (takes 2.5 s)", Some(answer));
    let stop = checks::Stop { again: true, ..checks::CTRL_C };
    let (started, abandoned) = checks::assert_interrupted(&run, stop);
    assert_eq!(started, 4, "{run:#?}");
    assert!(abandoned >= 1, "{run:#?}");
}

#[test]
fn graceful_shutdown_stops_at_once_on_a_second_ctrl_c() {
    stops_at_once_on_a_second_ctrl_c(rust);
}

#[test]
fn in_python_graceful_shutdown_stops_at_once_on_a_second_ctrl_c() {
    stops_at_once_on_a_second_ctrl_c(python);
}

/// Runs `program` with SIGTERM after job 2 started: handled as Ctrl-C, with status 143.
fn handles_sigterm_as_ctrl_c(program: fn() -> Option<Demo>) {
    let Some(demo) = program() else { return };
    let run = signal_after_line(demo, SIGTERM, "job 2 started (takes 0.5 s)", None);
    let stop = checks::Stop { signal: "SIGTERM", status: 143, again: false };
    let (started, abandoned) = checks::assert_interrupted(&run, stop);
    if started < 4 {
        assert_eq!((abandoned, run.status.code()), (0, Some(143)), "{run:#?}");
    }
}

#[test]
fn graceful_shutdown_handles_sigterm_as_ctrl_c() {
    handles_sigterm_as_ctrl_c(rust);
}

#[test]
fn in_python_graceful_shutdown_handles_sigterm_as_ctrl_c() {
    handles_sigterm_as_ctrl_c(python);
}

#[test]
fn graceful_shutdown_header_shows_what_ctrl_c_prints() {
    // The header's second sample (the first is checked with the others' in demo.rs).
    let source = include_str!("../examples/graceful_shutdown.rs");
    let header: Vec<&str> = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let (_, after_first) = header.split_at(header.iter().position(|l| *l == "```").unwrap() + 1);
    let start = after_first.iter().position(|l| *l == "```text").expect("a second sample") + 1;
    let length = after_first[start..].iter().position(|l| *l == "```").unwrap();
    let stdout: String =
        after_first[start..start + length].iter().map(|l| format!("{l}\n")).collect();
    let sample =
        Run { status: ExitStatus::from_raw(130 << 8), stdout, stderr: String::new(), secs: 0.0 };
    assert_eq!(checks::assert_interrupted(&sample, checks::CTRL_C), (2, 0), "{sample:#?}");
}
