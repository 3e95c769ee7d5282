//! Copies: every teaching file of a crate built the way a tutorial copies it (a package of its
//! own, `shared` pasted beside it), for each crate's `tests/copy.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::dirs::scratch_dir;
use crate::workspace_dir;

/// The copy rule for the crate at `crate_dir`: builds every teaching file as [`Copies::build`]
/// does and runs `check` on each copy, given the file and the copy's path.
pub fn assert_teaching_files_copy(crate_dir: &str, tools: &[&str], check: impl Fn(&str, &Path)) {
    let files = teaching_files(crate_dir, tools);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let copies = Copies::build(&format!("{crate_dir}/Cargo.toml"), &files);
    for file in files {
        check(file, &copies.exe(file));
    }
}

/// Teaching files built the way a tutorial copies them; the directory goes when this is dropped.
pub struct Copies {
    dir: PathBuf,
}

impl Copies {
    /// Pastes each file (paths relative to the workspace) as `src/main.rs` of a new package, with
    /// `shared/src/lib.rs` beside it as `src/shared.rs` and the one line `mod shared;` added after the
    /// `//!` header and its `#![...]` lines (`with_mod_shared`). Each
    /// package depends on just those of tokio, futures and libc that its file names (`tokio::`,
    /// ...), declared as in `crate_toml`, the manifest of the crate the file comes from. All are
    /// built offline with the workspace's lock file, and any warning fails the build.
    pub fn build(crate_toml: &str, files: &[&str]) -> Copies {
        let top = workspace_dir();
        let manifest = std::fs::read_to_string(top.join(crate_toml)).expect("read the manifest");
        let dir = scratch_dir("copies");
        let mut members = Vec::new();
        for file in files {
            let source = std::fs::read_to_string(top.join(file)).expect("read a teaching file");
            let name = copy_name(file);
            let mut toml = format!(
                "[package]\nname = \"{name}\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n"
            );
            for dep in ["tokio", "futures", "libc"] {
                if source.contains(&format!("{dep}::")) {
                    let line = manifest.lines().find(|l| l.starts_with(&format!("{dep} = ")));
                    toml += line.unwrap_or_else(|| panic!("{crate_toml} does not declare {dep}"));
                    toml.push('\n');
                }
            }
            let src = dir.join(&name).join("src");
            std::fs::create_dir_all(&src).unwrap();
            std::fs::write(dir.join(&name).join("Cargo.toml"), toml).unwrap();
            std::fs::write(src.join("main.rs"), with_mod_shared(&source)).unwrap();
            std::fs::copy(top.join("shared/src/lib.rs"), src.join("shared.rs")).unwrap();
            members.push(format!("{name:?}"));
        }
        let workspace =
            format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", "));
        std::fs::write(dir.join("Cargo.toml"), workspace).unwrap();
        std::fs::copy(top.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args(["build", "--offline", "--workspace"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("run cargo");
        let copies = Copies { dir };
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "the copies do not build:\n{stderr}");
        copies
    }

    /// The copy of `file` (as given to [`Copies::build`]), ready to run.
    pub fn exe(&self, file: &str) -> PathBuf {
        self.dir.join("target/debug").join(copy_name(file))
    }
}

impl Drop for Copies {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `source` with the line `mod shared;` where the front door says to add it: after the `//!`
/// header and the `#![...]` lines that follow it (an inner attribute after an item is an error).
fn with_mod_shared(source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let at = lines
        .iter()
        .take_while(|line| line.starts_with("//!") || line.starts_with("#![") || line.is_empty())
        .count();
    let (header, rest) = lines.split_at(at);
    format!("{}\nmod shared;\n\n{}\n", header.join("\n"), rest.join("\n"))
}

/// `threads-demo/src/main.rs` becomes `copy-threads-demo`, `.../examples/pipe.rs` `copy-pipe`.
fn copy_name(file: &str) -> String {
    let path = Path::new(file);
    let stem = if path.ends_with("src/main.rs") {
        path.parent().and_then(Path::parent).and_then(Path::file_name)
    } else {
        path.file_stem()
    };
    let stem = stem.expect("a file name").to_string_lossy();
    format!("copy-{}", stem.replace('_', "-"))
}

/// Every teaching file of the crate at `crate_dir` (relative to the workspace): its `src/main.rs`
/// and each example but the tools named in `tools`, which may use more than `shared`. A new
/// example is a teaching file until it is named a tool.
pub fn teaching_files(crate_dir: &str, tools: &[&str]) -> Vec<String> {
    let mut files = vec![format!("{crate_dir}/src/main.rs")];
    let examples = std::fs::read_dir(workspace_dir().join(crate_dir).join("examples"));
    let mut names: Vec<String> = examples
        .expect("an examples directory")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".rs").map(str::to_owned))
        .filter(|name| !tools.contains(&name.as_str()))
        .collect();
    names.sort();
    files.extend(names.iter().map(|name| format!("{crate_dir}/examples/{name}.rs")));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_mod_shared_after_the_header_and_its_attributes() {
        let source =
            "//! A header.\n//!\n#![forbid(unsafe_code)]\n\nuse shared::Log;\nfn main() {}\n";
        let copied = with_mod_shared(source);
        let want = "//! A header.\n//!\n#![forbid(unsafe_code)]\n\nmod shared;\n\nuse shared::Log;\nfn main() {}\n";
        assert_eq!(copied, want);
    }

    #[test]
    fn names_copies_after_their_file() {
        assert_eq!(copy_name("threads-demo/src/main.rs"), "copy-threads-demo");
        assert_eq!(copy_name("async-demo/examples/task_group.rs"), "copy-task-group");
    }
}
