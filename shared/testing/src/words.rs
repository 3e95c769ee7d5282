//! The word counts' fixture and checks, for `word_count_threads` and `word_count_processes`: a
//! file of made-up text and the line a count must print for it.

use std::path::{Path, PathBuf};

use crate::dirs::scratch_dir;
use crate::{Demo, Run};

/// A file of made-up text for the word counts, removed when this is dropped.
pub struct WordCountFile {
    /// Where it is.
    pub path: PathBuf,
    /// The line a word count must print for it, `"LINES lines, WORDS words"`, counted here as
    /// Python's `bytes.split()` counts words (white space is ASCII's and the vertical tab).
    pub expected: String,
}

impl Drop for WordCountFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.path.parent().expect("the file's directory"));
    }
}

/// A [`WordCountFile`] of `bytes` bytes and a few: every kind of white space, runs of it, and a
/// word at the very end with no newline, so that a range may start or end anywhere in a word or
/// between words.
pub fn word_count_file(bytes: usize) -> WordCountFile {
    let mut text = Vec::with_capacity(bytes);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while text.len() < bytes {
        // xorshift64: the same bytes every run, with no crate.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let pick = (state >> 32) % 41;
        text.push(match pick {
            0..26 => b'a' + pick as u8,
            26..34 => b' ',
            34..37 => b'\n',
            37 => b'\t',
            38 => 0x0b,
            39 => 0x0c,
            _ => b'\r',
        });
    }
    text.extend_from_slice(b"end");
    let is_space = |byte: &u8| byte.is_ascii_whitespace() || *byte == 0x0b;
    let lines = text.iter().filter(|byte| **byte == b'\n').count();
    let words = text.split(is_space).filter(|word| !word.is_empty()).count();
    let path = scratch_dir("words").join("text.txt");
    std::fs::write(&path, &text).expect("write the text");
    WordCountFile { path, expected: format!("{lines} lines, {words} words") }
}

/// What a word count (`word_count_threads` or `word_count_processes`) prints: one line,
/// `N lines, M words`. The header's sample, from a file the tests do not have, is held to it.
pub fn assert_word_count_line(run: &Run) {
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{run:#?}");
    let (lines, words) = lines[0].split_once(" lines, ").expect("N lines, M words");
    let words = words.strip_suffix(" words").expect("N lines, M words");
    assert!(lines.parse::<u64>().is_ok() && words.parse::<u64>().is_ok(), "{run:#?}");
}

/// Runs the word count at `exe` on a [`word_count_file`] of 3 MiB with 1, 2, 3 and 7 ranges, and
/// on `/proc/version`, whose size reads as 0, and checks each count against the file's own.
pub fn assert_word_counts(exe: &Path) {
    let file = word_count_file(3 << 20);
    for k in ["1", "2", "3", "7"] {
        let run = Demo::new(exe).args([file.path.as_os_str(), k.as_ref()]).run();
        run.assert_success();
        assert_eq!(run.stdout, format!("{}\n", file.expected), "K {k}: {run:#?}");
    }
    // A file of /proc says its size is 0: it is read to its end all the same.
    let text = std::fs::read("/proc/version").expect("read /proc/version");
    let lines = text.iter().filter(|byte| **byte == b'\n').count();
    let words = text.split(|byte| byte.is_ascii_whitespace()).filter(|w| !w.is_empty()).count();
    let run = Demo::new(exe).args(["/proc/version", "2"]).run();
    assert_eq!(run.stdout, format!("{lines} lines, {words} words\n"), "{run:#?}");
}
