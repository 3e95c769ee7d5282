//! The test that loads every core, alone in its file: Cargo runs test files one after another,
//! so no other test measures time while these spinning threads run.

mod checks;

use checks::assert_faithful;
use demo_testing::{BusyCores, Demo};

const EXE: &str = env!("CARGO_BIN_EXE_process-demo");

#[test]
fn same_output_with_every_core_busy() {
    let _busy = BusyCores::start();
    assert_faithful(&Demo::new(EXE).run());
}
