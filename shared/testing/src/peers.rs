//! Servers and fake peers for the real-I/O tests: the `api_server` example started and read
//! (`Server`), and a fake `api_server` that answers well or misbehaves on purpose (`FakePeer`).

use std::ffi::OsStr;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::dirs::scratch_dir;
use crate::run::{
    OUTPUT_CAP, kill_holders, kill_tree, pipes_of, read_file_capped, read_line_capped, watch,
};
use crate::{Demo, Run};

/// The `api_server` example, started for a test; killed and reaped when dropped.
pub struct Server {
    child: Child,
    stdout: BufReader<ChildStdout>,
    /// Where its stderr goes: a file, so that a server printing without end never blocks.
    scratch: PathBuf,
    started: Instant,
    /// The names of its output pipes: stdout's, and none for stderr, a file (see
    /// `run::kill_holders`).
    pipes: [String; 2],
    /// The address it listens on, `127.0.0.1:PORT`.
    pub address: String,
    /// The line it printed first (`listening on 127.0.0.1:PORT, answering after 100 ms`).
    pub first_line: String,
}

impl Server {
    /// Starts the server at `exe` with `delay_ms` of latency.
    pub fn start(exe: impl AsRef<OsStr>, delay_ms: u32) -> Server {
        Server::spawn(Demo::new(exe).args([delay_ms.to_string()]))
    }

    /// Starts `demo`, the server with its arguments (wrapped in `prlimit`, say), and reads its
    /// address from the line it prints.
    pub fn spawn(mut demo: Demo) -> Server {
        let scratch = scratch_dir("server");
        let fail = |what: &str, e: std::io::Error| -> ! {
            let _ = std::fs::remove_dir_all(&scratch);
            panic!("{what}: {e}")
        };
        let stderr = File::create(scratch.join("stderr"))
            .unwrap_or_else(|e| fail("create the server's stderr", e));
        let started = Instant::now();
        let spawned = demo.command.stdout(Stdio::piped()).stderr(stderr).spawn();
        let mut child = spawned.unwrap_or_else(|e| fail("start the server", e));
        // Killed if it still runs after 300 s, so that a read of its output never waits for good.
        watch(&child);
        let pipes = pipes_of(&child);
        let stdout = BufReader::new(child.stdout.take().expect("a stdout pipe"));
        let (address, first_line) = (String::new(), String::new());
        // Built before its first line is read, so that a failure to read it drops it: killed, with
        // its descendants.
        let mut server = Server { child, stdout, scratch, started, pipes, address, first_line };
        server.first_line =
            read_line_capped(&mut server.stdout).expect("read the server's address");
        server.address = (server.first_line.strip_prefix("listening on "))
            .and_then(|rest| rest.split_once(','))
            .map(|(address, _)| address.to_owned())
            .unwrap_or_else(|| panic!("no address in {:?}", server.first_line));
        server
    }

    /// Waits for the next line the server prints and returns it, without its newline (empty once
    /// it has ended).
    pub fn next_line(&mut self) -> String {
        let line = read_line_capped(&mut self.stdout).expect("read the server's next line");
        line.trim_end_matches('\n').to_owned()
    }

