//! What async-demo's programs must print, for the tests that run the built programs, their
//! copies (`copy.rs`) and the Python original.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::path::Path;

use demo_testing::{Demo, Run, Server, Traced, example};

mod context;
mod errors;
mod streams;
mod toolbox;
pub use context::*;
pub use errors::*;
pub use streams::*;
pub use toolbox::*;

/// The examples that are tools (they may use more than `shared`, and need not copy).
pub const TOOLS: &[&str] = &["many_futures", "many_tasks"];

/// The original's seven lines in the original's order, which `asyncio.gather` keeps every run.
/// Returns the seconds the last line reports.
pub fn assert_faithful(run: &Run) -> f64 {
    run.assert_success();
    let lines = run.lines();
    let expected = [
        "Async Task C-1: Starting...",
        "Async Task C-2: Starting...",
        "Async Task C-3: Starting...",
        "Async Task C-1: Finished.",
        "Async Task C-2: Finished.",
        "Async Task C-3: Finished.",
    ];
    assert_eq!(lines.len(), 7, "{run:#?}");
    assert_eq!(lines[..6], expected, "{run:#?}");
    let secs = lines[6]
        .strip_prefix("All async tasks finished in ")
        .and_then(|rest| rest.strip_suffix(" seconds."))
        .unwrap_or_else(|| panic!("not the summary line: {:?}", lines[6]));
    let (whole, hundredths) = secs.split_once('.').expect("a decimal point");
    assert_eq!(hundredths.len(), 2, "two decimals: {secs}");
    assert!(whole.chars().all(|c| c.is_ascii_digit()), "{secs}");
    secs.parse().expect("a number")
}

/// The three 1 s sleeps overlap (3 s one after another), and the time reported is the time taken.
pub fn assert_overlap(run: &Run, reported: f64) {
    assert!((0.99..2.0).contains(&reported), "reported {reported} s");
    // The time is rounded to hundredths, so it may read up to 5 ms more than the run took.
    let took = run.secs;
    assert!(took >= reported - 0.005 && took < 2.0, "took {took:.3} s, reported {reported}");
}

/// With `DEMO_TRACE=1`: every line from the one thread, `main`; the tasks start together and
/// finish together 1 s later (one after another, they would finish 1, 2 and 3 s in). Times are
/// taken from the first line, not from the program's start, which a loaded machine may delay.
pub fn assert_traced(run: &Run) {
    run.assert_success();
    let lines: Vec<Traced> = run.lines().into_iter().filter_map(Traced::parse).collect();
    assert_eq!(lines.len(), 7, "{run:#?}");
    for line in &lines {
        assert_eq!((line.who, line.pid), ("main", lines[0].pid), "{line:?}");
    }
    let first = lines[0].secs;
    for line in &lines[..3] {
        assert!(line.secs - first < 0.5, "did not start at once: {line:?}");
    }
    for line in &lines[3..6] {
        // The trace shows hundredths: 1 s after the first line may read 0.99 s.
        assert!((0.99..2.0).contains(&(line.secs - first)), "did not finish 1 s in: {line:?}");
    }
    assert!(lines[6].text.starts_with("All async tasks finished in 1."));
}

/// `blocking_pitfall`: a blocking wait runs one at a time within one task (whatever the
/// runtime) and among tasks on the current-thread runtime (about 3 s); three tasks on three
/// workers, tokio's sleep and `spawn_blocking` run the three at once (about 1 s).
pub fn assert_blocking_pitfall(run: &Run) {
    assert_wait_rows(
        run,
        &[
            ("blocking, 3 futures in one task, 3 workers:", 1, "one task: one at a time"),
            ("blocking, 3 tasks, current-thread runtime:", 1, "one thread: one at a time"),
            ("blocking, 3 tasks, 3 workers:", 3, "a worker each, held throughout"),
            ("tokio::time::sleep, 3 futures in one task:", 3, "it yields to the runtime"),
            ("spawn_blocking, 3 futures in one task:", 3, "on tokio's blocking threads"),
        ],
    );
}

/// `blocking_pitfall.py`: `time.sleep` in three tasks runs one at a time, as on tokio's
/// current-thread runtime (about 3 s); `asyncio.sleep` and `asyncio.to_thread` run the three at
/// once (about 1 s).
pub fn assert_blocking_pitfall_python(run: &Run) {
    assert_wait_rows(
        run,
        &[
            ("time.sleep, 3 tasks:", 1, "one thread: one at a time"),
            ("asyncio.sleep, 3 tasks:", 3, "it yields to the loop"),
            ("asyncio.to_thread(time.sleep), 3 tasks:", 3, "on the executor's threads"),
        ],
    );
}

