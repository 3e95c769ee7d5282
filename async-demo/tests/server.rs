//! `api_server` against the peers that try to stall it, and its stop (idle and Ctrl-C) with an
//! answer in progress, for real on 127.0.0.1.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use demo_testing::{Demo, Pid, SIGINT, Server, example, send_signal};

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

/// Held by every test of this file: two time an answer, and the others load the machine (16 MiB
/// answers, hundreds of sockets), so they run one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What the server prints when it stops, after the line that says why: how every connection
/// ended, with `gone` gone before their answer, `refused` refused and `cut` cut off.
fn stopped(answered: u32, dropped: u32, gone: u32, refused: u32, cut: u32) -> String {
    format!(
        "stopped; {answered} answered, {dropped} dropped as too slow, {gone} gone before their \
         answer, 0 bad requests, {refused} refused, {cut} cut off\n"
    )
}

fn server(delay_ms: &str, idle_s: &str) -> Server {
    Server::spawn(Demo::new(example(EXE, "api_server")).args([delay_ms, idle_s]))
}

/// Sends `GET /SIZE` to `address` and returns the connection, its answer not yet read.
fn ask(address: &str, size: usize) -> TcpStream {
    let mut socket = TcpStream::connect(address).expect("connect");
    socket.write_all(format!("GET /{size} HTTP/1.1\r\nHost: test\r\n\r\n").as_bytes()).unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    socket
}

/// Reads the answer to the end and checks it is `size` bytes of the pattern with their FNV-1a
/// checksum, recomputed here.
fn assert_whole_answer(mut socket: TcpStream, size: usize) {
    let mut answer = Vec::new();
    socket.read_to_end(&mut answer).expect("a whole answer");
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("the end of the head");
    let (head, body) = (String::from_utf8_lossy(&answer[..split]), &answer[split + 4..]);
    let expected: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    let sum = expected.iter().fold(0xcbf2_9ce4_8422_2325, |hash: u64, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let head_expected = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nX-Checksum: {sum:016x}\r\nConnection: close"
    );
    assert_eq!(head, head_expected);
    assert!(body == expected, "a body of {} bytes, not the {size} expected", body.len());
}

/// Asks for `size` and returns the seconds until the whole answer was read.
fn timed_answer(address: &str, size: usize) -> f64 {
    let clock = Instant::now();
    let socket = ask(address, size);
    let mut answer = Vec::new();
    (&socket).read_to_end(&mut answer).expect("a whole answer");
    let secs = clock.elapsed().as_secs_f64();
    assert!(answer.len() > size, "{} bytes for {size}", answer.len());
    secs
}

#[test]
fn every_size_has_its_checksum() {
    let _one = one_at_a_time();
    // Sizes on, beside and between the server's checkpoints (every 4096 bytes), and the largest.
    let server = server("1", "10");
    for size in [0, 1, 4095, 4096, 4097, 1_234_567, 16 << 20] {
        assert_whole_answer(ask(&server.address, size), size);
    }
}

#[test]
fn clients_that_ask_for_new_large_sizes_and_leave_stall_no_one() {
    let _one = one_at_a_time();
    // IDLE_S 3: the server stops by itself after the last client, and counts it.
    let server = server("100", "3");
    let leaving: Vec<TcpStream> = (0..300).map(|i| ask(&server.address, (16 << 20) - i)).collect();
    drop(leaving);
    let secs = timed_answer(&server.address, 1_234_567);
    assert!(secs < 0.5, "a new size took {secs:.2} s after 300 clients left");
    let run = server.end(Duration::from_secs(20));
    // The stall before the stop: the client above was answered, and counted, and the 300 that
    // left before their answer too.
    run.assert_success();
    let why = "no new connection for 3 s: refusing new connections, finishing the 0 in progress\n";
    assert_eq!(run.stdout, format!("{why}{}", stopped(1, 0, 300, 0, 0)));
}

#[test]
fn clients_that_never_read_stall_no_one_and_are_dropped() {
    let _one = one_at_a_time();
    // 500 clients ask for 16 MiB each and read nothing: the OS holds a little of each answer
    // and the server waits to send the rest, up to its deadline (5 s).
    let server = server("100", "30");
    let before = server.open_files();
    let idle: Vec<TcpStream> = (0..500).map(|_| ask(&server.address, 16 << 20)).collect();
    let open = server.wait_for_open_files(Duration::from_secs(10), |open| open >= before + 500);
    assert!(open >= before + 500, "the server holds {open} files, not each idle client's");
    let secs = timed_answer(&server.address, 1_234_567);
    assert!(secs < 0.5, "an answer took {secs:.2} s beside 500 clients that never read");
    // Each is dropped when its deadline passes, and counted: every socket of theirs closed.
    let open = server.wait_for_open_files(Duration::from_secs(15), |open| open <= before);
    assert!(open <= before, "the server still holds {open} files, {before} before the clients");
    drop(idle);
    ctrl_c(&server);
    let run = server.end(Duration::from_secs(10));
    run.assert_success();
    let why = "Ctrl-C: refusing new connections, finishing the 0 in progress\n";
    assert_eq!(run.stdout, format!("{why}{}", stopped(1, 500, 0, 0, 0)));
}

