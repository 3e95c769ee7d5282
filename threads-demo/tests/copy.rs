//! The copy rule: each teaching file of threads-demo, pasted into a new package with
//! `shared/src/lib.rs` as `src/shared.rs` and a `mod shared;` line, builds without a warning and
//! passes the same checks as the original.

mod checks;

use demo_testing::{Copies, teaching_files};

#[test]
fn every_teaching_file_builds_and_runs_as_a_copy() {
    let files = teaching_files("threads-demo", checks::TOOLS);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let copies = Copies::build("threads-demo/Cargo.toml", &files);
    for file in files {
        checks::run_teaching_file(file, &copies.exe(file));
    }
}
