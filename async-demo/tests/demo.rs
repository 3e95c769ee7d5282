//! Runs the built `async-demo`, its examples, some of their Python twins and the Python original,
//! and checks their exact output, its order and its concurrency.

mod checks;

use checks::{assert_faithful, assert_overlap, assert_traced};
use demo_testing::{
    Demo, Run, Server, TimelineRow, assert_bars_end_to_end, assert_bars_overlap,
    assert_readme_shows_file, assert_refuses_bad_counts, assert_scale_summary, example,
    readme_sample, readme_timeline, run_python_original, run_python_twin, run_python_twin_since,
    timeline, timeline_demo,
};
use std::net::TcpStream;
use std::time::Duration;

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

#[test]
fn three_one_second_sleeps_overlap_and_keep_their_order() {
    // Five runs at once: the order must hold every run, not just usually.
    let runs: Vec<Run> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..5).map(|_| s.spawn(|| Demo::new(EXE).run())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for run in &runs {
        assert_overlap(run, assert_faithful(run));
    }
}

#[test]
fn the_python_original_prints_the_same() {
    if let Some(run) = run_python_original("async", "") {
        assert_overlap(&run, assert_faithful(&run));
    }
}

#[test]
fn same_output_into_a_file_and_a_terminal() {
    assert_faithful(&Demo::new(EXE).run_to_file());
    if let Some(run) = Demo::new(EXE).run_in_terminal() {
        assert_faithful(&run);
    }
}

#[test]
fn every_task_runs_on_the_one_main_thread() {
    assert_traced(&Demo::new(EXE).trace("1").run());
}

#[test]
fn the_readme_shows_the_code_and_what_it_prints() {
    assert_readme_shows_file("async-demo/src/main.rs");
    let reported = assert_faithful(&readme_sample("async-demo"));
    assert!((0.99..2.0).contains(&reported), "reported {reported} s");
    assert_traced(&readme_sample("DEMO_TRACE=1 async-demo"));
}

#[test]
fn a_bad_trace_value_is_a_one_line_error() {
    Demo::new(EXE).trace("on").run().assert_usage_error("DEMO_TRACE must be 0");
}

/// The port's timeline: one bar per task, in the order started, side by side, each 1 s long.
fn assert_timeline(run: &Run) {
    let rows = TimelineRow::parse_all(run);
    let labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, ["Async Task C-1", "Async Task C-2", "Async Task C-3"], "{run:#?}");
    assert_bars_overlap(&rows);
    assert!(rows.iter().all(|row| row.secs.1 - row.secs.0 >= 0.95), "{run:#?}");
}

#[test]
fn the_timeline_draws_three_tasks_side_by_side() {
    assert_timeline(&timeline(EXE, &[], true));
    assert_timeline(&timeline_demo(EXE, &[], false).run_to_file());
    assert_timeline(&readme_timeline("async-demo"));
}

/// `blocking_pitfall`'s timeline: the blocking waits of one task, then those of the tasks on one
/// thread, end to end; then each other group of three side by side.
fn assert_blocking_timeline(run: &Run) {
    let mut rows = TimelineRow::parse_all(run);
    assert_eq!(rows.len(), 15, "{run:#?}");
    // Workers and the blocking pool start their waits in any order.
    rows[6..9].sort_by(|a, b| a.label.cmp(&b.label));
    rows[12..].sort_by(|a, b| a.label.cmp(&b.label));
    let labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
    let groups = ["one task", "one thread", "workers", "awaiting", "offloaded"];
    let expected = groups.map(|how| (1..=3).map(move |i| format!("{how} {i}")));
    assert_eq!(labels, expected.into_iter().flatten().collect::<Vec<_>>(), "{run:#?}");
    assert_bars_end_to_end(&rows[..7]);
    for group in rows[6..].chunks(3) {
        assert_bars_overlap(group);
    }
    assert_bars_end_to_end(&rows[8..10]);
    assert_bars_end_to_end(&rows[11..13]);
}

