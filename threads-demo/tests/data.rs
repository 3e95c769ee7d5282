//! Runs the word count on K threads, and its Python counterpart on a `multiprocessing.Pool`, on
//! the same made-up file, and checks both against the test's own count.

use std::process::Command;

use demo_testing::{Demo, example, word_count_file, workspace_dir};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn word_count_counts_as_python_split_does_whatever_the_ranges() {
    demo_testing::assert_word_counts(&example(EXE, "word_count_threads"));
}

#[test]
fn word_count_refuses_bad_arguments() {
    let exe = example(EXE, "word_count_threads");
    Demo::new(&exe).run().assert_usage_error("expected FILE");
    Demo::new(&exe).args(["/etc/passwd", "0"]).run().assert_usage_error("expected K");
    Demo::new(&exe).args(["/etc/passwd", "2", "3"]).run().assert_usage_error("expected FILE");
    let run = Demo::new(&exe).args(["/no/such/file"]).run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(
        run.stderr,
        "word_count_threads: cannot read /no/such/file: No such file or directory (os error 2)\n"
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

#[test]
fn a_refused_thread_is_one_line_and_status_1() {
    let file = word_count_file(1 << 20);
    let args = [file.path.as_os_str(), "3".as_ref()];
    // Two threads at most in the process: main and one counter. The second is refused.
    let exe = example(EXE, "word_count_threads");
    let Some(demo) = Demo::new(exe).args(args).with_process_limit(2) else { return };
    let run = demo.run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let refused = "cannot start a thread: Resource temporarily unavailable (os error 11)\n";
    assert_eq!(run.stderr, format!("word_count_threads: {refused}"), "{run:#?}");
    assert_eq!(run.stdout, "", "{run:#?}");
}

#[test]
fn word_count_refuses_what_is_not_a_regular_file() {
    let run = Demo::new(example(EXE, "word_count_threads")).args(["/dev/null"]).run();
    run.assert_usage_error("expected FILE, a regular file");
}
