//! Running a program as a user would: `Demo` starts a built binary (stdout a pipe, a file or a
//! terminal; a closed pipe; a process limit; Ctrl-C) and `Run` is what it printed, how it ended
//! and how long it took.

use std::ffi::OsStr;
use std::fs::{File, Permissions};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::io::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::processes::running_as_root;
use crate::{children_of, installed, processes, wait_for};

/// The variable that turns the demos' trace prefix on (see `shared::Log`).
const TRACE_VAR: &str = "DEMO_TRACE";

/// The longest a run may take: past it, the harness kills the program and its descendants and
/// fails the test, so that a program that hangs fails its test rather than stalling
/// `cargo test` for ever.
const DEADLINE: Duration = Duration::from_secs(300);

/// Runs `work` (a read of a pipe, say) on a thread of its own and waits for its result until
/// `deadline`, and for at least 1 s (the time for a thread that has just read to send it):
/// `None` past it, the thread left to end when it can.
fn within<T: Send + 'static>(
    deadline: Instant,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(work());
    });
    let wait = deadline.saturating_duration_since(Instant::now()).max(Duration::from_secs(1));
    result.recv_timeout(wait).ok()
}

/// The most of a run's stdout, or of its stderr, that the harness keeps: a program that prints
/// without end fails its test rather than filling the harness's memory.
pub(crate) const OUTPUT_CAP: usize = 16 << 20;

/// What [`read_all`] read: the bytes, or why there are none.
type Output = Result<Vec<u8>, String>;

/// Reads `pipe` to its end on a thread of its own; the bytes come through the receiver, or an
/// error if the read failed or there were more than [`OUTPUT_CAP`] (the rest is then read and
/// dropped, so that the program is not blocked on a full pipe).
fn read_all(pipe: Option<impl Read + Send + 'static>) -> mpsc::Receiver<Output> {
    let (done, bytes) = mpsc::channel();
    std::thread::spawn(move || {
        let mut read = Vec::new();
        let Some(mut pipe) = pipe else { return done.send(Ok(read)) };
        if let Err(e) = (&mut pipe).take(OUTPUT_CAP as u64 + 1).read_to_end(&mut read) {
            return done.send(Err(format!("cannot read its output: {e}")));
        }
        if read.len() > OUTPUT_CAP {
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
            return done.send(Err(format!("printed more than {OUTPUT_CAP} bytes")));
        }
        done.send(Ok(read))
    });
    bytes
}

