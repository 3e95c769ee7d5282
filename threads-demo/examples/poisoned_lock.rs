//! What a panic leaves in a `Mutex`. A thread that panics while it holds the guard poisons the
//! lock: every later `lock()` returns `Err(PoisonError)`, since the data may be half-changed.
//! Here the transfer took 30 from one account and panicked before it paid them into the other.
//! Python's `with lock:` releases the lock when an exception leaves the block, and the next
//! `acquire` succeeds with no sign of it ([`poisoned_lock.py`](poisoned_lock.py)).
//!
//! `PoisonError::into_inner` gives the guard all the same, and `Mutex::clear_poison` marks the
//! lock healthy again: recover so only where the data is valid at every step a panic can
//! interrupt. These balances are not, so `main` reports them and fails.
//!
//! Run it with `cargo run -p threads-demo --example poisoned_lock`. It prints the lines below (and
//! the thread's panic on stderr), and exits with status 1:
//!
//! ```text
//! the transfer panicked while it held the lock
//! lock() is Err(PoisonError): the balances are [70, 0], 70 of 100
//! ```
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::sync::Mutex;
use std::thread;

use shared::Log;

fn main() -> ExitCode {
    shared::no_args();
    let log = Log::from_env();
    let balances = Mutex::new([100, 0]);

    let transfer = thread::scope(|scope| {
        let transfer = thread::Builder::new().name("transfer".into());
        let transfer = transfer.spawn_scoped(scope, || {
            let mut balances = balances.lock().unwrap();
            balances[0] -= 30;
            let fee: i64 = "2.50".parse().expect("a fee in whole cents"); // panics: not an i64
            balances[1] += 30 - fee;
        });
        transfer.expect("spawn a thread").join()
    });
    if transfer.is_err() {
        log.line("the transfer panicked while it held the lock");
    }

    match balances.lock() {
        Ok(balances) => log.line(format_args!("lock() is Ok: the balances are {balances:?}")),
        Err(poisoned) => {
            let balances = poisoned.into_inner();
            let total: i64 = balances.iter().sum();
            let text = format!("the balances are {:?}, {total} of 100", *balances);
            log.line(format_args!("lock() is Err(PoisonError): {text}"));
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
