//! Timelines: a line's `DEMO_TRACE` prefix read back (`Traced`), `scripts/timeline.sh` run and
//! its rows read (`TimelineRow`), and the checks on the bars: overlapping, or end to end.

use std::ffi::OsStr;

use crate::{Demo, Run, workspace_dir};

/// Runs `sh scripts/timeline.sh PROGRAM ARGS...` with stdout a pipe, in a UTF-8 locale or in the
/// C locale (`utf8` false), as [`Demo::run`] does.
pub fn timeline(program: impl AsRef<OsStr>, args: &[&str], utf8: bool) -> Run {
    timeline_demo(program, args, utf8).run()
}

/// The [`Demo`] that [`timeline`] runs, to run it another way (into a file, in a terminal).
pub fn timeline_demo(program: impl AsRef<OsStr>, args: &[&str], utf8: bool) -> Demo {
    let script = workspace_dir().join("scripts/timeline.sh");
    let mut demo = Demo::new("sh").args([script.as_os_str(), program.as_ref()]).args(args);
    demo.command.env_remove("LC_ALL").env_remove("LC_CTYPE");
    demo.command.env("LANG", if utf8 { "C.UTF-8" } else { "C" });
    demo
}

/// One row that `scripts/timeline.sh` draws: `LABEL |   ████   | 0.00-2.00 s`.
#[derive(Debug, PartialEq)]
pub struct TimelineRow {
    /// The unit's name, with `(pid N)` for a unit of another process.
    pub label: String,
    /// The first column of the bar.
    pub from: usize,
    /// The column after the bar's last.
    pub to: usize,
    /// The seconds at which the unit started and finished.
    pub secs: (f64, f64),
}

impl TimelineRow {
    /// Reads the rows of a timeline (every line but the axis), and checks the axis: it starts at
    /// `0 s` under the bars' first column.
    pub fn parse_all(run: &Run) -> Vec<TimelineRow> {
        run.assert_success();
        let lines = run.lines();
        let (axis, rows) = lines.split_last().unwrap_or_else(|| panic!("no timeline: {run:#?}"));
        let rows: Vec<TimelineRow> = rows.iter().map(|line| Self::parse(line)).collect();
        let bars_at = lines[0].find(" |").map(|at| lines[0][..at].chars().count() + 2);
        assert_eq!(axis.trim_start().split(' ').next(), Some("0"), "{run:#?}");
        assert_eq!(axis.chars().take_while(|c| *c == ' ').count(), bars_at.unwrap(), "{run:#?}");
        rows
    }

    /// Reads one row; panics, naming it, if it is no row.
    pub fn parse(line: &str) -> TimelineRow {
        let fail = || -> ! { panic!("not a timeline row: {line:?}") };
        let (label, rest) = line.split_once(" |").unwrap_or_else(|| fail());
        let (bar, ends) = rest.rsplit_once("| ").unwrap_or_else(|| fail());
        let bar: Vec<char> = bar.chars().collect();
        assert!(bar.iter().all(|c| matches!(c, ' ' | '#' | '█')), "{line:?}");
        let from = bar.iter().position(|c| *c != ' ').unwrap_or_else(|| fail());
        let to = bar.iter().rposition(|c| *c != ' ').unwrap_or_else(|| fail()) + 1;
        let (start, finish) =
            ends.strip_suffix(" s").and_then(|e| e.split_once('-')).unwrap_or_else(|| fail());
        TimelineRow {
            label: label.trim_end().to_owned(),
            from,
            to,
            secs: (
                start.parse().unwrap_or_else(|_| fail()),
                finish.parse().unwrap_or_else(|_| fail()),
            ),
        }
    }
}

/// Panics unless every bar overlaps every other: each starts before all the others finish.
pub fn assert_bars_overlap(rows: &[TimelineRow]) {
    for a in rows {
        for b in rows {
            assert!(a.from < b.to && a.secs.0 < b.secs.1, "{a:?} does not overlap {b:?}");
        }
    }
}

/// Panics unless each bar starts where the one before it finished, or later: one after another.
pub fn assert_bars_end_to_end(rows: &[TimelineRow]) {
    for pair in rows.windows(2) {
        assert!(pair[1].from >= pair[0].to && pair[1].secs.0 >= pair[0].secs.1 - 0.02, "{pair:?}");
    }
}

/// One line printed with `DEMO_TRACE=1`: `[1.23s pid 4242 A-0] Task A-0: Starting...`.
#[derive(Debug, PartialEq)]
pub struct Traced<'a> {
    /// Seconds since the program started.
    pub secs: f64,
    /// The process that printed it.
    pub pid: u32,
    /// The name of the thread that printed it.
    pub who: &'a str,
    /// The line itself, as it is printed without the trace.
    pub text: &'a str,
}

impl<'a> Traced<'a> {
    /// Reads a traced line; `None` when it does not have the prefix.
    ///
    /// ```
    /// use demo_testing::Traced;
    /// let line = Traced::parse("[2.00s pid 42 A-1] Task A-1: Finished.").unwrap();
    /// assert_eq!(line, Traced { secs: 2.0, pid: 42, who: "A-1", text: "Task A-1: Finished." });
    /// assert_eq!(Traced::parse("Task A-1: Finished."), None);
    /// ```
    pub fn parse(line: &'a str) -> Option<Self> {
        let (prefix, text) = line.strip_prefix('[')?.split_once("] ")?;
        let (secs, rest) = prefix.split_once("s pid ")?;
        let (pid, who) = rest.split_once(' ')?;
        Some(Traced { secs: secs.parse().ok()?, pid: pid.parse().ok()?, who, text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_log_prints() {
        let line = shared::Log::new(true).format("Task A-0: Starting...");
        let traced = Traced::parse(line.trim_end()).expect("a traced line");
        assert_eq!(traced.text, "Task A-0: Starting...");
        assert_eq!(traced.pid, std::process::id());
        assert!(traced.secs < 1.0);
    }
}
