//! Runs async_for and its Python twin: a stream read with `next` is `async for`.

mod checks;

use demo_testing::{Demo, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

#[test]
fn a_stream_yields_each_item_as_it_is_made_and_a_channel_stream_ends() {
    let run = Demo::new(example(EXE, "async_for")).run();
    run.assert_success();
    checks::assert_async_for(&run);
}

#[test]
fn python_async_for_reads_the_same() {
    let Some(run) = run_python_twin("async-demo/examples/async_for.py") else { return };
    run.assert_success();
    checks::assert_async_for(&run);
}
