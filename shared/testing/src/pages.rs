//! Pages and markers: the project's Markdown pages, the blocks they mark for a test
//! (`<!-- code: ... -->`, `sample`, `timeline`, `python`), and the samples of the examples' `//!`
//! headers.

use std::path::{Path, PathBuf};
use std::process::ExitStatus;

use crate::{Run, teaching_files, workspace_dir};

/// The sample output that one of the project's pages (see [`pages`]) shows under
/// `<!-- sample: KEY -->`, as a successful run, so that a test can hold it to the same rules as a
/// real run and the page cannot drift.
pub fn readme_sample(key: &str) -> Run {
    Run {
        status: ExitStatus::default(),
        stdout: readme_block("sample", key),
        stderr: String::new(),
        secs: 0.0,
    }
}

/// The sample output that the `//!` header of the file at `path` (relative to the workspace)
/// shows in its first ```` ```text ```` block, as a successful run that took no time, or `None`
/// when the header shows none.
pub fn header_sample(path: &str) -> Option<Run> {
    let source = std::fs::read_to_string(workspace_dir().join(path)).expect("read the file");
    let header: Vec<&str> = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let start = header.iter().position(|line| *line == "```text")? + 1;
    let length = header[start..].iter().position(|line| *line == "```")?;
    let stdout = header[start..start + length].iter().map(|line| format!("{line}\n")).collect();
    Some(Run { status: ExitStatus::default(), stdout, stderr: String::new(), secs: 0.0 })
}

/// The timeline that one of the project's pages (see [`pages`]) shows under
/// `<!-- timeline: KEY -->`, as a successful run.
pub fn readme_timeline(key: &str) -> Run {
    Run {
        status: ExitStatus::default(),
        stdout: readme_block("timeline", key),
        stderr: String::new(),
        secs: 0.0,
    }
}

/// Holds the sample in the header of each teaching example of `crate_dir` (see
/// [`teaching_files`]) to `check`, the checks of a real run, given the example's name. Returns
/// how many samples it checked.
pub fn check_header_samples(crate_dir: &str, tools: &[&str], check: impl Fn(&str, &Run)) -> usize {
    let mut checked = 0;
    for file in teaching_files(crate_dir, tools) {
        let name = Path::new(&file).file_stem().unwrap().to_string_lossy().into_owned();
        if let Some(sample) = header_sample(&file).filter(|_| name != "main") {
            check(&name, &sample);
            checked += 1;
        }
    }
    checked
}

/// The project's Markdown pages, relative to the workspace and sorted: README.md, each crate's
/// page and every other `*.md` file, but none under `target` or a hidden directory.
pub fn pages() -> Vec<PathBuf> {
    fn walk(top: &Path, dir: &Path, found: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(top.join(dir)).expect("read a directory of the workspace");
        for entry in entries {
            let entry = entry.expect("read a directory entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = dir.join(&name);
            let kind = entry.file_type().expect("read a file type");
            if kind.is_dir() && !name.starts_with('.') && name != "target" {
                walk(top, &path, found);
            } else if kind.is_file() && name.ends_with(".md") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&workspace_dir(), Path::new(""), &mut found);
    found.sort();
    found
}

/// The text of the fenced block that follows `<!-- KIND: KEY -->` on one of the project's pages.
pub(crate) fn readme_block(kind: &str, key: &str) -> String {
    marked_block(kind, key).1
}

/// The page that holds `<!-- KIND: KEY -->`, and the text of the fenced block that follows it.
/// Panics unless exactly one page holds that marker, exactly once.
fn marked_block(kind: &str, key: &str) -> (PathBuf, String) {
    let marker = format!("<!-- {kind}: {key} -->");
    let mut found = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(workspace_dir().join(&page)).expect("read a page");
        for _ in text.matches(&marker) {
            found.push((page.clone(), text.clone()));
        }
    }
    let (page, text) = match found.len() {
        1 => found.pop().unwrap(),
        0 => panic!("no page has {marker}"),
        _ => panic!("{marker} is shown more than once: {:?}", found.iter().map(|f| &f.0)),
    };
    let after = text.split_once(&marker).unwrap().1;
    let block = after
        .split_once("```")
        .and_then(|(_, rest)| rest.split_once('\n'))
        .and_then(|(_, rest)| rest.split_once("```"))
        .unwrap_or_else(|| panic!("no fenced block after {marker} in {}", page.display()))
        .0;
    (page, block.to_owned())
}

/// Panics unless one of the project's pages shows the file at `path` (relative to the workspace)
/// whole, in the block after `<!-- code: PATH -->`, so that the listing cannot drift from the code.
pub fn assert_readme_shows_file(path: &str) {
    let file = std::fs::read_to_string(workspace_dir().join(path)).expect("read the file");
    let (page, shown) = marked_block("code", path);
    if shown != file {
        let line = shown.lines().zip(file.lines()).position(|(a, b)| a != b);
        let page = page.display();
        panic!("{page}'s listing of {path} differs from the file (first at line {line:?})");
    }
}
