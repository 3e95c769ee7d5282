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
    let calls = "trace=clone,clone3,fork,vfork,wait4,exit_group";
    let prefix = ["strace", "-f", "-o", "/dev/stderr", "-e", calls, "--"];
    let run = Demo::new(EXE).wrapped(&prefix).run();
    run.assert_success();
    let text = &run.stderr;
    let parent = text.split_whitespace().next().expect("a traced call");
    let forks: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with(&format!("{parent} clone(")) && line.contains("SIGCHLD"))
        .filter_map(|line| line.rsplit("= ").next())
        .collect();
    assert_eq!(forks.len(), 2, "{text}");
    for child in &forks {
        assert!(text.contains(&format!("\n{child} +++ exited with 0 +++")), "{child}: {text}");
        let waited = format!("WEXITSTATUS(s) == 0}}], 0, NULL) = {child}\n");
        assert!(text.lines().any(|l| l.starts_with(parent) && format!("{l}\n").ends_with(&waited)));
    }
    assert!(text.ends_with(&format!("{parent} +++ exited with 0 +++\n")), "{text}");
}
