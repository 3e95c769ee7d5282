//! Python's `threading.RLock` in Rust: stable std has no reentrant mutex (`ReentrantLock` is
//! unstable, [rust-lang/rust#121440](https://github.com/rust-lang/rust/issues/121440)), and a
//! thread that locks a `Mutex` it already holds never gets it: `lock` "will not return on the
//! second call (it might panic or deadlock, for example)"
//! ([`Mutex::lock`](https://doc.rust-lang.org/std/sync/struct.Mutex.html#method.lock)). Here
//! `try_lock` asks instead, and is refused with `WouldBlock`, rather than hanging.
//!
//! The fix is the shape of the code: take the lock once, at the top, and hand the data down.
//! `deposit` and `transfer` both lock the accounts and then call helpers that take `&mut`
//! balances, where Python's `transfer` would call `deposit` and take its `RLock` again.
//!
//! Run it with `cargo run -p threads-demo --example rlock`. It prints:
//!
//! ```text
//! a second lock on the same thread: WouldBlock, where lock() would never return
//! after deposit(A, 50) and transfer(A to B, 30): A 120, B 30
//! ```
#![forbid(unsafe_code)]

use std::sync::{Mutex, TryLockError};

struct Balances {
    a: i64,
    b: i64,
}

/// The helpers take the data, not the lock: whoever calls them holds it already.
fn add(balance: &mut i64, amount: i64) {
    *balance += amount;
}

fn deposit(accounts: &Mutex<Balances>, amount: i64) {
    add(&mut accounts.lock().unwrap().a, amount);
}

fn transfer(accounts: &Mutex<Balances>, amount: i64) {
    let mut accounts = accounts.lock().unwrap();
    add(&mut accounts.a, -amount);
    add(&mut accounts.b, amount);
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let accounts = Mutex::new(Balances { a: 100, b: 0 });

    let held = accounts.lock().unwrap();
    let again = match accounts.try_lock() {
        Err(TryLockError::WouldBlock) => "WouldBlock",
        Ok(_) => "Ok",
        Err(TryLockError::Poisoned(_)) => "Poisoned",
    };
    log.line(format_args!(
        "a second lock on the same thread: {again}, where lock() would never return"
    ));
    drop(held);

    deposit(&accounts, 50);
    transfer(&accounts, 30);
    let accounts = accounts.into_inner().unwrap();
    log.line(format_args!(
        "after deposit(A, 50) and transfer(A to B, 30): A {}, B {}",
        accounts.a, accounts.b
    ));
}