#[test]
fn a_head_sent_a_byte_at_a_time_is_dropped_at_its_deadline() {
    let _one = one_at_a_time();
    let server = server("1", "30");
    let mut socket = TcpStream::connect(&server.address).expect("connect");
    socket.set_nodelay(true).unwrap();
    let clock = Instant::now();
    // One byte every 10 ms, never the end of the head: the server closes it after 2 s.
    let sent = std::iter::repeat_n(b'a', 1000).take_while(|&byte| {
        std::thread::sleep(Duration::from_millis(10));
        socket.write_all(&[byte]).is_ok()
    });
    let sent = sent.count();
    let secs = clock.elapsed().as_secs_f64();
    assert!(sent < 1000 && (2.0..5.0).contains(&secs), "{sent} bytes in {secs:.2} s");
}

/// Starts a server with 1.5 s of latency, asks it for 16 KiB, and waits until it has accepted
/// the connection (one more open file). Returns the server and the connection.
fn answer_in_progress(idle_s: &str) -> (Server, TcpStream) {
    let server = server("1500", idle_s);
    let before = server.open_files();
    let socket = ask(&server.address, 16384);
    let open = server.wait_for_open_files(Duration::from_secs(10), |open| open > before);
    assert!(open > before, "the server did not accept the connection");
    (server, socket)
}

fn ctrl_c(server: &Server) {
    send_signal(Pid::try_from(server.pid()).unwrap(), SIGINT).expect("send SIGINT");
}

#[test]
fn ctrl_c_lets_the_answer_in_progress_finish() {
    let _one = one_at_a_time();
    let (server, socket) = answer_in_progress("30");
    ctrl_c(&server);
    assert_whole_answer(socket, 16384);
    let run = server.end(Duration::from_secs(10));
    run.assert_success();
    let why = "Ctrl-C: refusing new connections, finishing the 1 in progress\n";
    assert_eq!(run.stdout, format!("{why}{}", stopped(1, 0, 0, 0, 0)));
    assert!(run.secs >= 1.5, "{run:#?}");
}

#[test]
fn clients_that_come_during_the_stop_are_refused_and_counted() {
    let _one = one_at_a_time();
    let (mut server, socket) = answer_in_progress("30");
    ctrl_c(&server);
    let why = "Ctrl-C: refusing new connections, finishing the 1 in progress";
    assert_eq!(server.next_line(), why);
    // The answer in progress is due 1.5 s after it was asked for: these come before it.
    let late: Vec<TcpStream> = (0..20).map(|_| ask(&server.address, 16384)).collect();
    assert_whole_answer(socket, 16384);
    for mut socket in late {
        let mut answer = Vec::new();
        let _ = socket.read_to_end(&mut answer); // the end, or a reset
        assert!(answer.is_empty(), "a client refused during the stop got {} bytes", answer.len());
    }
    let run = server.end(Duration::from_secs(10));
    run.assert_success();
    assert_eq!(run.stdout, stopped(1, 0, 0, 20, 0));
}

#[test]
fn a_second_ctrl_c_cuts_the_answer_in_progress_off_and_fails() {
    let _one = one_at_a_time();
    let (mut server, mut socket) = answer_in_progress("30");
    ctrl_c(&server);
    let why = "Ctrl-C: refusing new connections, finishing the 1 in progress";
    assert_eq!(server.next_line(), why);
    ctrl_c(&server);
    let mut answer = Vec::new();
    let _ = socket.read_to_end(&mut answer); // the end, or a reset
    assert!(answer.is_empty(), "a cut-off client got {} bytes", answer.len());
    let run = server.end(Duration::from_secs(10));
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(run.stdout, stopped(0, 0, 0, 0, 1));
}

#[test]
fn a_ctrl_c_during_the_idle_stop_cuts_the_answer_off() {
    // Idle after 1 s, an answer due at 1.5 s; a Ctrl-C once the stop has begun cuts it off.
    let _one = one_at_a_time();
    let (mut server, _socket) = answer_in_progress("1");
    let why = "no new connection for 1 s: refusing new connections, finishing the 1 in progress";
    assert_eq!(server.next_line(), why);
    ctrl_c(&server);
    let run = server.end(Duration::from_secs(10));
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(run.stdout, stopped(0, 0, 0, 0, 1));
}
