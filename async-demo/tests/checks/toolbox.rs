//! What the toolbox examples `as_completed`, `async_lock`, `multi_thread` and
//! `graceful_shutdown` must print: for a real run, its copy and the sample in each header, and
//! what the Python twins of `as_completed` and `async_lock` print where they print the same.

use demo_testing::Run;

/// `as_completed`: both ways hand the results back as they finish (B, C, A), not in the order
/// given (A, B, C), each when it is ready, and all three in the time of the longest (0.6 s), not
/// of the three one after another (1.2 s).
pub fn assert_as_completed(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 6, "{run:#?}");
    for (way, lines) in ["FuturesUnordered", "JoinSet"].iter().zip(lines.chunks(3)) {
        assert_in_the_order_they_finish(run, lines, way);
    }
}

/// Three lines `WAY: NAME after SECS s` of `as_completed` or its Python twin: B, C, A, each when
/// it is ready, all three in the time of the longest (0.6 s), not of the three one after another.
pub fn assert_in_the_order_they_finish(run: &Run, lines: &[&str], way: &str) {
    assert_eq!(lines.len(), 3, "{run:#?}");
    let mut previous = 0.0;
    for (line, (name, at_least)) in lines.iter().zip([("B", 0.2), ("C", 0.4), ("A", 0.6)]) {
        let secs = line
            .strip_prefix(&format!("{way}: {name} after "))
            .and_then(|rest| rest.strip_suffix(" s"))
            .and_then(|secs| secs.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("expected {name} next: {run:#?}"));
        // A timer never fires early, and the time printed is rounded to hundredths.
        assert!(secs >= at_least - 0.005 && secs >= previous, "{run:#?}");
        previous = secs;
    }
    assert!(previous < 1.2, "{way}: the downloads did not overlap: {run:#?}");
}

/// `async_lock`: without a lock deposits are lost; with either mutex none is.
pub fn assert_async_lock(run: &Run) {
    assert_deposits(
        run,
        [
            "tokio::sync::Mutex:           balance 10 after 10 deposits",
            "std::sync::Mutex, no .await:  10 requests counted",
        ],
    );
}

/// `async_lock` or its Python twin: without a lock deposits are lost (the first line), then the
/// lines `with_lock`: the balance a lock keeps, and the count, which holds no lock across a wait.
pub fn assert_deposits(run: &Run, with_lock: [&str; 2]) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 3, "{run:#?}");
    let balance = lines[0]
        .strip_prefix("no lock:                      balance ")
        .and_then(|rest| rest.strip_suffix(" after 10 deposits"))
        .and_then(|balance| balance.parse::<u64>().ok())
        .unwrap_or_else(|| panic!("{run:#?}"));
    // Every task reads before any writes (each waits 10 ms in between): updates are lost.
    assert!((1..10).contains(&balance), "no deposit was lost: {run:#?}");
    assert_eq!(lines[1..], with_lock, "{run:#?}");
}

/// `multi_thread`: on the current-thread runtime the counts run one at a time, or all at once
/// when they yield; on the multi-thread runtime they run at once, in parallel given two cores.
/// Returns the cores and the speedup printed (not asserted: machines and their load differ).
pub fn assert_multi_thread(run: &Run) -> (usize, f64) {
    run.assert_success();
    let lines = run.lines();
    let fail = || -> ! { panic!("{run:#?}") };
    let cores: usize = lines[0].strip_prefix("cores: ").and_then(|c| c.parse().ok()).unwrap();
    let lines = if cores == 1 {
        assert_eq!(
            lines[1],
            "only 1 core: the tasks can only take turns on it, so expect no speedup"
        );
        &lines[2..]
    } else {
        &lines[1..]
    };
    assert_eq!(lines.len(), 4, "{run:#?}");
    let row = |line: &str, label: &str| count_row(run, line, label);
    let (alone, alone_most, why) = row(lines[0], "current-thread runtime:");
    assert_eq!((alone_most, why.as_str()), (1, "each task runs to its end"), "{run:#?}");
    let (_, turns_most, why) = row(lines[1], "current-thread runtime, yield_now:");
    assert_eq!((turns_most, why.as_str()), (cores, "the tasks take turns"), "{run:#?}");
    let workers = lines[2].strip_prefix("multi-thread runtime, ").unwrap_or_else(|| fail());
    let (workers, _) = workers.split_once(' ').unwrap_or_else(|| fail());
    let workers: usize = workers.parse().unwrap_or_else(|_| fail());
    // `#[tokio::main]`'s runtime has a worker per core, unless the environment says otherwise.
    if std::env::var_os("TOKIO_WORKER_THREADS").is_none() {
        assert_eq!(workers, cores, "{run:#?}");
    }
    let label = if workers == 1 { "worker" } else { "workers" };
    let (parallel, parallel_most, why) =
        row(lines[2], &format!("multi-thread runtime, {workers} {label}:"));
    if cores > 1 && workers > 1 {
        // Overlap, not a speedup: under load a second core may be busy elsewhere.
        assert!(parallel_most >= 2, "the counts did not overlap: {run:#?}");
        assert_eq!(why, "in parallel", "{run:#?}");
    } else {
        assert_eq!((parallel_most, why.as_str()), (1, "taking turns"), "{run:#?}");
    }
    let speedup = lines[3]
        .strip_prefix("speedup: ")
        .and_then(|rest| rest.strip_suffix(" (median of 5 rounds)"))
        .and_then(|speedup| speedup.parse::<f64>().ok())
        .unwrap_or_else(|| fail());
    // The times are rounded to the millisecond.
    assert!((alone / parallel - speedup).abs() < 0.01 + 0.002 / parallel, "{run:#?}");
    (cores, speedup)
}

