//! Runs async-demo and its examples where things go wrong, for real: a closed pipe, a bad
//! argument, a process limit, Ctrl-C.

use std::time::Duration;

use demo_testing::{Demo, Ready, assert_quiet_when_output_closes, example};

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

#[test]
fn closed_output_ends_quietly() {
    assert_quiet_when_output_closes(EXE, &[]);
    assert_quiet_when_output_closes(example(EXE, "many_tasks"), &["10"]);
    assert_quiet_when_output_closes(example(EXE, "many_futures"), &["10"]);
    // At once: each mostly waits.
    std::thread::scope(|scope| {
        for name in ["blocking_pitfall", "timeouts", "async_queue", "async_subprocess"] {
            let run = move || assert_quiet_when_output_closes(example(EXE, name), &[]);
            std::thread::Builder::new().name(name.into()).spawn_scoped(scope, run).unwrap();
        }
    });
}

#[test]
fn an_argument_is_refused() {
    let run = Demo::new(EXE).args(["C-4"]).run();
    run.assert_usage_error("expected no arguments");
    let run = Demo::new(example(EXE, "blocking_pitfall")).args(["1"]).run();
    run.assert_usage_error("expected no arguments");
}

#[test]
fn the_demo_needs_no_thread_but_main() {
    // A limit of one process or thread: any thread the runtime tried to start would be refused.
    let Some(demo) = Demo::new(EXE).with_process_limit(1) else {
        return;
    };
    let run = demo.run();
    run.assert_success();
    assert_eq!(run.lines().len(), 7, "{run:#?}");
    assert!(run.secs < 2.0, "took {:.2} s", run.secs);
}

#[test]
fn ctrl_c_leaves_nothing_running() {
    Demo::new(EXE).assert_ctrl_c_leaves_nothing_running(Ready::FirstLine);
}

#[test]
fn ctrl_c_leaves_no_child_process_running() {
    // Ctrl-C while its three children run.
    let demo = Demo::new(example(EXE, "async_subprocess"));
    demo.assert_ctrl_c_leaves_nothing_running(Ready::Children(3));
}

#[test]
fn a_child_the_os_refuses_is_one_line_and_status_1() {
    // Three processes at most: the program and two children; the third child is refused.
    let Some(demo) = Demo::new(example(EXE, "async_subprocess")).with_process_limit(3) else {
        return;
    };
    let run = demo.run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(run.stdout, "", "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
    assert!(run.stderr.starts_with("async_subprocess: cannot run C-"), "{run:#?}");
}

#[test]
fn a_full_disk_is_one_line_and_status_1() {
    let run = Demo::new(EXE).run_with_stdout(std::fs::File::create("/dev/full").unwrap());
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(
        run.stderr,
        "async-demo: cannot write to stdout: No space left on device (os error 28)\n"
    );
}

#[test]
fn api_calls_says_what_to_change_when_the_os_refuses_sockets() {
    // 64 open files at most, 100 calls at once: some sockets are refused (EMFILE), for real.
    if !demo_testing::installed("prlimit") {
        return;
    }
    let server = demo_testing::Server::start(example(EXE, "api_server"), 50);
    let demo = Demo::new(example(EXE, "api_calls")).args([server.address.as_str(), "200", "100"]);
    let run = demo.wrapped(&["prlimit", "--nofile=64", "--"]).run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    // One line, every failure the same kind: `api_calls: R of 200 calls failed: R refused ...`.
    let rest =
        run.stderr.strip_prefix("api_calls: ").and_then(|r| r.split_once(" of 200 calls failed: "));
    let (refused, rest) = rest.unwrap_or_else(|| panic!("{run:#?}"));
    let message = "refused a socket, too many open files (EMFILE): raise `ulimit -n` above LIMIT (now 100) here and for the server, or lower LIMIT\n";
    assert_eq!(rest, format!("{refused} {message}"), "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1, "nothing else failed: {run:#?}");
    // The calls that got a socket were answered in full.
    let answered = run.lines()[0].strip_prefix("200 calls: ").and_then(|r| r.split_once(' '));
    let answered: u64 =
        answered.and_then(|(a, _)| a.parse().ok()).unwrap_or_else(|| panic!("{run:#?}"));
    assert!(answered > 0 && answered < 200, "{run:#?}");
}

#[test]
fn api_server_waits_out_a_shortage_of_file_descriptors() {
    // 32 open files at most for the server, 100 calls at once: `accept` fails (EMFILE) until
    // answers close their sockets. It must say so now and then and answer every call, not spin.
    if !demo_testing::installed("prlimit") {
        return;
    }
    let server =
        demo_testing::Server::spawn(Demo::new(example(EXE, "api_server")).args(["50"]).wrapped(&[
            "prlimit",
            "--nofile=32",
            "--",
        ]));
    let run =
        Demo::new(example(EXE, "api_calls")).args([server.address.as_str(), "100", "100"]).run();
    run.assert_success();
    assert!(run.stdout.starts_with("100 calls: 100 answered in full"), "{run:#?}");
    let server = server.end(Duration::ZERO);
    let expected = "api_server: cannot accept a connection: Too many open files (os error 24); raise the file limit (`ulimit -n`) above the clients' LIMIT";
    let lines: Vec<&str> = server.stderr.lines().collect();
    let other = lines.iter().find(|line| **line != expected);
    assert!(other.is_none(), "an unexpected line on stderr: {other:?}");
    assert!((1..=50).contains(&lines.len()), "{} lines on stderr, each {expected:?}", lines.len());
}
