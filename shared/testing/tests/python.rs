//! The Python side of `scripts/compare.sh`: the originals in `scripts/python/` are the README's
//! blocks, byte for byte, and each counterpart of a Rust program prints the lines its twin prints,
//! run at a small N (where `python3` is installed).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use demo_testing::{Run, assert_scale_summary, readme_python, run_python_script, workspace_dir};

#[test]
fn the_originals_are_the_readme_blocks() {
    for (key, file) in
        [("threads", "threads.py"), ("processes", "processes.py"), ("async", "async.py")]
    {
        let path = workspace_dir().join("scripts/python").join(file);
        let on_disk = std::fs::read_to_string(&path).expect("read the original");
        assert_eq!(readme_python(key), on_disk, "README's `python: {key}` block and {file} differ");
    }
}

#[test]
fn the_scale_counterparts_print_the_rust_summary() {
    for (file, model, n) in [
        ("many_threads.py", "threads", 5),
        ("many_processes.py", "processes", 3),
        ("many_tasks.py", "tasks", 5),
        ("many_futures.py", "futures", 5),
    ] {
        let Some(run) = run_python_script(file, &[&n.to_string()]) else { return };
        assert_scale_summary(&run, model, n);
    }
}

#[test]
fn the_counterparts_refuse_a_bad_count() {
    for (file, max) in [("many_threads.py", 100_000), ("many_tasks.py", 10_000_000)] {
        for bad in ["0", "lots", &(max + 1).to_string()] {
            let Some(run) = run_python_script(file, &[bad]) else { return };
            run.assert_usage_error(&format!("expected N, a whole number from 1 to {max}"));
        }
    }
    let Some(run) = run_python_script("api_calls.py", &["example.com:80", "3"]) else { return };
    run.assert_usage_error("expected the server's address on this machine");
}

/// The seconds in `line`, which must start with `prefix` and end with ` s`.
fn seconds(run: &Run, prefix: &str) -> f64 {
    let line = run.lines().into_iter().find(|l| l.starts_with(prefix));
    let line = line.unwrap_or_else(|| panic!("no line {prefix:?}: {run:#?}"));
    let secs = line[prefix.len()..].trim().strip_suffix(" s").expect("seconds");
    secs.parse().unwrap_or_else(|_| panic!("not seconds: {line:?}"))
}

#[test]
fn the_cpu_count_counts_alone_on_threads_and_on_processes() {
    let Some(run) = run_python_script("cpu_count.py", &["2"]) else { return };
    run.assert_success();
    let lines = run.lines();
    // Each count says when it starts and finishes, one whole line each (for timeline.sh).
    for unit in ["alone 1", "alone 2", "thread 1", "thread 2", "process 1", "process 2"] {
        for what in ["Starting...", "Finished."] {
            let line = format!("{unit}: {what}");
            assert_eq!(lines.iter().filter(|l| **l == line).count(), 1, "{line}: {run:#?}");
        }
    }
    let start =
        |unit: &str| lines.iter().position(|l| *l == format!("{unit}: Starting...")).unwrap();
    let finish =
        |unit: &str| lines.iter().position(|l| *l == format!("{unit}: Finished.")).unwrap();
    // One after another, then the threads, then the processes.
    assert!(finish("alone 1") < start("alone 2"), "{run:#?}");
    assert!(finish("alone 2") < start("thread 1") && finish("thread 2") < start("process 1"));
    assert_eq!(lines.len(), 12 + 5, "{run:#?}");
    let alone = seconds(&run, "1 thread, 2 counts one after another:");
    let threads = seconds(&run, "2 threads, one count each at once:");
    let processes = seconds(&run, "2 processes, one count each at once:");
    assert!(lines.contains(&"counts: 10000000 10000000"), "{run:#?}");
    // The speedups come from the unrounded seconds, the lines above from the rounded ones.
    let last = lines.last().unwrap();
    let speedups = last.strip_prefix("speedup: ").and_then(|s| s.strip_suffix(" with processes"));
    let (with_threads, with_processes) = speedups
        .and_then(|s| s.split_once(" with threads, "))
        .unwrap_or_else(|| panic!("no speedup line: {run:#?}"));
    for (printed, expected) in
        [(with_threads, alone / threads), (with_processes, alone / processes)]
    {
        let printed: f64 = printed.parse().expect("a speedup");
        assert!((printed - expected).abs() < 0.02, "{printed} is not {expected}: {run:#?}");
    }
}

/// A stand-in for `api_server` on 127.0.0.1 that answers `calls` requests for 16 KiB as it does
/// (the body, its length and FNV-1a checksum), with `corrupt` set flipping one byte of each body.
/// Returns its address and the thread serving.
fn serve(calls: usize, corrupt: bool) -> (String, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("listen");
    let address = listener.local_addr().unwrap().to_string();
    let server = std::thread::spawn(move || {
        let mut body: Vec<u8> = (0..16 * 1024).map(|i| (i % 251) as u8).collect();
        let checksum = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        if corrupt {
            body[100] ^= 1;
        }
        for _ in 0..calls {
            let (socket, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(socket);
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            assert_eq!(line, "GET /16384 HTTP/1.1\r\n");
            while line != "\r\n" {
                line.clear();
                reader.read_line(&mut line).unwrap();
            }
            let mut socket = reader.into_inner();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nX-Checksum: {checksum:016x}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            socket.write_all(head.as_bytes()).unwrap();
            socket.write_all(&body).unwrap();
        }
    });
    (address, server)
}

#[test]
fn the_python_clients_check_every_answer() {
    let (address, server) = serve(6 + 5, false);
    let Some(run) = run_python_script("api_calls.py", &[&address, "6", "2"]) else { return };
    run.assert_success();
    assert_eq!(run.lines()[0], "6 calls: 6 answered in full, at most 2 at once", "{run:#?}");
    assert!(run.lines()[1].starts_with("wall: ") && run.lines()[1].ends_with(" calls per second"));
    let run = run_python_script("downloads.py", &[&address, "5"]).unwrap();
    run.assert_success();
    let first = "downloaded 5 of 5 files, 81920 bytes, every length and checksum right";
    assert_eq!(run.lines(), [first, run.lines()[1]], "{run:#?}");
    assert!(run.lines()[1].starts_with("wall: ") && run.lines()[1].ends_with(" s"), "{run:#?}");
    server.join().unwrap();

    // A wrong byte fails the run, with the count of failures on stderr.
    let (address, server) = serve(2 + 2, true);
    let run = run_python_script("api_calls.py", &[&address, "2"]).unwrap();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert!(run.stderr.contains("2 calls failed, the first with: ValueError"), "{run:#?}");
    let run = run_python_script("downloads.py", &[&address, "2"]).unwrap();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert!(run.stderr.contains("2 downloads failed, the first with: ValueError"), "{run:#?}");
    server.join().unwrap();
}