/// `LABEL  0.123 s, N at once (WHY)`: the seconds, N and WHY.
fn count_row(run: &Run, line: &str, label: &str) -> (f64, usize, String) {
    let fail = || -> ! { panic!("expected {label:?}: {run:#?}") };
    let rest = line.strip_prefix(label).unwrap_or_else(|| fail()).trim_start();
    let (secs, rest) = rest.split_once(" s, ").unwrap_or_else(|| fail());
    let (most, why) = rest.split_once(" at once (").unwrap_or_else(|| fail());
    let why = why.strip_suffix(')').unwrap_or_else(|| fail()).to_owned();
    (secs.parse().unwrap_or_else(|_| fail()), most.parse().unwrap_or_else(|_| fail()), why)
}

/// `multi_thread.py`: on the event loop the counts run one at a time, or all at once when they
/// `await asyncio.sleep(0)`; on threads and in processes they run at once, given two cores.
/// Returns the cores and the two speedups printed, threads' and processes' (not asserted:
/// machines and their load differ).
pub fn assert_multi_thread_python(run: &Run) -> (usize, f64, f64) {
    run.assert_success();
    assert_eq!(run.stderr, "", "{run:#?}");
    let lines = run.lines();
    let fail = || -> ! { panic!("{run:#?}") };
    let cores: usize = lines[0].strip_prefix("cores: ").and_then(|c| c.parse().ok()).unwrap();
    let lines = if cores == 1 {
        let one = "only 1 core: the counts can only take turns on it, so expect no speedup";
        assert_eq!(lines[1], one, "{run:#?}");
        &lines[2..]
    } else {
        &lines[1..]
    };
    assert_eq!(lines.len(), 5, "{run:#?}");
    let (alone, alone_most, why) = count_row(run, lines[0], "one event loop:");
    assert_eq!((alone_most, why.as_str()), (1, "each task runs to its end"), "{run:#?}");
    let (_, turns_most, why) = count_row(run, lines[1], "one event loop, asyncio.sleep(0):");
    assert_eq!((turns_most, why.as_str()), (cores, "the tasks take turns"), "{run:#?}");
    let several =
        |one: &str, many: &str| if cores == 1 { one.into() } else { format!("{cores} {many}") };
    let label = format!("asyncio.to_thread, {}:", several("1 thread", "threads"));
    let (on_threads, threads_most, why) = count_row(run, lines[2], &label);
    assert_eq!(why, "the GIL: they take turns", "{run:#?}");
    let label = format!("ProcessPoolExecutor, {}:", several("1 process", "processes"));
    let (in_processes, processes_most, why) = count_row(run, lines[3], &label);
    if cores > 1 {
        // Overlap, not a speedup: under load a second core may be busy elsewhere.
        assert!(threads_most >= 2 && processes_most >= 2, "the counts did not overlap: {run:#?}");
        assert_eq!(why, "in parallel", "{run:#?}");
    } else {
        assert_eq!((threads_most, processes_most), (1, 1), "{run:#?}");
        assert_eq!(why, "taking turns", "{run:#?}");
    }
    let (speedup_threads, speedup_processes) = lines[4]
        .strip_prefix("speedup: threads ")
        .and_then(|rest| rest.strip_suffix(" (medians of 5 rounds)"))
        .and_then(|rest| rest.split_once(", processes "))
        .and_then(|(t, p)| Some((t.parse::<f64>().ok()?, p.parse::<f64>().ok()?)))
        .unwrap_or_else(|| fail());
    // The times are rounded to the millisecond.
    for (speedup, secs) in [(speedup_threads, on_threads), (speedup_processes, in_processes)] {
        assert!((alone / secs - speedup).abs() < 0.01 + 0.002 / secs, "{run:#?}");
    }
    (cores, speedup_threads, speedup_processes)
}