/// One line per row, `PREFIX  S.SS s, N at once (WHY)`: three waits of 1 s, one at a time
/// (N = 1, at least 3 s) or all at once (N = 3, far less than 3 s).
fn assert_wait_rows(run: &Run, rows: &[(&str, usize, &str)]) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), rows.len(), "{run:#?}");
    for (line, &(prefix, at_once, why)) in lines.iter().zip(rows) {
        let fail = || -> ! { panic!("expected {prefix:?} ... {why:?}: {run:#?}") };
        let rest = line.strip_prefix(prefix).unwrap_or_else(|| fail());
        let (secs, rest) = rest.trim_start().split_once(" s, ").unwrap_or_else(|| fail());
        let secs: f64 = secs.parse().unwrap_or_else(|_| fail());
        assert_eq!(rest, format!("{at_once} at once ({why})"), "{run:#?}");
        if at_once == 1 {
            // One after another: three waits of 1 s.
            assert!(secs >= 2.99, "{run:#?}");
        } else {
            // Three at once: one after another would take 3 s.
            assert!((0.99..2.5).contains(&secs), "{run:#?}");
        }
    }
}

/// `task_group`'s output: results as tasks finish, then the failures cancel the one task still
/// running (whose clean-up runs) long before it would have finished (1 s). What the header shows.
pub fn assert_task_group(run: &Run) {
    assert_task_group_lines(run);
    assert!(run.secs < 0.9, "T-5 was not cancelled at once: {:.2} s", run.secs);
}

/// What `task_group` and its Python twin print: T-1 and T-2 finished, then T-5 was cancelled
/// (and not finished: it would print `T-5 finished: 100` at 1 s) and its clean-up ran.
pub fn assert_task_group_lines(run: &Run) {
    let expected = ["T-1 finished: 1", "T-2 finished: 4", "T-5 was cancelled: its clean-up ran"];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// A real run of `task_group`: its output, then the group's failure with both of its tasks'
/// failures, the error and the panic, as Python's uncaught `ExceptionGroup` holds each: one line
/// on stderr after the panic's own message, and exit status 1.
pub fn assert_task_group_failed(run: &Run) {
    assert_task_group(run);
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert!(run.stderr.contains("panicked at ") && run.stderr.contains("\nbad data for T-4\n"));
    let failure = "the group failed: no data for T-3; panicked: bad data for T-4; 1 task cancelled";
    // After the program's name, which a copy's build may change.
    let last = run.stderr.lines().last().and_then(|line| line.split_once(": "));
    assert_eq!(last.map(|(_, message)| message), Some(failure), "{run:#?}");
}

/// `timeouts`: the slow job gives up at 0.5 s, `select!` drops the losing future, `abort` cancels;
/// each loser's clean-up runs, and nothing waits for a 2 s job. Over tasks, the loser of `select!`
/// runs to its end, and the task under `timeout` ends only once aborted.
pub fn assert_timeouts(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 11, "{run:#?}");
    let secs = |line: &str, prefix: &str, suffix: &str| -> f64 {
        let secs = line.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(suffix));
        secs.and_then(|secs| secs.parse().ok()).unwrap_or_else(|| panic!("{run:#?}"))
    };
    assert_eq!(lines[0], "timeout: the 0.1 s job finished: 1");
    assert_eq!(lines[1], "the 2 s job under timeout was dropped: its clean-up ran");
    let gave_up = secs(lines[2], "timeout: the 2 s job gave up after ", " s");
    // At the 0.5 s timeout, long before the job's 2 s.
    assert!((0.5..1.5).contains(&gave_up), "{run:#?}");
    assert_eq!(lines[3], "the 2 s job in select! was dropped: its clean-up ran");
    assert_eq!(lines[4], "select!: the 0.1 s job finished first: 1");
    assert_eq!(lines[5], "the aborted task was dropped: its clean-up ran");
    let cancelled = secs(lines[6], "abort: the task was cancelled after ", " s");
    assert!((0.2..1.5).contains(&cancelled), "{run:#?}");
    assert_eq!(lines[7], "select! over tasks: the 0.1 s task finished first");
    assert_eq!(lines[8], "the 0.5 s task under timeout was dropped: its clean-up ran");
    assert_eq!(lines[9], "timeout over a task: gave up after 0.1 s, then aborted it");
    // Not dropped (no clean-up line for it), it finished, 0.5 s after it started.
    let ran = secs(lines[10], "the 0.5 s task that lost select! ran to its end after ", " s: 1");
    assert!((0.5..1.5).contains(&ran), "{run:#?}");
    // The steps take about 1.4 s; waiting for any 2 s job would take over 2 s more.
    assert!(run.secs < 3.0, "something waited for a 2 s job: {:.2} s", run.secs);
}

