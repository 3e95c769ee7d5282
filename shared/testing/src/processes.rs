//! Processes: the machine's processes as `/proc` shows them, waiting for an event that only shows
//! there, and what a test needs of the machine (a util-linux tool, root) or skips without.

use std::process::Command;
use std::time::{Duration, Instant};

/// Checks `done` every 10 ms until it holds, for at most `within`: `Some` with the time it took,
/// or `None` if it never held. For waiting on an event that only shows in `/proc` or a file.
pub fn wait_for(within: Duration, mut done: impl FnMut() -> bool) -> Option<Duration> {
    let clock = Instant::now();
    loop {
        if done() {
            return Some(clock.elapsed());
        }
        if clock.elapsed() > within {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// One process, as `/proc/PID/stat` shows it.
#[derive(Debug)]
pub struct Process {
    /// Its process id.
    pub pid: u32,
    /// `R` running, `S` sleeping, `Z` zombie (its main thread has ended, and it is not yet
    /// reaped: see [`Process::runs`]), ...
    pub state: char,
    /// Its parent's process id.
    pub parent: u32,
    /// Its process group.
    pub group: u32,
    /// `/proc/PID/stat`'s `num_threads`: the threads the kernel still holds for it, its ended
    /// main thread among them (1 for a zombie, 2 for a zombie with one thread still running).
    pub threads: u32,
}

impl Process {
    /// Whether it still runs: not a zombie, or a zombie whose main thread has ended while other
    /// threads of it run on.
    pub fn runs(&self) -> bool {
        self.state != 'Z' || self.threads > 1
    }
}

/// Every process on the machine (Linux: read from `/proc`).
pub fn processes() -> Vec<Process> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (command) state ppid pgrp ...`; the command may hold spaces and parentheses.
            let mut fields = stat.rsplit_once(')')?.1.split_whitespace();
            let state = fields.next()?.chars().next()?;
            let parent = fields.next()?.parse().ok()?;
            let group = fields.next()?.parse().ok()?;
            // `num_threads` is field 20, the 15th after the process group (field 5).
            let threads = fields.nth(14)?.parse().ok()?;
            Some(Process { pid, state, parent, group, threads })
        })
        .collect()
}

/// The children of process `pid` that have not been reaped yet.
pub fn children_of(pid: u32) -> Vec<u32> {
    let children = processes().into_iter().filter(|p| p.parent == pid);
    children.map(|p| p.pid).collect()
}

/// Whether the command-line tool `tool` (from util-linux) can be run; prints why a test skips
/// when it cannot.
pub fn installed(tool: &str) -> bool {
    let found = Command::new(tool).arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: `{tool}` (util-linux) is not installed");
    }
    found
}

pub(crate) fn running_as_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let uid = status.lines().find_map(|line| line.strip_prefix("Uid:"));
    uid.and_then(|ids| ids.split_whitespace().nth(1)) == Some("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_this_process_and_its_parent() {
        let me = processes().into_iter().find(|p| p.pid == std::process::id());
        let me = me.expect("this test process is listed");
        // The state is the main thread's, which may be sleeping while this test thread runs.
        assert!(me.state == 'R' || me.state == 'S', "{me:?}");
        assert_eq!(me.parent, std::os::unix::process::parent_id());
        assert!(children_of(me.parent).contains(&me.pid));
        // This thread and the main one, at least.
        assert!(me.threads >= 2 && me.runs(), "{me:?}");
    }

    #[test]
    fn an_ended_child_is_a_zombie_of_one_thread_until_reaped() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let find = || processes().into_iter().find(|p| p.pid == child.id());
        let ended =
            wait_for(std::time::Duration::from_secs(10), || find().is_some_and(|p| !p.runs()));
        let zombie = find();
        child.wait().unwrap();
        assert!(ended.is_some(), "{zombie:?}");
        assert_eq!(zombie.map(|p| (p.state, p.threads)), Some(('Z', 1)));
    }
}