/// Reads one line from `reader`, or an error if it is not UTF-8 or longer than [`OUTPUT_CAP`];
/// empty at the end of the output.
pub(crate) fn read_line_capped(reader: &mut impl BufRead) -> std::io::Result<String> {
    let mut line = Vec::new();
    reader.take(OUTPUT_CAP as u64).read_until(b'\n', &mut line)?;
    if line.len() == OUTPUT_CAP && !line.ends_with(b"\n") {
        return Err(std::io::Error::other(format!("a line of more than {OUTPUT_CAP} bytes")));
    }
    String::from_utf8(line).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// The text of the file at `path`, which `pid` wrote; the test fails if it cannot be read or
/// holds more than [`OUTPUT_CAP`] bytes.
pub(crate) fn read_file_capped(path: &Path, pid: u32) -> String {
    let mut read = Vec::new();
    let taken = File::open(path).and_then(|f| f.take(OUTPUT_CAP as u64 + 1).read_to_end(&mut read));
    taken.unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    assert!(read.len() <= OUTPUT_CAP, "pid {pid} printed more than {OUTPUT_CAP} bytes");
    String::from_utf8_lossy(&read).into_owned()
}

/// The output read by [`read_all`] from one of `pipes`, waited for until `deadline`, and for at
/// least 1 s. Past it, the program has ended but a process it left behind holds the
/// pipe open: the processes that hold either of `pipes` are killed, and the test fails.
fn output_by(
    bytes: &mpsc::Receiver<Output>,
    deadline: Instant,
    pid: u32,
    pipes: &[String; 2],
) -> String {
    // At least 1 s, for the reader of a program reaped just at the deadline to send what it read.
    let wait = deadline.saturating_duration_since(Instant::now()).max(Duration::from_secs(1));
    let read = bytes.recv_timeout(wait);
    let read = read.unwrap_or_else(|_| {
        let open = format!("the output of pid {pid} was still open at the deadline");
        match kill_holders(pipes) {
            0 => panic!("{open}"),
            1 => panic!("{open}: killed the 1 process it left behind that could write into it"),
            n => panic!("{open}: killed the {n} processes it left behind that could write into it"),
        }
    });
    let read = read.unwrap_or_else(|why| panic!("pid {pid}: {why}"));
    String::from_utf8_lossy(&read).into_owned()
}

/// Waits for `child` to end until `deadline`; past it, reaps it if it has ended, and otherwise
/// kills it and fails the test (see [`abandon`]).
fn wait_by(child: &mut Child, deadline: Instant, pipes: &[String; 2]) -> ExitStatus {
    loop {
        if let Some(status) = child.try_wait().expect("wait for the demo") {
            return status;
        }
        if Instant::now() >= deadline {
            // One that has ended since the `try_wait` above is reaped, not failed.
            if !runs(child) {
                return child.wait().expect("reap the demo");
            }
            abandon(child, pipes, "still running at the deadline: killed, with its descendants");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Fails the test of a run whose first line had not come at its deadline (see [`abandon`]),
/// saying whether the program still ran.
fn give_up(child: &mut Child, pipes: &[String; 2]) -> ! {
    match runs(child) {
        true => {
            abandon(child, pipes, "still running at the deadline: killed, with its descendants")
        }
        false => abandon(child, pipes, "had ended, but its output was still open at the deadline"),
    }
}

/// Whether `child`, not reaped yet, still runs (see [`Process::runs`](crate::Process::runs)):
/// read from /proc, not with `try_wait`, which would reap it and free its pid.
fn runs(child: &Child) -> bool {
    processes().into_iter().find(|p| p.pid == child.id()).is_none_or(|p| p.runs())
}

/// Kills `child`, which is not reaped yet (so its pid is still its own), with its descendants
/// if it still runs, and every process that can write into those of its output `pipes` that
/// this process still reads; reaps it; and fails the test, saying `why`.
fn abandon(child: &mut Child, pipes: &[String; 2], why: &str) -> ! {
    kill_tree(child.id());
    let killed = kill_holders(pipes);
    let _ = child.wait();
    match killed {
        0 => panic!("pid {}: {why}", child.id()),
        n => panic!(
            "pid {}: {why}; killed {n} processes that could write into its output",
            child.id()
        ),
    }
}

/// Sends SIGSTOP to `pid`, so that it starts no more processes once the signal has arrived,
/// then kills every descendant of it, the deepest first, while each is still attached to its
/// parent, then kills `pid`.
pub(crate) fn kill_tree(pid: u32) {
    let Ok(id) = process_tools::Pid::try_from(pid) else { return };
    let _ = process_tools::send_signal(id, process_tools::SIGSTOP);
    for child in children_of(pid) {
        kill_tree(child);
    }
    let _ = process_tools::send_signal(id, process_tools::SIGKILL);
}

/// The name (`pipe:[INODE]`, as `/proc/PID/fd` shows it) of the pipe whose reading end is
/// `pipe` in this process; empty where there is none.
fn pipe_name(pipe: Option<&impl AsRawFd>) -> String {
    let link =
        pipe.and_then(|p| std::fs::read_link(format!("/proc/self/fd/{}", p.as_raw_fd())).ok());
    link.and_then(|name| name.to_str().map(str::to_owned)).unwrap_or_default()
}

/// The names of the pipes of `child`'s stdout and stderr, where they are pipes to this process.
pub(crate) fn pipes_of(child: &Child) -> [String; 2] {
    [pipe_name(child.stdout.as_ref()), pipe_name(child.stderr.as_ref())]
}

/// Whether process `pid` has one of the pipes `names` open, for writing when `writing` (the
/// access mode in `/proc/PID/fdinfo/FD`), for reading otherwise.
fn has_open(pid: u32, names: &[&str], writing: bool) -> bool {
    // A process whose main thread has ended shows no files in `/proc/PID/fd`, but its other
    // threads, which share them, show them in `/proc/PID/task/TID/fd`.
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).into_iter().flatten().flatten();
    let places =
        std::iter::once(PathBuf::from(format!("/proc/{pid}"))).chain(tasks.map(|t| t.path()));
    places.into_iter().any(|place| holds(&place, names, writing))
}

/// Whether the files of `place` (`/proc/PID` or `/proc/PID/task/TID`) hold one of the pipes
/// `names` open, as [`has_open`] says.
fn holds(place: &Path, names: &[&str], writing: bool) -> bool {
    let Ok(fds) = std::fs::read_dir(place.join("fd")) else { return false };
    fds.flatten().any(|fd| {
        let link = std::fs::read_link(fd.path());
        if !link.is_ok_and(|l| names.iter().any(|n| l.to_str() == Some(*n))) {
            return false;
        }
        let info = place.join("fdinfo").join(fd.file_name());
        let flags = std::fs::read_to_string(info).ok().and_then(|info| {
            let octal = info.lines().find_map(|line| line.strip_prefix("flags:"))?;
            u32::from_str_radix(octal.trim(), 8).ok()
        });
        // O_RDONLY is 0 in the low two bits; O_WRONLY 1, O_RDWR 2.
        flags.is_some_and(|flags| (flags & 3 != 0) == writing)
    })
}

/// Kills every process but this one that can write into one of `pipes` (the output of a run),
/// and returns how many. Only while this process still reads a pipe is its name still the run's,
/// so the others are left alone. Each holder found is stopped first, so that it forks no more
/// holders, and is let go again if it no longer holds the pipe once stopped (a pid taken by
/// another process meanwhile); the scan is repeated until it finds no new holder.
pub(crate) fn kill_holders(pipes: &[String; 2]) -> usize {
    let me = std::process::id();
    let names: Vec<&str> = (pipes.iter().map(String::as_str))
        .filter(|name| !name.is_empty() && has_open(me, &[name], false))
        .collect();
    let mut stopped: Vec<(process_tools::Pid, Option<String>)> = Vec::new();
    // Each round stops every holder it finds; 1,000 rounds end even a holder that forks at once.
    for _ in 0..1_000 {
        let found: Vec<u32> = processes()
            .into_iter()
            .map(|p| p.pid)
            .filter(|&pid| pid != me && stopped.iter().all(|(s, _)| *s as u32 != pid))
            .filter(|&pid| has_open(pid, &names, true))
            .collect();
        if found.is_empty() {
            break;
        }
        for pid in found {
            let Ok(id) = process_tools::Pid::try_from(pid) else { continue };
            let _ = process_tools::send_signal(id, process_tools::SIGSTOP);
            if has_open(pid, &names, true) {
                stopped.push((id, stat_field(pid, 19)));
            } else {
                let _ = process_tools::send_signal(id, process_tools::SIGCONT);
            }
        }
    }
    for (id, started) in &stopped {
        if stat_field(*id as u32, 19) == *started {
            let _ = process_tools::send_signal(*id, process_tools::SIGKILL);
        }
    }
    stopped.len()
}

/// Ends a run handed to a test if it is not over after [`DEADLINE`]: for [`Demo::spawn`] and
/// [`Server`](crate::Server), whose tests read and wait themselves. If the program still runs
/// and is the process that started (the same start time in `/proc/PID/stat`: not a later one
/// that took its pid), it kills it with its descendants; then it kills every process that can
/// write into an output pipe the test still reads (see [`kill_holders`]). The watch is a thread
/// of the test binary, and ends with it.
pub(crate) fn watch(child: &Child) {
    watch_for(child, DEADLINE);
}

fn watch_for(child: &Child, deadline: Duration) {
    let (pid, started, pipes) = (child.id(), stat_field(child.id(), 19), pipes_of(child));
    std::thread::spawn(move || {
        std::thread::sleep(deadline);
        // One read of /proc/PID/stat: the state, threads and start time of the same process.
        let fields = stat_fields(pid);
        let (state, threads, start) = (fields.first(), fields.get(17), fields.get(19));
        let runs = state.is_some_and(|s| s != "Z") || threads.is_some_and(|n| n != "1");
        if started.is_some() && start == started.as_ref() && runs {
            eprintln!("pid {pid} still running after {deadline:?}: killed, with its descendants");
            kill_tree(pid);
        }
        let holders = kill_holders(&pipes);
        if holders > 0 {
            eprintln!("the output of pid {pid} still open after {deadline:?}: {holders} killed");
        }
    });
}

/// The fields of `/proc/PID/stat` from the state (field 3) on: 19 is then the start time, in
/// clock ticks since boot (field 22); empty where there is no such process.
fn stat_fields(pid: u32) -> Vec<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // After `pid (command)`, which may hold spaces and parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    rest.split_whitespace().map(str::to_owned).collect()
}

/// Field `n` of `/proc/PID/stat`, counting as [`stat_fields`] does.
fn stat_field(pid: u32, n: usize) -> Option<String> {
    stat_fields(pid).into_iter().nth(n)
}

/// What a finished run printed, how it ended and how long it took.
#[derive(Debug)]
pub struct Run {
    /// How the program ended.
    pub status: ExitStatus,
    /// Everything it printed on stdout (with `\r\n` made `\n` for a terminal run).
    pub stdout: String,
    /// Everything it printed on stderr.
    pub stderr: String,
    /// Wall time from start to end, in seconds.
    pub secs: f64,
}

impl Run {
    /// The lines of stdout, without line endings.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// Panics, showing everything the run printed, unless it exited with status 0.
    pub fn assert_success(&self) -> &Self {
        assert!(self.status.success(), "{self:#?}");
        self
    }

    /// Panics unless the run ended as `demo | head -1` should: status 0, nothing on stderr (no
    /// panic message, no backtrace), and a first line that was printed whole.
    pub fn assert_quiet_after_closed_output(&self) {
        assert!(self.status.success() && self.stderr.is_empty(), "{self:#?}");
        assert!(self.stdout.ends_with('\n'), "{self:#?}");
    }

    /// Panics unless this is the answer to a user's mistake: exit status 2, nothing on stdout,
    /// and one line on stderr that mentions `expected` (no panic message, no backtrace).
    pub fn assert_usage_error(&self, expected: &str) {
        assert_eq!(self.status.code(), Some(2), "{self:#?}");
        assert_eq!(self.stdout, "", "{self:#?}");
        assert_eq!(self.stderr.lines().count(), 1, "{self:#?}");
        assert!(self.stderr.contains(expected), "{self:#?}");
    }
}

/// A built binary about to be run; `DEMO_TRACE` is removed from its environment unless set here.
pub struct Demo {
    pub(crate) command: Command,
    /// A directory made for this run, removed when the `Demo` is dropped.
    pub(crate) scratch: Option<PathBuf>,
    /// How long the run may take ([`DEADLINE`]; less in the harness's own tests).
    deadline: Duration,
}

impl Demo {
    /// `exe` is the binary's path, as `env!("CARGO_BIN_EXE_<name>")` gives it.
    pub fn new(exe: impl AsRef<OsStr>) -> Self {
        let mut command = Command::new(exe);
        command.env_remove(TRACE_VAR).stdin(Stdio::null());
        Demo { command, scratch: None, deadline: DEADLINE }
    }

    /// Sets the `DEMO_TRACE` variable for the run.
    pub fn trace(mut self, value: &str) -> Self {
        self.command.env(TRACE_VAR, value);
        self
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    /// Starts it with SIGCHLD ignored, as a parent that ignores SIGCHLD passes it on through
    /// `exec`: a program that forks must still reap its children.
    pub fn with_sigchld_ignored(mut self) -> Self {
        process_tools::ignore_sigchld(&mut self.command);
        self
    }

    /// Adds command-line arguments.
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Self {
        self.command.args(args);
        self
    }

    /// Runs it with stdout a pipe, as `demo | cat` does.
    pub fn run(mut self) -> Run {
        self.command.stdout(Stdio::piped());
        self.finish(|stdout, _| stdout)
    }

    /// Runs it with stdout a regular file, as `demo > out.txt` does.
    pub fn run_to_file(mut self) -> Run {
        let scratch = self.scratch.get_or_insert_with(|| crate::dirs::scratch_dir("out"));
        let path = scratch.join("stdout.txt");
        let file = File::create(&path).expect("create a temporary file for stdout");
        self.command.stdout(file);
        self.finish(|_, pid| read_file_capped(&path, pid))
    }

    /// Runs it with stdout a terminal, through `script` (util-linux) and a pseudo-terminal.
    /// Returns `None`, after printing why, where `script` is missing.
    pub fn run_in_terminal(self) -> Option<Run> {
        if !installed("script") {
            return None;
        }
        let words = std::iter::once(self.command.get_program())
            .chain(self.command.get_args())
            .map(|word| shell_quote(&word.to_string_lossy()))
            .collect::<Vec<_>>();
        let mut script = Command::new("script");
        script.args(["--quiet", "--return", "--command", &words.join(" "), "/dev/null"]);
        let mut demo = self.rebuilt(script);
        demo.command.stdout(Stdio::piped());
        let mut run = demo.finish(|stdout, _| stdout);
        run.stdout = run.stdout.replace("\r\n", "\n");
        Some(run)
    }

    /// Runs it with stdout writing into `file` (`/dev/full`, say), and keeps nothing of stdout.
    pub fn run_with_stdout(mut self, file: File) -> Run {
        self.command.stdout(file);
        self.finish(|_, _| String::new())
    }

    /// Runs it with stdout a pipe whose reading end is closed before it starts, so that every
    /// write fails (EPIPE), and keeps nothing of stdout.
    pub fn run_with_stdout_closed(mut self) -> Run {
        let (reader, writer) = std::io::pipe().expect("make a pipe");
        drop(reader);
        self.command.stdout(writer);
        self.finish(|_, _| String::new())
    }

    /// Runs it as `demo | head -1` does: reads the first line of stdout, then closes the pipe
    /// and waits. The run's stdout is that first line.
    pub fn run_closing_stdout_after_first_line(mut self) -> Run {
        self.command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let clock = Instant::now();
        let deadline = clock + self.deadline;
        let mut child = self.command.spawn().expect("start the demo binary");
        let pipes = pipes_of(&child);
        let stdout = child.stdout.take().expect("a stdout pipe");
        // The pipe closes as the thread ends, once it has read the first line.
        let first = match within(deadline, move || read_line_capped(&mut BufReader::new(stdout))) {
            Some(Ok(first)) => first,
            Some(Err(e)) => {
                abandon(&mut child, &pipes, &format!("cannot read its first line: {e}"))
            }
            None => give_up(&mut child, &pipes),
        };
        let stderr = read_all(child.stderr.take());
        let status = wait_by(&mut child, deadline, &pipes);
        Run {
            status,
            stdout: first,
            stderr: output_by(&stderr, deadline, child.id(), &pipes),
            secs: clock.elapsed().as_secs_f64(),
        }
    }

    /// Starts it in a process group of its own, waits until it shows that it is running
    /// (`ready`), sends SIGINT to the whole group (as Ctrl-C in a terminal does to the foreground
    /// group), and checks that SIGINT ended it before it finished, and that then no process of the
    /// group goes on running (see [`Process::runs`](crate::Process::runs)).
    pub fn assert_ctrl_c_leaves_nothing_running(mut self, ready: Ready) {
        use std::os::unix::process::ExitStatusExt;
        self.command.stdout(Stdio::piped()).stderr(Stdio::piped());
        self.command.process_group(0);
        // `cargo test &` in a script starts the tests with SIGINT ignored, and so the program.
        process_tools::default_sigint(&mut self.command);
        let clock = Instant::now();
        let deadline = clock + self.deadline;
        let mut child = self.command.spawn().expect("start the demo binary");
        let pipes = pipes_of(&child);
        let group = child.id();
        assert!(group > 1, "a process group of its own");
        // However the check ends, no process of the group is left running.
        let _group = GroupKilledOnDrop(group);
        let mut stdout = BufReader::new(child.stdout.take().expect("a stdout pipe"));
        let mut first = String::new();
        match ready {
            Ready::FirstLine => {
                let read = within(deadline, move || {
                    let first = read_line_capped(&mut stdout);
                    (stdout, first)
                });
                let Some((read, line)) = read else { give_up(&mut child, &pipes) };
                stdout = read;
                first = line.unwrap_or_else(|e| {
                    abandon(&mut child, &pipes, &format!("cannot read its first line: {e}"))
                });
            }
            Ready::Children(count) => {
                if wait_for(Duration::from_secs(30), || children_of(group).len() >= count).is_none()
                {
                    abandon(&mut child, &pipes, &format!("not {count} children within 30 s"));
                }
            }
        }
        let pid = process_tools::Pid::try_from(group).expect("a pid fits a pid_t");
        process_tools::send_signal(-pid, process_tools::SIGINT).expect("send SIGINT to the group");
        let (rest, stderr) = (read_all(Some(stdout)), read_all(child.stderr.take()));
        let status = wait_by(&mut child, deadline, &pipes);
        let run = Run {
            status,
            stdout: first + &output_by(&rest, deadline, group, &pipes),
            stderr: output_by(&stderr, deadline, group, &pipes),
            secs: clock.elapsed().as_secs_f64(),
        };
        let still_running = || {
            let group = processes().into_iter().filter(|p| p.group == group && p.runs());
            group.map(|p| p.pid).collect::<Vec<_>>()
        };
        let ended = wait_for(Duration::from_secs(10), || still_running().is_empty());
        assert!(ended.is_some(), "still running 10 s after Ctrl-C: {:?}", still_running());
        let signal = process_tools::SIGINT;
        assert_eq!(
            run.status.signal(),
            Some(signal),
            "ended by SIGINT, before it finished: {run:#?}"
        );
    }

    /// Runs it as [`Demo::run`] does, in a process group of its own, and lists the processes of
    /// that group still there the moment it has exited, running or not yet reaped: the children
    /// it started and did not wait for (none, for a program that reaps every child it started).
    /// Those are then killed, so that none keeps the run's pipes open.
    pub fn run_listing_left_behind(mut self) -> (Run, Vec<u32>) {
        self.command.stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
        let clock = Instant::now();
        let deadline = clock + self.deadline;
        let mut child = self.command.spawn().expect("start the demo binary");
        let pipes = pipes_of(&child);
        let (stdout, stderr) = (read_all(child.stdout.take()), read_all(child.stderr.take()));
        // Only the program's own end: a child left behind may keep its pipes open for longer.
        let status = wait_by(&mut child, deadline, &pipes);
        let secs = clock.elapsed().as_secs_f64();
        let group = child.id();
        let left: Vec<u32> =
            processes().into_iter().filter(|p| p.group == group).map(|p| p.pid).collect();
        if !left.is_empty() {
            // The group has members, so its id is still this run's.
            let group = process_tools::Pid::try_from(group).expect("a pid fits a pid_t");
            let _ = process_tools::send_signal(-group, process_tools::SIGKILL);
        }
        let stdout = output_by(&stdout, deadline, group, &pipes);
        let stderr = output_by(&stderr, deadline, group, &pipes);
        (Run { status, stdout, stderr, secs }, left)
    }

    /// Starts it with stdout and stderr piped, for a test that acts on it while it runs. If it
    /// still runs after 300 s, and the test binary does too, it is killed with its descendants,
    /// and so is every process that can write into an output pipe the test still reads.
    pub fn spawn(mut self) -> Child {
        // Its directory would be removed as this returns, maybe before the copy has started.
        assert!(self.scratch.is_none(), "a Demo with a process limit is run, not spawned");
        self.command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let child = self.command.spawn().expect("start the demo binary");
        watch(&child);
        child
    }

    /// Runs it through another command: `prefix[0] prefix[1..] demo args`, with the same
    /// environment (`prlimit --fsize=0 --`, say).
    pub fn wrapped(self, prefix: &[&str]) -> Demo {
        let mut command = Command::new(prefix[0]);
        command.args(&prefix[1..]).arg(self.command.get_program());
        command.args(self.command.get_args());
        self.rebuilt(command)
    }

    /// This demo with `command` in place of its command, given this one's environment.
    fn rebuilt(mut self, mut command: Command) -> Demo {
        for (key, value) in self.command.get_envs() {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        command.stdin(Stdio::null());
        Demo { command, scratch: self.scratch.take(), deadline: self.deadline }
    }

    /// Runs it as an unprivileged user that may have at most `processes` processes and threads
    /// at once (`setpriv` and `prlimit`, from util-linux), so that the OS refuses the next
    /// thread or fork. Each call takes a user id of its own, which owns no other process.
    /// Returns `None`, after printing why, when the test does not run as root (only root can
    /// become another user) or the tools are missing.
    pub fn with_process_limit(self, processes: u32) -> Option<Demo> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        if !running_as_root() {
            eprintln!("skipped: only root can drop to another user to lower its process limit");
            return None;
        }
        if !installed("setpriv") || !installed("prlimit") {
            return None;
        }
        let uid = 50_000 + (std::process::id() % 1_000) * 16 + NEXT.fetch_add(1, Ordering::Relaxed);
        let uid = uid.to_string();
        let as_user = ["setpriv", "--reuid", &uid, "--regid", &uid, "--clear-groups"];
        // That user must be able to run the binary, and the checkout may sit where it cannot
        // enter (under /root, say): run a copy from a directory of its own.
        let original = PathBuf::from(self.command.get_program());
        let scratch = std::env::temp_dir().join(format!("demo-as-{uid}-{}", std::process::id()));
        let copy = scratch.join(original.file_name().expect("a binary's file name"));
        let copied = std::fs::create_dir_all(&scratch)
            .and_then(|()| std::fs::set_permissions(&scratch, Permissions::from_mode(0o755)))
            .and_then(|()| std::fs::copy(&original, &copy));
        let runnable = copied.is_ok()
            && Command::new(as_user[0])
                .args(&as_user[1..])
                .args(["test", "-x"])
                .arg(&copy)
                .status()
                .is_ok_and(|status| status.success());
        if !runnable {
            let _ = std::fs::remove_dir_all(&scratch);
            eprintln!("skipped: user {uid} cannot run a copy of the binary in {scratch:?}");
            return None;
        }
        let mut command = Command::new(as_user[0]);
        let limit = format!("--nproc={processes}:{processes}");
        command.args(&as_user[1..]).args(["prlimit", &limit, "--"]);
        command.arg(&copy).args(self.command.get_args());
        let mut demo = self.rebuilt(command);
        demo.scratch = Some(scratch);
        Some(demo)
    }

    fn finish(mut self, stdout: impl FnOnce(String, u32) -> String) -> Run {
        self.command.stderr(Stdio::piped());
        let clock = Instant::now();
        let deadline = clock + self.deadline;
        let mut child = self.command.spawn().expect("start the demo binary");
        let pipes = pipes_of(&child);
        let (out, err) = (read_all(child.stdout.take()), read_all(child.stderr.take()));
        let status = wait_by(&mut child, deadline, &pipes);
        let secs = clock.elapsed().as_secs_f64();
        let out = output_by(&out, deadline, child.id(), &pipes);
        let err = output_by(&err, deadline, child.id(), &pipes);
        Run { status, stdout: stdout(out, child.id()), stderr: err, secs }
    }
}

/// A process group, killed when this is dropped if it still has members (so that its id is
/// still the run's).
struct GroupKilledOnDrop(u32);

impl Drop for GroupKilledOnDrop {
    fn drop(&mut self) {
        let members = processes().into_iter().filter(|p| p.group == self.0).count();
        if let (true, Ok(group)) = (members > 0, process_tools::Pid::try_from(self.0)) {
            let _ = process_tools::send_signal(-group, process_tools::SIGKILL);
        }
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        if let Some(scratch) = &self.scratch {
            let _ = std::fs::remove_dir_all(scratch);
        }
    }
}

/// The path of example `name` of the crate whose binary is `bin_exe`
/// (`env!("CARGO_BIN_EXE_<name>")`). Cargo builds a crate's examples for a `cargo test` that
/// names no target (`--test NAME` builds none), next to its binaries, but gives tests no
/// variable for their path.
pub fn example(bin_exe: &str, name: &str) -> PathBuf {
    let dir = Path::new(bin_exe).parent().expect("the binary is in a directory");
    let path = dir.join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "example {name} is not at {}: `cargo test` builds examples unless told not to; \
         build them with `cargo build --workspace --examples`",
        path.display()
    );
    path
}

/// When a program under test has shown that it is running, for
/// [`Demo::assert_ctrl_c_leaves_nothing_running`].
#[derive(Clone, Copy, Debug)]
pub enum Ready {
    /// It has printed its first line.
    FirstLine,
    /// It has this many children (for a program that prints nothing until it ends).
    Children(usize),
}

fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `demo` with a deadline of 2 s, expecting it to fail; returns the failure's message
    /// and how long it took.
    fn failed_run(mut demo: Demo) -> (String, Duration) {
        demo.deadline = Duration::from_secs(2);
        let clock = Instant::now();
        let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| demo.run()));
        let message = failed.expect_err("the run fails at its deadline");
        let message = message.downcast_ref::<String>().cloned().unwrap_or_default();
        (message, clock.elapsed())
    }

    /// The variable whose value marks each process of one test's run: every process inherits it.
    const MARK: &str = "DEMO_HARNESS_MARK";

    /// The mark of `test` in this run of the test binary.
    fn mark(test: &str) -> String {
        format!("{}-{test}", std::process::id())
    }

    /// Runs `sh -c script`, marked `mark`, with a deadline of 2 s; returns why it failed.
    fn failed_script(script: &str, mark: &str) -> String {
        let (message, took) = failed_run(Demo::new("sh").args(["-c", script]).env(MARK, mark));
        assert!(took < Duration::from_secs(10), "{took:?}");
        message
    }

    /// Waits up to 10 s until no process marked `mark` runs.
    fn assert_none_left(mark: &str) {
        let entry = format!("{MARK}={mark}\0");
        let running = || {
            let all = processes().into_iter().filter(|p| p.runs()).map(|p| p.pid);
            all.filter(|pid| {
                let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
                environ.windows(entry.len()).any(|w| w == entry.as_bytes())
            })
            .collect::<Vec<_>>()
        };
        let none = wait_for(Duration::from_secs(10), || running().is_empty());
        assert!(none.is_some(), "still running: {:?}", running());
    }

    #[test]
    fn a_run_past_its_deadline_is_killed_with_its_children_and_fails() {
        let mark = mark("past-deadline");
        let message = failed_script("sleep 30 & wait", &mark);
        assert!(message.contains("still running at the deadline: killed"), "{message}");
        assert_none_left(&mark);
    }

    #[test]
    fn a_run_whose_orphan_holds_its_output_fails_and_the_orphan_is_killed() {
        // The shell ends at once; the `sleep` it left, now another's child, keeps stdout open.
        let mark = mark("orphan");
        let message = failed_script("sleep 30 & exit 0", &mark);
        assert!(message.contains("killed the 1 process it left behind"), "{message}");
        assert_none_left(&mark);
    }

    #[test]
    fn orphans_that_hold_stdout_or_only_stderr_are_all_killed() {
        let mark = mark("orphans");
        let message = failed_script("sleep 30 & sleep 30 >/dev/null & exit 0", &mark);
        assert!(message.contains("killed the 2 processes it left behind"), "{message}");
        assert_none_left(&mark);
    }

    #[test]
    fn an_orphan_that_forks_without_end_is_killed_with_all_it_forked() {
        let mark = mark("forking-orphan");
        let script = "(while :; do sleep 30 & sleep 0.002; done) & exit 0";
        let message = failed_script(script, &mark);
        assert!(message.contains("it left behind that could write into it"), "{message}");
        assert_none_left(&mark);
    }

    #[test]
    fn a_run_that_prints_more_than_the_cap_fails_and_is_not_blocked() {
        // Past the cap, the harness reads on and drops what it reads: `head` writes all of it.
        let dir = crate::dirs::scratch_dir("cap");
        let done = dir.join("done");
        let size = OUTPUT_CAP + (1 << 20);
        let done_quoted = shell_quote(&done.to_string_lossy());
        let script = format!("head -c {size} /dev/zero && touch {done_quoted}");
        let mut demo = Demo::new("sh").args(["-c", &script]);
        demo.deadline = Duration::from_secs(30);
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| demo.run()));
        let message = run.expect_err("the run fails");
        let message = message.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.contains(&format!("printed more than {OUTPUT_CAP} bytes")), "{message}");
        let wrote_all = done.exists();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(wrote_all, "head did not write all of its output");
    }

    #[test]
    fn a_watched_run_whose_orphan_holds_its_output_ends_at_the_deadline() {
        let mark = mark("watched-orphan");
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 30 & exit 0"]).env(MARK, &mark).stdout(Stdio::piped());
        let child = command.spawn().unwrap();
        watch_for(&child, Duration::from_secs(1));
        let clock = Instant::now();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{output:?}");
        assert!(clock.elapsed() < Duration::from_secs(10), "{:?}", clock.elapsed());
        assert_none_left(&mark);
    }

    #[test]
    fn a_first_line_that_cannot_be_read_fails_the_run_and_kills_it() {
        let mark = mark("first-line");
        let script = r"printf 'caf\351\n'; exec sleep 30";
        let demo = Demo::new("sh").args(["-c", script]).env(MARK, &mark);
        let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            demo.run_closing_stdout_after_first_line()
        }));
        let message = failed.expect_err("the run fails");
        let message = message.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.contains("cannot read its first line"), "{message}");
        assert_none_left(&mark);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_an_error() {
        let mut reader = &b"caf\xe9\nsecond\n"[..];
        assert!(read_line_capped(&mut reader).is_err());
    }

    #[test]
    fn kill_tree_kills_a_program_and_what_it_forks_meanwhile() {
        use std::os::unix::process::ExitStatusExt;
        // A shell that starts a `sleep` every 5 ms, in a group of its own to find them by.
        let mut command = Command::new("sh");
        command.args(["-c", "while :; do sleep 60 & sleep 0.005; done"]).process_group(0);
        let mut child = command.spawn().unwrap();
        let group = child.id();
        wait_for(Duration::from_secs(10), || children_of(group).len() > 3).unwrap();
        kill_tree(group);
        assert_eq!(child.wait().unwrap().signal(), Some(9));
        let left = || processes().into_iter().filter(|p| p.group == group && p.runs());
        let none = wait_for(Duration::from_secs(10), || left().count() == 0);
        assert!(none.is_some(), "left running: {:?}", left().collect::<Vec<_>>());
    }

    #[test]
    fn a_process_has_a_start_time_until_it_is_reaped() {
        let mut child = Command::new("sleep").arg("10").spawn().unwrap();
        let started = stat_field(child.id(), 19).expect("a start time");
        assert_eq!(stat_field(child.id(), 19), Some(started));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(stat_field(child.id(), 19), None);
    }

    #[test]
    fn quotes_for_the_shell() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