/// `timeouts.py`: `wait_for` cancels what runs out of time, a coroutine or a task, and each
/// cancelled job's clean-up runs; `wait(FIRST_COMPLETED)` returns with the slower task still
/// running, and it runs to its end; `cancel()` cancels a task. Nothing waits for a 2 s job.
pub fn assert_timeouts_python(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 9, "{run:#?}");
    let secs = |line: &str, prefix: &str, suffix: &str| -> f64 {
        let secs = line.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(suffix));
        secs.and_then(|secs| secs.parse().ok()).unwrap_or_else(|| panic!("{run:#?}"))
    };
    assert_eq!(lines[0], "wait_for: the 0.1 s job finished: 1", "{run:#?}");
    assert_eq!(lines[1], "the 2 s job under wait_for was cancelled: its clean-up ran", "{run:#?}");
    let gave_up = secs(lines[2], "wait_for: the 2 s job gave up after ", " s");
    // At the 0.5 s timeout, long before the job's 2 s.
    assert!((0.5..1.5).contains(&gave_up), "{run:#?}");
    let wait = "wait: the 0.1 s task finished first: 1; the 0.5 s task runs on";
    assert_eq!(lines[3], wait, "{run:#?}");
    assert_eq!(lines[4], "the 2 s task was cancelled: its clean-up ran", "{run:#?}");
    let cancelled = secs(lines[5], "cancel: the task was cancelled after ", " s");
    assert!((0.2..1.5).contains(&cancelled), "{run:#?}");
    let clean_up = "the 0.5 s task under wait_for was cancelled: its clean-up ran";
    assert_eq!(lines[6], clean_up, "{run:#?}");
    let wait_for = "wait_for over a task: gave up after 0.1 s; the task was cancelled";
    assert_eq!(lines[7], wait_for, "{run:#?}");
    // Not cancelled (no clean-up line for it), it finished, 0.5 s after it started.
    let ran = secs(lines[8], "the 0.5 s task that lost wait ran to its end after ", " s: 1");
    assert!((0.5..1.5).contains(&ran), "{run:#?}");
    // The steps take about 1.1 s; waiting for any 2 s job would take over 2 s more.
    assert!(run.secs < 3.0, "something waited for a 2 s job: {:.2} s", run.secs);
    assert_eq!(run.stderr, "", "{run:#?}");
}

/// `async_queue`: every job done, never more than 3 at once, the time that implies, and a queue
/// that held the producer back: jobs 9 and 10 go in only after two rounds of 0.2 s have ended.
pub fn assert_async_queue(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 3, "{run:#?}");
    assert_eq!(lines[0], "10 jobs done: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
    let secs = lines[1]
        .strip_prefix("at most 3 at once: ")
        .and_then(|rest| rest.strip_suffix(" s (one after another: 2.00 s)"))
        .and_then(|secs| secs.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("{run:#?}"));
    // Four rounds of 0.2 s: at least 0.8 s (rounded to hundredths), and far from 2 s.
    assert!((0.79..1.8).contains(&secs), "{run:#?}");
    let (full, waited) = lines[2]
        .strip_prefix("the queue was full at ")
        .and_then(|rest| rest.split_once(" puts of 10: the producer waited "))
        .and_then(|(full, rest)| Some((full.parse::<u32>().ok()?, rest.strip_suffix(" s")?)))
        .and_then(|(full, waited)| Some((full, waited.parse::<f64>().ok()?)))
        .unwrap_or_else(|| panic!("{run:#?}"));
    // Waiting twice at least (for each of the first two rounds), 0.4 s in all, never past the end.
    assert!((2..=8).contains(&full), "{run:#?}");
    assert!(waited >= 0.39 && waited <= secs, "{run:#?}");
}

/// `api_server`'s first line: where it listens (a port on 127.0.0.1) and its latency.
pub fn assert_server_line(line: &str) {
    let rest = line.strip_prefix("listening on 127.0.0.1:").unwrap_or_else(|| panic!("{line:?}"));
    let (port, rest) = rest.split_once(", answering after ").unwrap_or_else(|| panic!("{line:?}"));
    assert!(port.parse::<u16>().is_ok_and(|port| port > 0), "{line:?}");
    let delay = rest.trim_end().strip_suffix(" ms").and_then(|ms| ms.parse::<u32>().ok());
    assert!(delay.is_some(), "{line:?}");
}

