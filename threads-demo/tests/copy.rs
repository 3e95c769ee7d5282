//! The copy rule: each teaching file of threads-demo, pasted into a new package with
//! `shared/src/lib.rs` as `src/shared.rs` and a `mod shared;` line, builds without a warning and
//! passes the same checks as the original.

mod checks;

#[test]
fn every_teaching_file_builds_and_runs_as_a_copy() {
    demo_testing::assert_teaching_files_copy(
        "threads-demo",
        checks::TOOLS,
        checks::run_teaching_file,
    );
}
