//! Python: `python3` run with Python's defaults, for the originals the pages show, the
//! counterparts in `scripts/python/` and the twins beside the examples, and the check of what an
//! original prints unbuffered.

use std::process::Command;

use crate::dirs::scratch_dir;
use crate::pages::readme_block;
use crate::{Demo, Run, workspace_dir};

/// Checks what a Python original printed against its port's messages, but not its lines:
/// unbuffered (`python3 -u`), `print` writes the text and then the newline, and another thread or
/// process can write in between (`Task A-0: Starting...Task A-1: Starting...`, then an empty
/// line); buffered, as [`python3`] runs it, each line is whole. Each `(start,
/// finish)` pair must be printed once each, the start first, nothing else but newlines, and `last`
/// on a line of its own at the end. Returns where each pair's messages were.
pub fn assert_python_messages(
    run: &Run,
    pairs: &[(String, String)],
    last: &str,
) -> Vec<(usize, usize)> {
    run.assert_success();
    let out = &run.stdout;
    let once = |message: &str| {
        assert_eq!(out.matches(message).count(), 1, "{message}: {run:#?}");
        out.find(message).unwrap()
    };
    let positions: Vec<(usize, usize)> = pairs.iter().map(|(s, f)| (once(s), once(f))).collect();
    assert!(positions.iter().all(|(s, f)| s < f), "a unit finished before it started: {run:#?}");
    assert!(out.ends_with(&format!("\n{last}\n")), "{run:#?}");
    let messages: usize = pairs.iter().map(|(s, f)| s.len() + f.len() + 2).sum();
    assert_eq!(out.len(), messages + last.len() + 1, "more than the messages: {run:#?}");
    positions
}

/// The Python program that a page shows after `<!-- python: KEY -->`, as the block holds it.
pub fn readme_python(key: &str) -> String {
    readme_block("python", key)
}

/// `python3` about to run with Python's defaults: `PYTHONUNBUFFERED`, which a machine may
/// export, is removed, so that Python buffers its output as it does for a user (`-u` in the
/// arguments turns buffering off). The runners below start Python through it.
pub fn python3() -> Demo {
    let mut demo = Demo::new("python3");
    demo.command.env_remove("PYTHONUNBUFFERED");
    demo
}

/// Runs `python3 scripts/python/FILE ARGS...` (a counterpart of a Rust program) with stdout a
/// pipe, or returns `None`, after printing why, where there is no `python3` 3.11 or later (what
/// `api_calls.py` needs, and `scripts/compare.sh` asks for).
pub fn run_python_script(file: &str, args: &[&str]) -> Option<Run> {
    let what = format!("scripts/python/{file}");
    python_since(&what, 11)?;
    let script = workspace_dir().join("scripts/python").join(file);
    Some(python3().args([script.as_os_str()]).args(args).run())
}

/// Runs the Python twin at `path` (relative to the workspace, beside its Rust example) with
/// [`python3`], with stdout a pipe, or returns `None`, after printing why, where there is no
/// `python3` 3.8 or later.
pub fn run_python_twin(path: &str) -> Option<Run> {
    run_python_twin_since(path, 8)
}

/// As [`run_python_twin`], for a twin that needs Python 3.`minor` or later (3.11 for
/// `asyncio.TaskGroup`, `asyncio.timeout` and `except*`): where the installed `python3` is older,
/// it prints why and returns `None`.
pub fn run_python_twin_since(path: &str, minor: u32) -> Option<Run> {
    Some(python_twin(path, minor)?.run())
}

/// `python3 PATH` for the Python twin at `path`, about to run with Python's defaults, for a test
/// that acts on it while it runs (a signal, say); or `None`, after printing why, where there is
/// no `python3` 3.`minor` or later.
pub fn python_twin(path: &str, minor: u32) -> Option<Demo> {
    python_since(path, minor)?;
    Some(python3().args([workspace_dir().join(path)]))
}

/// `Some(())` where `python3` is Python 3.`minor` or later (or a later major version); otherwise
/// prints that `what` is skipped, and why, and returns `None`.
fn python_since(what: &str, minor: u32) -> Option<()> {
    let version = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[0], sys.version_info[1])"])
        .output();
    let found = version.ok().and_then(|out| {
        let text = String::from_utf8(out.stdout).ok()?;
        let (major, found) = text.trim().split_once(' ')?;
        Some((major.parse::<u32>().ok()?, found.parse::<u32>().ok()?))
    });
    match found {
        Some(version) if version >= (3, minor) => Some(()),
        Some((major, found)) => {
            eprintln!(
                "skipped: {what} needs Python 3.{minor} or later, python3 is {major}.{found}"
            );
            None
        }
        None => {
            eprintln!("skipped: no python3 to run {what} with");
            None
        }
    }
}

/// Runs the Python program that a page shows after `<!-- python: KEY -->` with `python3`, or
/// returns `None`, after printing why, where there is no `python3`. `prelude` goes before it.
pub fn run_python_original(key: &str, prelude: &str) -> Option<Run> {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: no python3 to run the original with");
        return None;
    }
    let dir = scratch_dir(&format!("python-{}", key.replace(' ', "-")));
    let file = dir.join("original.py");
    std::fs::write(&file, format!("{prelude}{}", readme_block("python", key))).unwrap();
    let mut demo = python3().args([&file]);
    demo.scratch = Some(dir);
    Some(demo.run())
}