    /// Waits up to `within` for the server to end by itself, killing it after that, and returns
    /// what it printed after its first line, how it ended, and the seconds since it started.
    pub fn end(mut self, within: Duration) -> Run {
        let deadline = Instant::now() + within;
        while self.child.try_wait().expect("wait for the server").is_none() {
            if Instant::now() > deadline {
                let _ = self.child.kill();
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let status = self.child.wait().expect("reap the server");
        let secs = self.started.elapsed().as_secs_f64();
        // Only a process the server left behind still holds its stdout, and the read would wait
        // for it.
        let left = kill_holders(&self.pipes);
        assert_eq!(left, 0, "the server left {left} processes holding its stdout: killed");
        let mut stdout = Vec::new();
        let taken = (&mut self.stdout).take(OUTPUT_CAP as u64 + 1).read_to_end(&mut stdout);
        taken.expect("read the server's output");
        assert!(stdout.len() <= OUTPUT_CAP, "the server printed more than {OUTPUT_CAP} bytes");
        let stdout = String::from_utf8_lossy(&stdout).into_owned();
        let stderr = read_file_capped(&self.scratch.join("stderr"), self.pid());
        Run { status, stdout, stderr, secs }
    }
}

impl Server {
    /// The server's process id (`prlimit` runs the command in its own process, so it is the
    /// server's when wrapped too).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// How many files the server has open now (the entries of `/proc/PID/fd`).
    pub fn open_files(&self) -> usize {
        let entries = std::fs::read_dir(format!("/proc/{}/fd", self.pid()));
        entries.map_or(0, |entries| entries.count())
    }

    /// Waits up to `within` until `test(open files)` holds, checking every 10 ms; returns the
    /// last count seen, for the caller to assert on.
    pub fn wait_for_open_files(&self, within: Duration, test: impl Fn(usize) -> bool) -> usize {
        let deadline = Instant::now() + within;
        loop {
            let open = self.open_files();
            if test(open) || Instant::now() > deadline {
                return open;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Still running and not reaped (`end` reaps it), so its pid is still its own.
        if let Ok(None) = self.child.try_wait() {
            kill_tree(self.child.id());
        }
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// How a [`FakePeer`] treats the connections it does not answer well (every odd one: the 1st,
/// 3rd, ... counting from 0; the even ones get a whole, correct answer).
#[derive(Clone, Copy, Debug)]
pub enum Misbehaviour {
    /// Never: every connection gets a whole, correct answer.
    Never,
    /// Reads the request and never answers, keeping the connection open.
    Silent,
    /// Announces the whole body, sends half of it and closes.
    HalfBody,
    /// Sends the whole body with a wrong `X-Checksum`.
    WrongChecksum,
    /// Answers nothing more: after the first connection, it stops accepting (the connections
    /// wait in the listen backlog, then in their handshake).
    StopsAccepting,
}

/// A fake `api_server` on 127.0.0.1 for the clients' tests: a std `TcpListener` and one thread
/// that answers `GET /SIZE` as the server does, or misbehaves. Stopped and joined when dropped.
pub struct FakePeer {
    /// The address it listens on, `127.0.0.1:PORT`.
    pub address: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakePeer {
    /// Starts a peer that answers every even connection well and every odd one as `bad` says.
    pub fn start(bad: Misbehaviour) -> FakePeer {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind to 127.0.0.1");
        let address = listener.local_addr().expect("an address").to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut kept = Vec::new();
            for (i, socket) in listener.incoming().enumerate() {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(mut socket) = socket else { continue };
                let Some(size) = read_request(&mut socket) else { continue };
                let body: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
                let mut sum = fnv1a(&body);
                let mut sent = &body[..];
                match (i % 2 == 1).then_some(bad) {
                    Some(Misbehaviour::Silent) => {
                        kept.push(socket);
                        continue;
                    }
                    Some(Misbehaviour::HalfBody) => sent = &body[..size / 2],
                    Some(Misbehaviour::WrongChecksum) => sum ^= 1,
                    Some(Misbehaviour::StopsAccepting | Misbehaviour::Never) | None => {}
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nX-Checksum: {sum:016x}\r\nConnection: close\r\n\r\n"
                );
                let _ = socket.write_all(head.as_bytes()).and_then(|()| socket.write_all(sent));
                if matches!(bad, Misbehaviour::StopsAccepting) {
                    // Keep the listener open, accepting nothing, until the peer is dropped.
                    while !stopped.load(Ordering::Relaxed) {
                        std::thread::park();
                    }
                    break;
                }
            }
        });
        FakePeer { address, stop, thread: Some(thread) }
    }
}

/// Reads a request head from `socket` and returns the size `GET /SIZE` asks for.
fn read_request(socket: &mut std::net::TcpStream) -> Option<usize> {
    let mut head = Vec::new();
    let mut buffer = [0; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = socket.read(&mut buffer).ok().filter(|&read| read > 0)?;
        head.extend_from_slice(&buffer[..read]);
    }
    let head = String::from_utf8_lossy(&head);
    head.strip_prefix("GET /")?.split(' ').next()?.parse().ok()
}

/// The FNV-1a checksum that `api_server` sends and its clients check.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl Drop for FakePeer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            // Wakes an `accept` that waits for a connection; it then sees `stop`.
            let _ = std::net::TcpStream::connect(&self.address);
            let _ = thread.join();
        }
    }
}
