//! What the demos' integration tests share: run a built program as a user would (stdout a pipe,
//! a file or a terminal; a closed pipe; a process limit; Ctrl-C), time it, read the lines it
//! printed with or without the `DEMO_TRACE=1` prefix, and build a teaching file the way a
//! tutorial copies it. Linux only: it reads `/proc` and runs util-linux's tools.
//!
//! The tests use every item from here (`demo_testing::Demo`); each is written in the module of
//! its concern, the one file to touch:
//!
//! - `run.rs`: [`Demo`] runs a built program as a user would, [`Run`] is what it printed, how it
//!   ended and how long it took; [`example`] is where a crate's example was built.
//! - `checks.rs`: checks that the tests of several crates hold a run to (output closed, bad
//!   counts, a scale example's summary).
//! - `pages.rs`: the project's Markdown pages, the blocks they mark for a test, and the samples
//!   of the examples' `//!` headers.
//! - `links.rs`: the check that every relative link of the pages resolves.
//! - `python.rs`: [`python3`] with Python's defaults, and the runners of the originals, the
//!   counterparts in `scripts/python/` and the twins beside the examples.
//! - `copy.rs`: each teaching file built the way a tutorial copies it ([`Copies`]).
//! - `timeline.rs`: the `DEMO_TRACE` prefix read back ([`Traced`]), `scripts/timeline.sh`'s rows
//!   ([`TimelineRow`]) and the checks on their bars.
//! - `peers.rs`: the `api_server` example started for a test ([`Server`]), and a fake one that
//!   misbehaves on purpose ([`FakePeer`]).
//! - `processes.rs`: the processes in `/proc`, [`wait_for`] an event there, and whether a tool is
//!   [`installed`].
//! - `load.rs`: every core kept busy ([`BusyCores`]).
//! - `words.rs`: the word counts' text file and checks.
//! - `dirs.rs`: the workspace's directory, and the scratch directories the harness makes.
//!
//! A new item goes in the module of its concern, with a `pub use` below, so that the tests keep
//! one path for it.
#![cfg(unix)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod checks;
mod copy;
mod dirs;
mod links;
mod load;
mod pages;
mod peers;
mod processes;
mod python;
mod run;
mod timeline;
mod words;

pub use checks::{
    assert_quiet_when_output_closes, assert_refuses_bad_counts, assert_scale_summary,
};
pub use copy::{Copies, assert_teaching_files_copy, teaching_files};
pub use dirs::workspace_dir;
pub use links::{broken_links, broken_links_in};
pub use load::BusyCores;
pub use pages::{
    assert_readme_shows_file, check_header_samples, header_sample, pages, readme_sample,
    readme_timeline,
};
pub use peers::{FakePeer, Misbehaviour, Server};
pub use processes::{Process, children_of, installed, processes, wait_for};
pub use python::{
    assert_python_messages, python_twin, python3, readme_python, run_python_original,
    run_python_script, run_python_twin, run_python_twin_since,
};
pub use run::{Demo, Ready, Run, example};
pub use timeline::{
    TimelineRow, Traced, assert_bars_end_to_end, assert_bars_overlap, timeline, timeline_demo,
};
pub use words::{WordCountFile, assert_word_count_line, assert_word_counts, word_count_file};

/// Signals for the tests of every crate, sent with `kill(2)` (process-demo's library holds the
/// project's `unsafe`): `send_signal(pid, SIGINT)`, or `-group` for a whole process group.
pub use process_tools::{Pid, SIGINT, SIGKILL, SIGSTOP, SIGTERM, send_signal};
