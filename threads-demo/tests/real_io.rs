//! `downloads` against hostile peers, for real, on 127.0.0.1: a peer that never answers, one that
//! answers half a body, one that answers with a wrong checksum.

use demo_testing::{Demo, FakePeer, Misbehaviour, Run, example, installed};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

/// `downloads ADDRESS 10 DEADLINE_S` against a peer that answers every other connection as `bad`
/// says: one download alone, then 10 at once. The run fails with status 1 in one line that starts
/// with `summary`, and its first line still counts the 5 good files.
fn assert_downloads_fail(bad: Misbehaviour, deadline_s: &str, summary: &str) -> Run {
    let peer = FakePeer::start(bad);
    let demo = Demo::new(example(EXE, "downloads"));
    let run = demo.args([peer.address.as_str(), "10", deadline_s]).run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let first = "downloaded 5 of 10 files, 81920 bytes, each length and checksum right";
    assert_eq!(run.lines()[0], first, "{run:#?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
    let expected = format!("downloads: 5 of 10 downloads failed: 5 {summary}");
    assert!(run.stderr.starts_with(&expected), "{run:#?}");
    run
}

#[test]
fn a_peer_that_never_answers_times_out_within_the_deadline() {
    let summary = "timed out: raise DEADLINE_S, or lower N\n";
    let run = assert_downloads_fail(Misbehaviour::Silent, "1", summary);
    assert!((1.0..2.5).contains(&run.secs), "{run:#?}");
}

#[test]
fn a_peer_that_sends_half_a_body_is_a_short_answer() {
    let summary = "got a short answer (a body of 8192 bytes, not 16384)\n";
    // A deadline of 5 s: the short answers are failures at once, not when the deadline passes.
    let run = assert_downloads_fail(Misbehaviour::HalfBody, "5", summary);
    assert!(run.secs < 4.0, "{run:#?}");
}

#[test]
fn a_peer_that_sends_a_wrong_checksum_is_a_corrupt_answer() {
    let summary = "got a corrupt answer (16384 bytes, announced (Some(\"16384\"), Some(";
    let run = assert_downloads_fail(Misbehaviour::WrongChecksum, "5", summary);
    assert!(run.secs < 4.0, "{run:#?}");
}

#[test]
fn a_refused_thread_ends_the_run_once_the_started_downloads_finish() {
    // At most 4 processes or threads for the run's user: the main thread and 3 downloads.
    let peer = FakePeer::start(Misbehaviour::Never);
    let demo = Demo::new(example(EXE, "downloads")).args([peer.address.as_str(), "10"]);
    let Some(demo) = demo.with_process_limit(4) else {
        return;
    };
    let run = demo.run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let first = "downloaded 3 of 10 files, 49152 bytes, each length and checksum right";
    assert_eq!(run.lines()[0], first, "{run:#?}");
    let expected = "downloads: 7 of 10 downloads failed: 7 never started: the OS refused thread \
                    file-3 (Resource temporarily unavailable (os error 11)); lower N\n";
    assert_eq!(run.stderr, expected, "{run:#?}");
}

#[test]
fn each_request_goes_out_in_one_send() {
    // `strace` shows the system calls: one `sendto` per download (the one alone, then 2).
    if !installed("strace") {
        return;
    }
    let log = std::env::temp_dir().join(format!("downloads-sendto-{}.txt", std::process::id()));
    let peer = FakePeer::start(Misbehaviour::Never);
    let demo = Demo::new(example(EXE, "downloads")).args([peer.address.as_str(), "2"]);
    let log_arg = log.to_str().expect("a UTF-8 temporary path");
    let run = demo.wrapped(&["strace", "-f", "-e", "trace=sendto,write", "-o", log_arg]).run();
    let trace = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    if run.stderr.contains("ptrace") {
        eprintln!("skipped: strace may not trace here: {}", run.stderr);
        return;
    }
    run.assert_success();
    let sends: Vec<&str> = trace.lines().filter(|line| line.contains("sendto(")).collect();
    assert_eq!(sends.len(), 3, "{trace}");
    assert!(sends.iter().all(|line| line.contains("\"GET /16384 HTTP/1.1\\r\\nHost: ")), "{trace}");
}
