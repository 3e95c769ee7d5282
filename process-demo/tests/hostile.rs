//! Runs process-demo and its examples where things go wrong, for real: a closed pipe, a bad
//! argument, a process limit that refuses forks, children that fail or are killed, Ctrl-C,
//! SIGCHLD ignored.

mod checks;

use std::fs::File;
use std::process::{Child, Command, Output};
use std::time::Duration;

use demo_testing::{
    Demo, Ready, Run, assert_quiet_when_output_closes, assert_scale_summary, children_of, example,
    installed, processes, wait_for, workspace_dir,
};

const EXE: &str = env!("CARGO_BIN_EXE_process-demo");

#[test]
fn closed_output_ends_quietly() {
    assert_quiet_when_output_closes(EXE, &[]);
    assert_quiet_when_output_closes(example(EXE, "pipe"), &[]);
    assert_quiet_when_output_closes(example(EXE, "process_pool"), &[]);
    assert_quiet_when_output_closes(example(EXE, "spawn_self"), &[]);
    assert_quiet_when_output_closes(example(EXE, "many_processes"), &["3"]);
    assert_quiet_when_output_closes(example(EXE, "measure"), &[EXE]);
}

#[test]
fn an_argument_is_refused() {
    let run = Demo::new(EXE).args(["B-2"]).run();
    run.assert_usage_error("expected no arguments");
    let run = Demo::new(example(EXE, "pipe")).args(["2"]).run();
    run.assert_usage_error("expected no arguments");
}

