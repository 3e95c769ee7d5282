//! Runs the word count on K processes: its counts, its answer to bad arguments, and a refused
//! fork, after which every child started is reaped.

use demo_testing::{Demo, example, word_count_file};

const EXE: &str = env!("CARGO_BIN_EXE_process-demo");

#[test]
fn word_count_counts_as_python_split_does_whatever_the_ranges() {
    demo_testing::assert_word_counts(&example(EXE, "word_count_processes"));
}

#[test]
fn word_count_refuses_bad_arguments() {
    let exe = example(EXE, "word_count_processes");
    Demo::new(&exe).run().assert_usage_error("expected FILE");
    Demo::new(&exe).args(["/etc/passwd", "1025"]).run().assert_usage_error("expected K");
    let run = Demo::new(&exe).args(["/no/such/file"]).run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let expected =
        "word_count_processes: cannot read /no/such/file: No such file or directory (os error 2)\n";
    assert_eq!(run.stderr, expected);
}

#[test]
fn word_count_with_sigchld_ignored_still_counts() {
    let file = word_count_file(1 << 20);
    let args = [file.path.as_os_str(), "2".as_ref()];
    let run =
        Demo::new(example(EXE, "word_count_processes")).args(args).with_sigchld_ignored().run();
    run.assert_success();
    assert_eq!(run.stdout, format!("{}\n", file.expected), "{run:#?}");
}

#[test]
fn a_refused_fork_fails_once_the_started_children_are_reaped() {
    let file = word_count_file(1 << 20);
    let args = [file.path.as_os_str(), "3".as_ref()];
    // Two processes at most: the parent and one child. The second fork is refused.
    let Some(demo) =
        Demo::new(example(EXE, "word_count_processes")).args(args).with_process_limit(2)
    else {
        return;
    };
    let (run, left) = demo.run_listing_left_behind();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let refused = "word_count_processes: cannot start a child: Resource temporarily unavailable (os error 11)\n";
    assert_eq!(run.stderr, refused, "{run:#?}");
    assert_eq!(run.stdout, "", "{run:#?}");
    assert!(left.is_empty(), "children left behind {left:?}: {run:#?}");
}

#[test]
fn word_count_refuses_what_is_not_a_regular_file() {
    let run = Demo::new(example(EXE, "word_count_processes")).args(["/dev/null"]).run();
    run.assert_usage_error("expected FILE, a regular file");
}