#[test]
fn the_timeline_draws_the_blocking_waits_end_to_end() {
    let exe = example(EXE, "blocking_pitfall");
    assert_blocking_timeline(&timeline(&exe, &[], false));
    assert_blocking_timeline(&readme_timeline("blocking_pitfall"));
}

// The examples (`cargo run -p async-demo --example NAME`).

#[test]
fn blocking_the_runtime_serializes_the_tasks() {
    checks::assert_blocking_pitfall(&Demo::new(example(EXE, "blocking_pitfall")).run());
}

#[test]
fn in_python_time_sleep_in_a_coroutine_stalls_every_task() {
    // `asyncio.to_thread`: Python 3.9 and later.
    let path = "async-demo/examples/blocking_pitfall.py";
    let Some(run) = run_python_twin_since(path, 9) else { return };
    checks::assert_blocking_pitfall_python(&run);
}

#[test]
fn task_group_cancels_the_rest_when_one_fails_and_exits_with_1() {
    checks::assert_task_group_failed(&Demo::new(example(EXE, "task_group")).run());
}

#[test]
fn python_s_task_group_keeps_every_failure_as_task_group_does() {
    // Two tasks that fail together both end up in the `ExceptionGroup`, and the task still
    // running is cancelled (TaskGroup: Python 3.11 and later).
    let Some(run) = run_python_twin_since("async-demo/examples/task_group.py", 11) else { return };
    checks::assert_task_group_lines(&run);
    // Uncaught, the group is printed with a traceback for each failure, and the status is 1.
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let stderr: Vec<&str> =
        run.stderr.lines().map(|line| line.trim_start_matches([' ', '|', '+', '-'])).collect();
    let group = "ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)";
    let failures = ["ValueError: no data for T-3", "RuntimeError: bad data for T-4"];
    for line in [group].iter().chain(&failures) {
        assert_eq!(stderr.iter().filter(|l| l == &line).count(), 1, "{line:?}: {run:#?}");
    }
}

#[test]
fn timeouts_select_and_abort_drop_the_loser() {
    checks::assert_timeouts(&Demo::new(example(EXE, "timeouts")).run());
}

#[test]
fn in_python_wait_for_cancels_the_task_and_wait_leaves_the_loser_running() {
    let Some(run) = run_python_twin("async-demo/examples/timeouts.py") else { return };
    checks::assert_timeouts_python(&run);
}

#[test]
fn async_queue_runs_at_most_three_at_once() {
    checks::assert_async_queue(&Demo::new(example(EXE, "async_queue")).run());
}

#[test]
fn python_s_queue_and_semaphore_do_the_same() {
    let Some(run) = run_python_twin("async-demo/examples/async_queue.py") else { return };
    checks::assert_async_queue(&run);
    assert_eq!(run.stderr, "", "{run:#?}");
}

#[test]
fn api_calls_are_all_answered_never_more_than_limit_at_once() {
    checks::run_api_calls(None, None);
}

#[test]
fn api_calls_and_api_server_refuse_bad_arguments() {
    let usage = "expected a loopback address (127.0.0.1:PORT), N and maybe LIMIT and DEADLINE_S: api_calls 127.0.0.1:PORT N [LIMIT [DEADLINE_S]]";
    for args in
        [&[][..], &["127.0.0.1:80"], &["10.0.0.1:80", "5"], &["127.0.0.1:80", "5", "6", "7", "8"]]
    {
        Demo::new(example(EXE, "api_calls")).args(args).run().assert_usage_error(usage);
    }
    let run = Demo::new(example(EXE, "api_calls")).args(["127.0.0.1:80", "5", "0"]).run();
    run.assert_usage_error("expected LIMIT, a whole number from 1 to 100000, not \"0\"");
    let run = Demo::new(example(EXE, "api_calls")).args(["127.0.0.1:80", "5", "6", "0"]).run();
    run.assert_usage_error("expected DEADLINE_S, a whole number from 1 to 3600, not \"0\"");
    let run = Demo::new(example(EXE, "api_server")).args(["0"]).run();
    run.assert_usage_error("expected DELAY_MS, a whole number from 1 to 10000, not \"0\"");
    let run = Demo::new(example(EXE, "api_server")).args(["50", "0"]).run();
    run.assert_usage_error("expected IDLE_S, a whole number from 1 to 3600, not \"0\"");
    let run = Demo::new(example(EXE, "api_server")).args(["50", "5", "5"]).run();
    run.assert_usage_error("expected DELAY_MS and maybe IDLE_S: api_server [DELAY_MS [IDLE_S]]");
}