/// A run that failed: status 1, and on stderr exactly the lines that `expected` describes, each
/// whole (it starts with a program name) and in any order.
fn assert_failed_with(run: &Run, expected: &[&str]) {
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{run:#?}");
    for wanted in expected {
        let found = lines.iter().any(|line| line.contains(wanted));
        assert!(found, "no line with {wanted:?}: {run:#?}");
    }
    assert!(!run.stderr.contains("panicked"), "{run:#?}");
}

/// Runs `demo` where the OS refuses the fork of `refused` (`demo` is under a process limit), and
/// checks that it ended as Python's multiprocessing does when `start()` raises: status 1, one
/// line on stderr naming `refused` and the OS error, and, before it exited, every child it had
/// started reaped: none is left in its process group, running or not. Returns the run.
fn assert_refused(demo: Demo, refused: &str) -> Run {
    let (run, left) = demo.run_listing_left_behind();
    let expected =
        format!("cannot start {refused}: Resource temporarily unavailable (os error 11)");
    assert_failed_with(&run, &[&expected]);
    assert!(left.is_empty(), "children left behind {left:?}: {run:#?}");
    run
}

#[test]
fn a_refused_fork_ends_the_port_once_the_started_child_is_reaped() {
    // Two processes at most: the parent and B-0. The fork of B-1 is refused.
    let Some(demo) = Demo::new(EXE).with_process_limit(2) else {
        return;
    };
    let run = assert_refused(demo, "process B-1");
    // B-0 had started: the parent waited until it had printed its lines and ended.
    let b0 = ["Process B-0: Starting...", "Process B-0: Finished. Count: 10000000"];
    assert_eq!(run.lines(), b0, "{run:#?}");
}

#[test]
fn examples_report_a_refused_fork_once_the_started_children_are_reaped() {
    for (name, refused) in
        [("pipe", "process B-1"), ("spawn_self", "process B-1"), ("process_pool", "worker 1")]
    {
        let Some(demo) = Demo::new(example(EXE, name)).with_process_limit(2) else {
            return;
        };
        let run = assert_refused(demo, refused);
        if name == "spawn_self" {
            // Its B-0 had started: the parent waited until it had printed its lines and ended.
            let b0 = ["Process B-0: Starting...", "Process B-0: Finished. Count: 10000000"];
            assert_eq!(run.lines(), b0, "{run:#?}");
        } else {
            assert_eq!(run.stdout, "", "{run:#?}");
        }
    }
    // The scale example exists to reach the limit: it counts, reaps and fails cleanly. Its
    // children sleep 1 s, so one it did not wait for would still be running.
    let demo = Demo::new(example(EXE, "many_processes")).args(["10"]);
    let Some(demo) = demo.with_process_limit(4) else {
        return;
    };
    let (run, left) = demo.run_listing_left_behind();
    assert_failed_with(&run, &["many_processes: cannot start child 3 (3 started): "]);
    assert!(left.is_empty(), "children left behind {left:?}: {run:#?}");
    assert!(run.secs >= 1.0, "the three started children were waited for: {run:#?}");
}

#[test]
fn children_that_exit_with_an_error_are_named() {
    // Writing to /dev/full fails: each child says so and exits with status 1.
    let run = Demo::new(EXE).run_with_stdout(File::create("/dev/full").unwrap());
    let expected = [
        "process B-0 (pid ",
        "process B-1 (pid ",
        "process-demo: cannot write to stdout: No space left on device",
        "process-demo: cannot write to stdout: No space left on device",
    ];
    assert_failed_with(&run, &expected);
    assert_eq!(run.stderr.matches(") ended with exit status: 1\n").count(), 2);
}

#[test]
fn children_killed_by_a_signal_are_named() {
    // A file-size limit of 0: a child's first write to the file raises SIGXFSZ, which kills it.
    if !installed("prlimit") {
        return;
    }
    let out = std::env::temp_dir().join(format!("fsize-{}.txt", std::process::id()));
    let demo = Demo::new(EXE).wrapped(&["prlimit", "--fsize=0", "--"]);
    let run = demo.run_with_stdout(File::create(&out).unwrap());
    let written = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    if run.stderr.contains("prlimit: ") {
        eprintln!("skipped: prlimit cannot lower the file-size limit here: {}", run.stderr);
        return;
    }
    assert_failed_with(&run, &["process B-0 (pid ", "process B-1 (pid "]);
    assert_eq!(run.stderr.matches(") ended with signal: 25 (SIGXFSZ)\n").count(), 2, "{run:#?}");
    assert_eq!(written, "");
}

#[test]
fn a_killed_child_is_named_and_the_others_still_reaped() {
    let child = Demo::new(example(EXE, "many_processes")).args(["3"]).spawn();
    let parent = child.id();
    let three = wait_for(Duration::from_secs(30), || children_of(parent).len() == 3);
    assert!(three.is_some(), "three children within 30 s");
    // Each child sleeps 1 s: the victim is still there when the signal is sent at once.
    let children = children_of(parent);
    let victim = children[1];
    process_tools::send_signal(victim as process_tools::Pid, process_tools::SIGKILL).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    // Which child index the victim has depends on pid order, which wraps around: any will do.
    let ending = format!(" (pid {victim}) ended with signal: 9 (SIGKILL)\n");
    let one_line = stderr.lines().count() == 1;
    let named = stderr.starts_with("many_processes: child ") && stderr.ends_with(&ending);
    assert!(one_line && named, "{stderr}");
    // Every child was reaped by the parent: none is left, not even as a zombie.
    let left: Vec<u32> =
        processes().into_iter().map(|p| p.pid).filter(|pid| children.contains(pid)).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn ctrl_c_leaves_no_process_running() {
    let demo = Demo::new(example(EXE, "many_processes")).args(["5"]);
    demo.assert_ctrl_c_leaves_nothing_running(Ready::Children(5));
}

/// The state of process `pid` (`R`, `S`, `T` stopped, `Z` ended...), `None` once it is gone.
fn state_of(pid: u32) -> Option<char> {
    processes().into_iter().find(|p| p.pid == pid).map(|p| p.state)
}

/// Sends `signal` to process `pid`; false if there is no such process any more.
fn send(pid: u32, signal: libc::c_int) -> bool {
    let pid = process_tools::Pid::try_from(pid).unwrap();
    process_tools::send_signal(pid, signal).is_ok()
}

/// Starts a run with `start` until one of its children is caught counting: stopped, which proves
/// it has not ended, then killed. Returns that child's pid and the run's output; `None` if no
/// child was caught in twenty runs.
fn kill_a_counting_child(start: impl Fn() -> Child) -> Option<(u32, Output)> {
    for _ in 0..20 {
        let run = start();
        let mut children = children_of(run.id());
        for _ in 0..100 {
            if !children.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
            children = children_of(run.id());
        }
        let Some(&victim) = children.first() else {
            let _ = run.wait_with_output();
            continue;
        };
        let stopped = send(victim, libc::SIGSTOP);
        let mut state = state_of(victim);
        for _ in 0..100 {
            if matches!(state, Some('T' | 'Z') | None) {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
            state = state_of(victim);
        }
        if !stopped || state != Some('T') {
            // It ended before the signal came: try again with a new run.
            send(victim, libc::SIGCONT);
            let _ = run.wait_with_output();
            continue;
        }
        assert!(send(victim, libc::SIGKILL), "a stopped child is still there");
        return Some((victim, run.wait_with_output().unwrap()));
    }
    None
}

#[test]
fn pipe_refuses_the_count_of_a_child_that_was_killed() {
    // The children count for tens of milliseconds in a debug build. A child caught counting is
    // killed: its status says so, whatever it had sent by then. An optimized child counts in a
    // few milliseconds, too fast to catch for sure.
    if !cfg!(debug_assertions) {
        eprintln!("skipped: an optimized child counts too fast to be caught counting");
        return;
    }
    let caught = kill_a_counting_child(|| Demo::new(example(EXE, "pipe")).spawn());
    let (victim, output) = caught.expect("a child of `pipe` caught counting in twenty runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    let named = stderr.starts_with("pipe: process B-")
        && stderr.contains(&format!(" (pid {victim}) ended with signal: 9 (SIGKILL) and sent "))
        && stderr.lines().count() == 1;
    assert!(named, "{stderr}");
    // The other child's count is shown; no sum is, since one count is missing.
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() == 1 && lines[0].ends_with(" sent 10000000"), "{stdout}");
}

#[test]
fn in_python_pipe_refuses_the_count_of_a_child_that_was_killed() {
    // The interpreter itself: `python3` may be a wrapper (pyenv's shim) whose own children are
    // helpers it runs before it becomes Python.
    let code = "import sys; print(sys.executable)";
    let Ok(found) = Command::new("python3").args(["-c", code]).output() else {
        eprintln!("skipped: no python3 to run process-demo/examples/pipe.py with");
        return;
    };
    let python = String::from_utf8(found.stdout).unwrap();
    // Python counts for the best part of a second, long enough to catch a child at it. An empty
    // PYTHONUNBUFFERED is Python's default: buffered.
    let twin = workspace_dir().join("process-demo/examples/pipe.py");
    let start = || Demo::new(python.trim()).env("PYTHONUNBUFFERED", "").args([&twin]).spawn();
    let caught = kill_a_counting_child(start);
    let (victim, output) = caught.expect("a child of pipe.py caught counting in twenty runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    // Killed before its send, it sent nothing (recv() raised EOFError); after it, the count it
    // sent is refused all the same.
    let ended = format!(" (pid {victim}) ended with exitcode -9 and sent ");
    let named = stderr.starts_with("process B-")
        && [format!("{ended}None\n"), format!("{ended}10000000\n")]
            .iter()
            .any(|e| stderr.ends_with(e))
        && stderr.lines().count() == 1;
    assert!(named, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() == 1 && lines[0].ends_with(" sent 10000000"), "{stdout}");
}

#[test]
fn a_program_started_with_sigchld_ignored_still_reaps_its_children() {
    // SIGCHLD ignored has the kernel reap each child itself, and `waitpid` then fails with
    // ECHILD: each program that forks restores the default action first, and prints its lines.
    let ignoring = |name: &str| Demo::new(example(EXE, name)).with_sigchld_ignored();
    checks::assert_faithful(&Demo::new(EXE).with_sigchld_ignored().run());
    checks::assert_pipe(&ignoring("pipe").run());
    checks::assert_process_pool(&ignoring("process_pool").run());
    checks::assert_shared_memory(&ignoring("shared_memory").run());
    assert_scale_summary(&ignoring("many_processes").args(["3"]).run(), "processes", 3);
    let run = ignoring("measure").args([EXE]).run();
    run.assert_success();
    assert_eq!(run.lines().len(), 6, "the demo's five lines and the figures: {run:#?}");
    // spawn_self has no `unsafe` to change the disposition with: its children run and print,
    // and it says in a line each that it cannot learn how they ended.
    let run = ignoring("spawn_self").run();
    let lines = ["B-0", "B-1"].map(|n| format!("cannot wait for process {n}: No child processes"));
    assert_failed_with(&run, &[&lines[0], &lines[1]]);
    assert_eq!(run.lines().len(), 4, "the children's lines: {run:#?}");
}

#[test]
fn a_signal_that_std_catches_does_not_cut_the_wait_short() {
    // std's runtime catches SIGSEGV (to report a stack overflow) with a handler set without
    // `SA_RESTART`: one that comes while the port waits in `waitpid` interrupts it (EINTR), and
    // the port must wait again. Its children are stopped first, so that it is caught waiting.
    if !cfg!(debug_assertions) {
        eprintln!("skipped: an optimized child counts too fast to be caught counting");
        return;
    }
    for _ in 0..20 {
        let run = Demo::new(EXE).spawn();
        let parent = run.id();
        let two = wait_for(Duration::from_secs(10), || children_of(parent).len() == 2);
        let children = children_of(parent);
        for &child in &children {
            send(child, libc::SIGSTOP);
        }
        let stopped = || children.iter().all(|&child| state_of(child) == Some('T'));
        // With both children stopped, the parent can sleep only in `waitpid`.
        let waiting = || stopped() && state_of(parent) == Some('S');
        if two.is_none() || wait_for(Duration::from_secs(2), waiting).is_none() {
            // A child ended before it was stopped: try again with a new run.
            children.iter().for_each(|&child| _ = send(child, libc::SIGCONT));
            let _ = run.wait_with_output();
            continue;
        }
        assert!(send(parent, libc::SIGSEGV), "the parent is still there");
        children.iter().for_each(|&child| _ = send(child, libc::SIGCONT));
        let output = run.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && stderr.is_empty(), "{:?}: {stderr}", output.status);
        assert!(stdout.ends_with("\nAll processes finished.\n"), "{stdout}");
        return;
    }
    panic!("no run of process-demo was caught waiting for its children in twenty runs");
}
