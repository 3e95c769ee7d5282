//! The one test that loads every core: alone in its file, because Cargo runs test files one
//! after another, so no other test measures time while these spinning threads run.

mod checks;

use checks::{assert_faithful, assert_overlap};
use demo_testing::{BusyCores, Demo};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn same_output_with_every_core_busy() {
    let _busy = BusyCores::start();
    let run = Demo::new(EXE).run();
    assert_faithful(&run);
    assert_overlap(&run);
}