#[test]
fn api_server_stops_by_itself_after_idle_s_without_a_new_connection() {
    // IDLE_S 4, a connection at 2 s and one at 4 s (2 s of margin each): the second finds the
    // server still there only because the first started its wait again; without that it would
    // have stopped at 4 s. Then it ends about 4 s after the last, 8 s in. Both connections close
    // without a request: gone before their answer.
    let server = Server::spawn(Demo::new(example(EXE, "api_server")).args(["50", "4"]));
    for _ in 0..2 {
        std::thread::sleep(Duration::from_secs(2));
        TcpStream::connect(&server.address).expect("the server still listens");
    }
    let run = server.end(Duration::from_secs(20));
    run.assert_success();
    assert_eq!(
        run.stdout,
        "no new connection for 4 s: refusing new connections, finishing the 0 in progress\n\
         stopped; 0 answered, 0 dropped as too slow, 2 gone before their answer, 0 bad requests, \
         0 refused, 0 cut off\n",
        "{run:#?}"
    );
    assert!(run.secs > 7.5 && run.stderr.is_empty(), "{run:#?}");
}

#[test]
fn many_tasks_prints_its_summary() {
    let run = Demo::new(example(EXE, "many_tasks")).args(["1000"]).run();
    assert_scale_summary(&run, "tasks", 1000);
}

#[test]
fn many_tasks_refuses_a_bad_count() {
    assert_refuses_bad_counts(example(EXE, "many_tasks"), "N", 10000000);
}

#[test]
fn many_futures_prints_its_summary() {
    let run = Demo::new(example(EXE, "many_futures")).args(["1000"]).run();
    assert_scale_summary(&run, "futures", 1000);
}

#[test]
fn many_futures_refuses_a_bad_count() {
    assert_refuses_bad_counts(example(EXE, "many_futures"), "N", 10000000);
}

#[test]
fn each_example_header_shows_what_the_example_prints() {
    // Every teaching example with a sample in its header: the sample passes the real run's checks.
    let checked = demo_testing::check_header_samples(
        "async-demo",
        checks::TOOLS,
        checks::check_example_output,
    );
    assert!(checked >= 4, "fewer samples than the examples show");
}

#[test]
fn blocking_pitfall_says_in_one_line_when_its_workers_cannot_start() {
    // tokio's multi-thread `build` panics when the OS refuses a worker thread, and when some
    // had started it then never ends: the example asks for its threads first. One thread (main)
    // or two: too few for 3 workers.
    for processes in [1, 2] {
        let Some(demo) = Demo::new(example(EXE, "blocking_pitfall")).with_process_limit(processes)
        else {
            return;
        };
        let run = demo.run();
        assert_eq!((run.status.code(), run.stdout.as_str()), (Some(1), ""), "{run:#?}");
        let expected = "blocking_pitfall: cannot start the runtimes' threads: Resource temporarily unavailable (os error 11)\n";
        assert_eq!(run.stderr, expected, "{run:#?}");
    }
}

#[test]
fn task_group_reports_its_failures_with_its_output_closed() {
    // task_group fails on purpose: with its output closed, it still says so once, with status 1.
    let run = Demo::new(example(EXE, "task_group")).run_closing_stdout_after_first_line();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let failure = "task_group: the group failed: no data for T-3; panicked: bad data for T-4; 1 task cancelled";
    assert_eq!(run.stderr.lines().last(), Some(failure), "{run:#?}");
    assert_eq!(run.stderr.matches("the group failed").count(), 1, "{run:#?}");
}
