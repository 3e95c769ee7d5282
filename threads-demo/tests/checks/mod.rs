//! What threads-demo's programs must print, for the tests that run the built programs, their
//! copies (`copy.rs`) and the Python original.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::path::Path;

use demo_testing::{Demo, Run, Server, Traced, assert_python_messages};

/// The examples that are tools (they may use more than `shared`, and need not copy).
pub const TOOLS: &[&str] = &["many_threads"];

const NAMES: [&str; 3] = ["A-0", "A-1", "A-2"];

/// Three "Starting" lines (in any order: the threads race), then three "Finished" lines, then the
/// summary; each task exactly once.
pub fn assert_faithful(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 7, "{run:#?}");
    let mut starts: Vec<&str> = lines[..3].to_vec();
    let mut finishes: Vec<&str> = lines[3..6].to_vec();
    starts.sort_unstable();
    finishes.sort_unstable();
    assert_eq!(starts, NAMES.map(|n| format!("Task {n}: Starting...")), "{run:#?}");
    assert_eq!(finishes, NAMES.map(|n| format!("Task {n}: Finished.")), "{run:#?}");
    assert_eq!(lines[6], "All threads finished.");
}

/// What Python's threading original must print: the port's messages (see
/// `demo_testing::assert_python_messages`), every start before every finish.
pub fn assert_same_messages(run: &Run) {
    let pairs = NAMES.map(|n| (format!("Task {n}: Starting..."), format!("Task {n}: Finished.")));
    let positions = assert_python_messages(run, &pairs, "All threads finished.");
    let last_start = positions.iter().map(|p| p.0).max();
    let first_finish = positions.iter().map(|p| p.1).min();
    assert!(last_start < first_finish, "a task finished before all started: {run:#?}");
}

/// With `DEMO_TRACE=1`: each task's lines come from the thread named after it, all in one
/// process; every start at once, every finish 2 s later (one after another: 2, 4 and 6 s in).
/// Times are taken from the first line, not from the program's start, which a loaded machine
/// may delay.
pub fn assert_traced(run: &Run) {
    run.assert_success();
    let lines: Vec<Traced> = run.lines().into_iter().filter_map(Traced::parse).collect();
    assert_eq!(lines.len(), 7, "{run:#?}");
    let first = lines[0].secs;
    for line in &lines[..6] {
        assert!(line.text.starts_with(&format!("Task {}: ", line.who)), "{line:?}");
        assert_eq!(line.pid, lines[6].pid);
        // The trace shows hundredths: 2 s after the first line may read 1.99 s.
        let (at, when) =
            if line.text.ends_with("Starting...") { (0.0, "at once") } else { (1.99, "2 s in") };
        assert!((at..at + 1.0).contains(&(line.secs - first)), "not {when}: {line:?}");
    }
    assert_eq!(lines[6].who, "main");
    assert_eq!(lines[6].text, "All threads finished.");
}

/// The three 2 s sleeps overlap: 6 s one after another, about 2 s at once.
pub fn assert_overlap(run: &Run) {
    assert!((1.9..4.0).contains(&run.secs), "took {:.2} s", run.secs);
}

/// `shared_counter`: both totals exact.
pub fn assert_exact_totals(run: &Run) {
    run.assert_success();
    assert_eq!(run.lines(), ["Mutex total:  800000", "atomic total: 800000"]);
}

/// `cpu_parallel THREADS` on a machine with `cores` cores: the counts are right, and the figures
/// add up (the speedup is the first time over the second, within rounding). Returns the speedup.
pub fn assert_cpu_parallel(run: &Run, threads: usize) -> f64 {
    run.assert_success();
    let lines = run.lines();
    let cores: usize = lines[0].strip_prefix("cores: ").and_then(|c| c.parse().ok()).unwrap();
    // On one core, with more than one thread, a line says that they take turns.
    let lines = if cores == 1 && threads > 1 { &lines[2..] } else { &lines[1..] };
    assert_eq!(lines.len(), 4, "{run:#?}");
    let secs = |line: &str, prefix: &str| -> f64 {
        let rest = line.strip_prefix(prefix).unwrap_or_else(|| panic!("{run:#?}"));
        rest.trim_start().strip_suffix(" s").unwrap().parse().unwrap()
    };
    let one = secs(lines[0], &format!("1 thread, {threads} counts one after another:"));
    let many = secs(lines[1], &format!("{threads} threads, one count each at once:"));
    let count = lines[2].strip_prefix("counts: ").expect("counts");
    let counts: Vec<&str> = count.split(' ').collect();
    assert_eq!(counts.len(), threads, "{run:#?}");
    assert!(counts.iter().all(|c| *c == counts[0] && c.parse::<u64>().unwrap() > 0));
    let rest = lines[3].strip_prefix("speedup: ").expect("a speedup");
    let (speedup, range) = rest.split_once(" (median of 5 rounds, lowest ").unwrap();
    let (lowest, highest) = range.strip_suffix(')').unwrap().split_once(", highest ").unwrap();
    let speedup: f64 = speedup.parse().unwrap();
    let (lowest, highest): (f64, f64) = (lowest.parse().unwrap(), highest.parse().unwrap());
    assert!(lowest <= speedup && speedup <= highest, "{run:#?}");
    // The printed times are rounded to the millisecond.
    assert!((one / many - speedup).abs() < 0.05 + 0.002 / many, "{run:#?}");
    speedup
}

