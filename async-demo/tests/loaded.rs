//! The one test that loads every core: alone in its file, because Cargo runs test files one
//! after another, so no other test measures time while these spinning threads run.

mod checks;

use checks::assert_faithful;
use demo_testing::{BusyCores, Demo};

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

#[test]
fn same_output_with_every_core_busy() {
    let _busy = BusyCores::start();
    let reported = assert_faithful(&Demo::new(EXE).run());
    assert!(reported < 2.0, "reported {reported} s");
}