/// The line `graceful_shutdown` prints once it listens for Ctrl-C.
pub const READY: &str = "taking jobs; press Ctrl-C to stop early";

/// `job N started (takes S s)`: N and S.
fn started(line: &str) -> Option<(u64, f64)> {
    let rest = line.strip_prefix("job ")?.strip_suffix(" s)")?;
    let (n, secs) = rest.split_once(" started (takes ")?;
    Some((n.parse().ok()?, secs.parse().ok()?))
}

/// `graceful_shutdown` without Ctrl-C: all five jobs started in turn, each finished once after
/// it started, and the run ended by itself with status 0.
pub fn assert_graceful_shutdown(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 12, "{run:#?}");
    assert_eq!((lines[0], lines[11]), (READY, "all 5 jobs done"), "{run:#?}");
    let starts: Vec<u64> = lines.iter().filter_map(|line| started(line)).map(|(n, _)| n).collect();
    assert_eq!(starts, [1, 2, 3, 4, 5], "{run:#?}");
    for n in 1..=5 {
        let start = lines.iter().position(|l| started(l).is_some_and(|(m, _)| m == n)).unwrap();
        let finished = format!("job {n} finished");
        assert_eq!(lines.iter().filter(|line| **line == finished).count(), 1, "{run:#?}");
        assert!(lines.iter().position(|line| *line == finished).unwrap() > start, "{run:#?}");
    }
}

/// How `graceful_shutdown` was stopped: the signal's name as it prints it, the status of a stop
/// in which every job in progress finished, and whether a second signal came.
#[derive(Clone, Copy, Debug)]
pub struct Stop {
    pub signal: &'static str,
    pub status: i32,
    pub again: bool,
}

/// Ctrl-C (SIGINT) once.
pub const CTRL_C: Stop = Stop { signal: "Ctrl-C", status: 130, again: false };

/// `graceful_shutdown` after `stop`: no job started after it; each job in progress then ended
/// once, finished or abandoned with its clean-up run (at the 1 s deadline only one longer than
/// it, or at a second signal any); and the status says which: `stop.status` when all finished, 1
/// when one was abandoned. Returns how many jobs started and how many were abandoned.
pub fn assert_interrupted(run: &Run, stop: Stop) -> (usize, usize) {
    let lines = run.lines();
    let fail = || -> ! { panic!("{run:#?}") };
    assert_eq!(lines[0], READY, "{run:#?}");
    let signal = format!("{}: ", stop.signal);
    let first = lines.iter().position(|line| line.starts_with(&signal)).unwrap_or_else(|| fail());
    let in_progress: usize = lines[first]
        .strip_prefix(&format!("{signal}taking no new job; waiting up to 1 s for "))
        .and_then(|rest| rest.strip_suffix(" in progress"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| fail());
    let before = &lines[1..first];
    let mut after: Vec<&str> = lines[first + 1..lines.len() - 1].to_vec();
    let again = format!("{} again: stopping at once", stop.signal);
    assert_eq!(after.iter().filter(|line| **line == again).count(), usize::from(stop.again));
    after.retain(|line| *line != again);
    let starts: Vec<(u64, f64)> = before.iter().filter_map(|line| started(line)).collect();
    assert!(
        after.iter().all(|line| started(line).is_none()),
        "a job started after the signal: {run:#?}"
    );
    let numbers: Vec<u64> = starts.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, (1..=starts.len() as u64).collect::<Vec<_>>(), "{run:#?}");
    let finished_before = before.len() - starts.len();
    assert_eq!(in_progress, starts.len() - finished_before, "{run:#?}");
    assert_eq!(after.len(), in_progress, "each job in progress ends once: {run:#?}");
    let mut abandoned = 0;
    for (n, secs) in &starts {
        let finished = format!("job {n} finished");
        let dropped = format!("job {n} abandoned: its clean-up ran");
        let ends = lines.iter().filter(|line| **line == finished || **line == dropped).count();
        assert_eq!(ends, 1, "job {n} did not end once: {run:#?}");
        if after.contains(&dropped.as_str()) {
            let why = "a job shorter than the deadline was abandoned without a second signal";
            assert!(stop.again || *secs > 1.0, "{why}: {run:#?}");
            abandoned += 1;
        }
    }
    let last = lines[lines.len() - 1];
    if abandoned == 0 {
        assert_eq!(
            last,
            format!("stopped early: {in_progress} of {in_progress} jobs in progress finished")
        );
        assert_eq!(run.status.code(), Some(stop.status), "{run:#?}");
    } else {
        let expected = format!("stopped early: {abandoned} of {in_progress} jobs abandoned");
        assert_eq!(last, expected, "{run:#?}");
        assert_eq!(run.status.code(), Some(1), "{run:#?}");
    }
    assert!(run.stderr.is_empty(), "{run:#?}");
    (starts.len(), abandoned)
}
