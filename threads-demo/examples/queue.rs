//! Python's `queue.Queue(maxsize=4)` in Rust: `std::sync::mpsc::sync_channel(4)`. Python's
//! `Queue()` (any `maxsize <= 0`) is unbounded: that is `mpsc::channel()`. `sync_channel(0)` is
//! not unbounded but a rendezvous channel, where each `send` waits for a `recv`.
//!
//! Three producer threads each put 100 numbered items into one queue that holds at most 4; the
//! main thread takes them out, slowly, until the queue is empty and every producer is gone. A
//! producer that finds the queue full waits, as `put()` does. The end is the senders going away:
//! once the last one is dropped, the receiving loop ends by itself after the last item. Python
//! ends a queue with a `None` sentinel put on it or, from 3.13, with one call to `q.shutdown()`,
//! after which `get()` raises `ShutDown` once the queue is empty ([`queue_twin.py`](queue_twin.py)
//! shows Python's side).
//!
//! Run it with `cargo run -p threads-demo --example queue`. It prints (the number of waits
//! varies):
//!
//! ```text
//! received 300 items: 300 different, 0 missing
//! the producers found the queue full 293 times, and waited
//! ```
#![forbid(unsafe_code)]

use std::sync::mpsc::{self, TrySendError};
use std::thread;
use std::time::Duration;

const PRODUCERS: usize = 3;
const ITEMS: usize = 100;

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let (sender, receiver) = mpsc::sync_channel::<(usize, usize)>(4);
    let producers: Vec<_> = (0..PRODUCERS)
        .map(|producer| {
            // Each producer owns a sender of its own; it is dropped when the thread ends.
            let sender = sender.clone();
            thread::spawn(move || {
                let mut waited = 0;
                for item in 0..ITEMS {
                    // `send` alone would do (it blocks while the queue is full); `try_send`
                    // first only counts how often that happens.
                    match sender.try_send((producer, item)) {
                        Ok(()) => {}
                        Err(TrySendError::Full(message)) => {
                            waited += 1;
                            sender.send(message).expect("the receiver outlives the producers");
                        }
                        Err(TrySendError::Disconnected(_)) => unreachable!("the receiver is alive"),
                    }
                }
                waited
            })
        })
        .collect();
    // Main's own sender goes too, so that only the producers' keep the queue open.
    drop(sender);

    let mut seen = vec![[false; ITEMS]; PRODUCERS];
    let mut received = 0;
    // `q.get()` until every sender is gone: then the loop ends.
    for (producer, item) in receiver {
        thread::sleep(Duration::from_micros(200)); // a slow consumer
        seen[producer][item] = true;
        received += 1;
    }
    let waited: usize = producers.into_iter().map(|p| p.join().unwrap()).sum();
    let different = seen.iter().flatten().filter(|&&seen| seen).count();
    let missing = PRODUCERS * ITEMS - different;
    log.line(format_args!("received {received} items: {different} different, {missing} missing"));
    log.line(format_args!("the producers found the queue full {waited} times, and waited"));
}
