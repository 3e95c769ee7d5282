//! The front door's debugging recipe for processes, run: `strace -f` shows the port's process
//! tree, each `fork` (a `clone` that signals SIGCHLD), each child's exit and the parent's waits.

use std::process::Command;

use demo_testing::Demo;

const EXE: &str = env!("CARGO_BIN_EXE_process-demo");

#[test]
fn strace_shows_two_forks_their_exits_and_the_waits() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipped: strace is not installed");
        return;
    }
    // strace writes to stderr, where the port writes nothing; `-o` prefixes each line with a pid.
    let trace = "trace=clone,clone3,fork,vfork,wait4,exit_group";
    let prefix = ["strace", "-f", "-o", "/dev/stderr", "-e", trace, "--"];
    let run = Demo::new(EXE).wrapped(&prefix).run();
    run.assert_success();
    // Each line is `PID CALL`, the pid padded with spaces to a width (`3470  clone(`).
    let calls: Vec<(&str, &str)> = run
        .stderr
        .lines()
        .filter_map(|line| line.split_once(' ').map(|(pid, call)| (pid, call.trim_start())))
        .collect();
    let text = &run.stderr;
    let parent = calls.first().expect("a traced call").0;
    let parents: Vec<&str> = calls.iter().filter(|c| c.0 == parent).map(|c| c.1).collect();
    let clones = parents.iter().filter(|c| c.starts_with("clone(") && c.contains("SIGCHLD"));
    assert_eq!(clones.count(), 2, "{text}");
    // A call that another process's line interrupts ends on a line of its own:
    // `clone(... <unfinished ...>`, later `<... clone resumed>...) = PID`.
    let forks: Vec<&str> = parents
        .iter()
        .filter(|c| c.starts_with("clone(") || c.starts_with("<... clone resumed>"))
        .filter_map(|c| c.rsplit_once(") = ").map(|(_, pid)| pid))
        .collect();
    assert_eq!(forks.len(), 2, "{text}");
    for child in &forks {
        assert!(calls.contains(&(child, "+++ exited with 0 +++")), "{child}: {text}");
        // `wait4(PID, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = PID`, maybe resumed.
        let waited = format!("WEXITSTATUS(s) == 0}}], 0, NULL) = {child}");
        assert!(parents.iter().any(|call| call.ends_with(&waited)), "{text}");
    }
    assert_eq!(calls.last(), Some(&(parent, "+++ exited with 0 +++")), "{text}");
}