/// `queue`: every item arrived once, and the bounded queue made the producers wait.
pub fn assert_queue(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{run:#?}");
    assert_eq!(lines[0], "received 300 items: 300 different, 0 missing");
    let waited = lines[1]
        .strip_prefix("the producers found the queue full ")
        .and_then(|rest| rest.strip_suffix(" times, and waited"))
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or_else(|| panic!("{run:#?}"));
    assert!(waited > 0, "a queue of 4 never full: {run:#?}");
}

/// `thread_pool`: the results in the items' order, never more than 3 at once, and the items
/// overlapped (1.2 s one after another).
pub fn assert_thread_pool(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{run:#?}");
    assert_eq!(lines[0], "results: [1, 4, 9, 16, 25, 36]");
    let secs = lines[1]
        .strip_prefix("6 items on 3 workers, at most 3 at once: ")
        .and_then(|rest| rest.strip_suffix(" s (one after another: 1.20 s)"))
        .and_then(|secs| secs.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("{run:#?}"));
    // Two rounds of 0.2 s; one after another would take 1.2 s.
    assert!((0.39..1.1).contains(&secs) && run.secs < 2.0, "{run:#?}");
}

/// `deadlock` and its Python twin: the deadlock found and described, then `gave_up` (Python's
/// lines, where each thread's wait for its second lock timed out; Rust's has none), then the fix.
pub fn assert_deadlock(run: &Run, gave_up: &[&str]) {
    run.assert_success();
    let found = [
        "opposite orders: T-1 takes A then B, T-2 takes B then A",
        "T-1 holds lock A and waits for lock B",
        "T-2 holds lock B and waits for lock A",
        "nothing happened for 1 s: deadlock",
    ];
    let fixed = [
        "one order: T-1 and T-2 both take A then B",
        "T-1 finished",
        "T-2 finished",
        "no deadlock",
    ];
    let expected: Vec<&str> = [&found[..], gave_up, &fixed[..]].concat();
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// `event` and its Python twin (`unset`: how each writes the flag, `false` or `False`): the wait
/// with a timeout gave up after 100 ms with the flag unset; then every waiter woke, each once,
/// after main set the event.
pub fn assert_event(run: &Run, unset: &str) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 5, "{run:#?}");
    let secs = lines[0]
        .strip_prefix(&format!("wait(100 ms) with nobody to set the event: {unset} after "))
        .and_then(|rest| rest.strip_suffix(" s"))
        .and_then(|secs| secs.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("{run:#?}"));
    // `wait_timeout_while` gives up only once the whole timeout has passed.
    assert!((0.1..5.0).contains(&secs), "{run:#?}");
    assert_eq!(lines[1], "main sets the event", "{run:#?}");
    let mut woke = lines[2..].to_vec();
    woke.sort_unstable();
    assert_eq!(woke, ["W-1", "W-2", "W-3"].map(|w| format!("{w} woke: the event is set")));
}

/// `detached`: the joined thread finished; the detached one started, and its "Finished" line
/// never came, because the process ended first (2 s in, where waiting for it would take 4 s).
pub fn assert_detached(run: &Run) {
    run.assert_success();
    let expected = [
        "joined: main waits for A-0",
        "Task A-0: Starting...",
        "Task A-0: Finished.",
        "detached: main returns once A-1 has started",
        "Task A-1: Starting...",
        "main returns: the process ends, and A-1 with it",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
    assert!(run.secs < 3.5, "the process waited for A-1: {run:#?}");
}

/// `thread_local` and its Python twin (`calls` and `all`: the names of the per-thread count and
/// the shared one, `CALLS` and `ALL` in Rust): each thread counted only its own calls; the shared
/// count counted them all.
pub fn assert_thread_local(run: &Run, calls: &str, all: &str) {
    run.assert_success();
    let expected = [
        format!("T-1: {calls} is 1"),
        format!("T-2: {calls} is 2"),
        format!("T-3: {calls} is 3"),
        format!("main: {calls} is 0"),
        format!("every thread: {all} is 6"),
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// What `downloads` printed: every file downloaded and checked, and the downloads overlapped (the
/// wall time a third of one after another, at most). Returns N.
pub fn assert_downloads(run: &Run) -> u64 {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{run:#?}");
    let fail = || -> ! { panic!("{run:#?}") };
    let rest = lines[0].strip_prefix("downloaded ").unwrap_or_else(|| fail());
    let (done, rest) = rest.split_once(" of ").unwrap_or_else(|| fail());
    let (n, rest) = rest.split_once(" files, ").unwrap_or_else(|| fail());
    let bytes =
        rest.strip_suffix(" bytes, every length and checksum right").unwrap_or_else(|| fail());
    let [done, n, bytes] = [done, n, bytes].map(|x| x.parse::<u64>().unwrap_or_else(|_| fail()));
    assert_eq!((done, bytes), (n, n * 16 * 1024), "{run:#?}");
    let rest = lines[1].strip_prefix("wall: ").unwrap_or_else(|| fail());
    let (wall, rest) = rest.split_once(" s; ").unwrap_or_else(|| fail());
    let one_by_one = rest.split_once("one after another: about ").unwrap_or_else(|| fail()).1;
    let one_by_one = one_by_one.strip_suffix(" s").unwrap_or_else(|| fail());
    let (wall, one_by_one): (f64, f64) = (wall.parse().unwrap(), one_by_one.parse().unwrap());
    assert!(wall < one_by_one / 3.0, "the downloads did not overlap: {run:#?}");
    n
}

/// Runs `downloads` (at `exe`) for 20 files from the workspace's `api_server` with 50 ms latency.
/// async-demo's examples sit beside this crate's once built: `cargo test --workspace` builds
/// them, `cargo test -p threads-demo` alone does not, and then this says so and skips.
pub fn run_downloads(exe: &Path) {
    // Not `example`, which fails where the file is missing.
    let examples = Path::new(env!("CARGO_BIN_EXE_threads-demo")).with_file_name("examples");
    let api_server = examples.join(format!("api_server{}", std::env::consts::EXE_SUFFIX));
    if !api_server.exists() {
        return eprintln!(
            "skipped: {api_server:?} is not built (`cargo test --workspace` builds it)"
        );
    }
    let server = Server::start(api_server, 50);
    let run = Demo::new(exe).args([server.address.as_str(), "20"]).run();
    assert_eq!(assert_downloads(&run), 20, "{run:#?}");
}

/// Checks what the teaching example `name` printed: a real run, or the sample in its header.
/// Every teaching example must have a case here.
pub fn check_example_output(name: &str, run: &Run) {
    match name {
        "shared_counter" => assert_exact_totals(run),
        "queue" => assert_queue(run),
        "thread_pool" => assert_thread_pool(run),
        "deadlock" => assert_deadlock(run, &[]),
        "event" => assert_event(run, "false"),
        "detached" => assert_detached(run),
        "thread_local" => assert_thread_local(run, "CALLS", "ALL"),
        "thread_panic" => assert_thread_panic(run),
        "poisoned_lock" => assert_poisoned_lock(run),
        "word_count_threads" => demo_testing::assert_word_count_line(run),
        "pool_submit" => assert_pool_submit(run, "panicked"),
        "semaphore" => assert_semaphore(run),
        "rlock" => assert_rlock(run),
        "downloads" => {
            assert_downloads(run);
        }
        "cpu_parallel" => {
            assert_cpu_parallel(run, 2);
        }
        other => panic!("no check for the teaching example {other}: add one"),
    }
}

/// Runs the teaching file `file` (`src/main.rs` or `examples/NAME.rs`) from its build at `exe` and
/// checks that it shows its point, timing included.
pub fn run_teaching_file(file: &str, exe: &Path) {
    let name = Path::new(file).file_stem().unwrap().to_str().unwrap();
    if name == "downloads" {
        return run_downloads(exe);
    }
    if name == "word_count_threads" {
        return demo_testing::assert_word_counts(exe);
    }
    let args: &[&str] = if name == "cpu_parallel" { &["2"] } else { &[] };
    // Some examples panic on purpose: a backtrace's capture could take longer than their timings.
    let run = Demo::new(exe).args(args).env("RUST_BACKTRACE", "0").run();
    match name {
        "main" => {
            assert_faithful(&run);
            assert_overlap(&run);
        }
        "deadlock" => {
            assert_deadlock(&run, &[]);
            assert!((1.0..3.0).contains(&run.secs), "took {:.2} s", run.secs);
        }
        "thread_panic" => {
            assert_thread_panic(&run);
            assert_eq!(run.status.code(), Some(101), "{run:#?}");
        }
        "poisoned_lock" => {
            assert_poisoned_lock(&run);
            assert_eq!(run.status.code(), Some(1), "{run:#?}");
        }
        "pool_submit" => {
            assert_pool_submit(&run, "panicked");
            assert_eq!(run.status.code(), Some(1), "{run:#?}");
        }
        _ => check_example_output(name, &run),
    }
}

/// `thread_panic`: every thread started, the two that did not panic finished, and main joined
/// each in turn, after it ended, seeing A-1's panic message as the `Err` of its `join`. The status
/// (101, from `resume_unwind`) is checked where a test runs the program: a header sample has none.
pub fn assert_thread_panic(run: &Run) {
    let joins = ["A-0 returned 0", "A-1 panicked: A-1 got a bad input: 1", "A-2 returned 20"];
    assert_joined_after_each_ended(run, joins, &["A-0", "A-2"]);
}

/// The lines of threads and of main's joins, `joins[n]` saying what the join of
/// A-n returned: each thread's "Starting" line, then its "Finished" line if it is one of
/// `finished`, then its join; the joins in order. The threads' lines interleave as they may.
pub fn assert_joined_after_each_ended(run: &Run, joins: [&str; 3], finished: &[&str]) {
    let lines = run.lines();
    let at = |line: &str| lines.iter().position(|l| *l == line);
    let mut expected: Vec<String> = joins.iter().map(|j| j.to_string()).collect();
    for (n, name) in ["A-0", "A-1", "A-2"].iter().enumerate() {
        let start = format!("Task {name}: Starting...");
        let finish = format!("Task {name}: Finished.");
        let end = if finished.contains(name) { at(&finish) } else { at(&start) };
        assert!(
            at(&start) <= end && end < at(joins[n]),
            "{name}'s lines are out of order: {run:#?}"
        );
        expected.push(start);
        if finished.contains(name) {
            expected.push(finish);
        }
    }
    assert!(at(joins[0]) < at(joins[1]) && at(joins[1]) < at(joins[2]), "{run:#?}");
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "{run:#?}");
}

/// `poisoned_lock`: the transfer's panic poisoned the lock, and `into_inner` showed the balances
/// it left, 30 short. The status (1) is checked where a test runs the program.
pub fn assert_poisoned_lock(run: &Run) {
    let expected = [
        "the transfer panicked while it held the lock",
        "lock() is Err(PoisonError): the balances are [70, 0], 70 of 100",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// `pool_submit` and its Python twin (`raised` where Rust says `panicked`): the outcomes in the
/// order the jobs finished, then the time, under what one after another takes (1.8 s). The
/// status (1) is checked where a test runs the program.
pub fn assert_pool_submit(run: &Run, failed: &str) {
    let lines = run.lines();
    assert_eq!(lines.len(), 5, "{run:#?}");
    assert_eq!(lines[..3], ["J1 returned 1", "J2 returned 4", "J3 returned 9"], "{run:#?}");
    assert_eq!(lines[3], format!("J0 {failed}: J0 got a bad input"), "{run:#?}");
    let secs = lines[4].strip_prefix("4 jobs on 2 workers: ").expect("the summary");
    let secs = secs.strip_suffix(" s (one after another: 1.80 s)").expect("the summary");
    let secs: f64 = secs.parse().expect("seconds");
    assert!((0.99..1.7).contains(&secs), "{run:#?}");
}

/// `semaphore` and its Python twin: never more than the 2 permits inside at once, and the five
/// 0.2 s waits overlapping two by two (0.6 s), under what one permit would take (1.0 s).
pub fn assert_semaphore(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{run:#?}");
    let secs = lines[0].strip_prefix("5 threads, 2 permits: at most 2 at once, ");
    let secs = secs.and_then(|rest| rest.strip_suffix(" s (one after another: 1.00 s)"));
    let secs: f64 = secs.expect("the summary").parse().expect("seconds");
    assert!((0.59..0.99).contains(&secs), "{run:#?}");
}

/// `rlock`: the second lock on the same thread was refused, and the two calls that take the
/// lock once each moved the money.
pub fn assert_rlock(run: &Run) {
    run.assert_success();
    let expected = [
        "a second lock on the same thread: WouldBlock, where lock() would never return",
        "after deposit(A, 50) and transfer(A to B, 30): A 120, B 30",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}
