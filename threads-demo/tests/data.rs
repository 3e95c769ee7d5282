//! Runs the word count on K threads, and its Python counterpart on a `multiprocessing.Pool`, on
//! the same made-up file, and checks both against the test's own count.

mod checks;

use std::process::Command;

use demo_testing::{Demo, example, word_count_file, workspace_dir};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn word_count_counts_as_wc_does_whatever_the_ranges() {
    checks::run_word_count(&example(EXE, "word_count"));
}

#[test]
fn word_count_refuses_bad_arguments() {
    let exe = example(EXE, "word_count");
    Demo::new(&exe).run().assert_usage_error("expected FILE");
    Demo::new(&exe).args(["/etc/passwd", "0"]).run().assert_usage_error("expected K");
    Demo::new(&exe).args(["/etc/passwd", "2", "3"]).run().assert_usage_error("expected FILE");
    let run = Demo::new(&exe).args(["/no/such/file"]).run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(
        run.stderr,
        "word_count: cannot read /no/such/file: No such file or directory (os error 2)\n"
    );
}

#[test]
fn python_pool_counts_the_same() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: no python3 to run word_count.py with");
        return;
    }
    let file = word_count_file(3 << 20);
    let script = workspace_dir().join("scripts/python/word_count.py");
    for k in ["1", "2", "3", "7"] {
        let output = Command::new("python3")
            .arg(&script)
            .arg(&file.path)
            .arg(k)
            .env_remove("PYTHONUNBUFFERED")
            .output()
            .expect("run python3");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(stdout, format!("{}\n", file.expected), "K {k}: {output:?}");
    }
}