/// What `api_calls` printed: every call answered in full, and the calls overlapped (the wall time
/// a third of one after another, at most). Returns N and the most calls that were at once.
pub fn assert_api_calls(run: &Run) -> (u64, u64) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 3, "{run:#?}");
    let fail = || -> ! { panic!("{run:#?}") };
    let (n, rest) = lines[0].split_once(" calls: ").unwrap_or_else(|| fail());
    let (answered, most) = rest.split_once(" answered in full, at most ").unwrap_or_else(|| fail());
    let most = most.strip_suffix(" at once").unwrap_or_else(|| fail());
    let [n, answered, most] =
        [n, answered, most].map(|x| x.parse::<u64>().unwrap_or_else(|_| fail()));
    assert_eq!(answered, n, "{run:#?}");
    let rest = lines[1].strip_prefix("wall: ").unwrap_or_else(|| fail());
    let (wall, rest) = rest.split_once(" s, ").unwrap_or_else(|| fail());
    let one_by_one = rest.split_once("one after another: about ").unwrap_or_else(|| fail()).1;
    let one_by_one = one_by_one.strip_suffix(" s").unwrap_or_else(|| fail());
    let (wall, one_by_one): (f64, f64) = (wall.parse().unwrap(), one_by_one.parse().unwrap());
    assert!(wall < one_by_one / 3.0, "the calls did not overlap: {run:#?}");
    assert!(lines[2].starts_with("peak memory: "), "{run:#?}");
    (n, most)
}

/// Runs the workspace's `api_calls` (or `calls`, a copy of it) for 30 calls, 10 at once, against
/// a server with 50 ms of latency (or the one at `server`), and checks it never had more than 10.
pub fn run_api_calls(calls: Option<&Path>, server: Option<&str>) {
    let exe = env!("CARGO_BIN_EXE_async-demo");
    let own = server.is_none().then(|| Server::start(example(exe, "api_server"), 50));
    let address = server.unwrap_or_else(|| &own.as_ref().unwrap().address);
    let calls = calls.map_or_else(|| example(exe, "api_calls"), Path::to_path_buf);
    let run = Demo::new(calls).args([address, "30", "10"]).run();
    assert_eq!(assert_api_calls(&run), (30, 10), "LIMIT is 10: {run:#?}");
}

/// Checks what the teaching example `name` printed: a real run, or the sample in its header.
/// Every teaching example must have a case here.
pub fn check_example_output(name: &str, run: &Run) {
    match name {
        "blocking_pitfall" => assert_blocking_pitfall(run),
        "task_group" => assert_task_group(run),
        "timeouts" => assert_timeouts(run),
        "async_queue" => assert_async_queue(run),
        "as_completed" => assert_as_completed(run),
        "async_lock" => assert_async_lock(run),
        "multi_thread" => {
            assert_multi_thread(run);
        }
        "graceful_shutdown" => assert_graceful_shutdown(run),
        "task_panic" => assert_task_panic(run),
        "task_local" => assert_task_local(run),
        "sync_bridge" => assert_sync_bridge(run),
        "async_for" => assert_async_for(run),
        "async_event" => assert_async_event(run),
        "broadcast" => assert_broadcast(run),
        "async_subprocess" => assert_async_subprocess(run),
        "api_server" => assert_server_line(run.lines()[0]),
        "api_calls" => {
            let (n, most) = assert_api_calls(run);
            assert!(most <= 1000 && most <= n, "the default LIMIT is 1000: {run:#?}");
        }
        other => panic!("no check for the teaching example {other}: add one"),
    }
}

/// Runs the teaching file `file` (`src/main.rs` or `examples/NAME.rs`) from its build at `exe` and
/// checks that it shows its point, timing included.
pub fn run_teaching_file(file: &str, exe: &Path) {
    match Path::new(file).file_stem().unwrap().to_str().unwrap() {
        "api_server" => {
            let server = Server::start(exe, 50);
            assert_server_line(&server.first_line);
            run_api_calls(None, Some(&server.address));
            return;
        }
        "api_calls" => return run_api_calls(Some(exe), None),
        _ => {}
    }
    let run = Demo::new(exe).run();
    match Path::new(file).file_stem().unwrap().to_str().unwrap() {
        "main" => {
            let reported = assert_faithful(&run);
            assert_overlap(&run, reported);
        }
        "task_group" => assert_task_group_failed(&run),
        "task_panic" => {
            assert_task_panic(&run);
            assert_eq!(run.status.code(), Some(1), "{run:#?}");
        }
        name => check_example_output(name, &run),
    }
}
