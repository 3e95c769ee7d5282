"""The Python twin of sync_bridge.rs: a thread hands work to the event loop and back.

run_coroutine_threadsafe runs a coroutine on the loop and returns a concurrent.futures.Future
the thread can wait on; call_soon_threadsafe puts lines on an asyncio.Queue that main awaits.
asyncio.run inside a running loop raises. Run: python3 async-demo/examples/sync_bridge.py
"""
import asyncio
import threading


async def fetch():
    await asyncio.sleep(0.1)
    return 42


def sync_side(loop, queue):
    future = asyncio.run_coroutine_threadsafe(fetch(), loop)
    print(f"thread: got {future.result()} from the event loop")
    for n in (1, 2):
        loop.call_soon_threadsafe(queue.put_nowait, f"line {n} from the thread")
    loop.call_soon_threadsafe(queue.put_nowait, None)


async def main():
    queue = asyncio.Queue()
    thread = threading.Thread(target=sync_side, args=(asyncio.get_running_loop(), queue))
    thread.start()
    while (line := await queue.get()) is not None:
        print(f"main: received {line!r}")
    await asyncio.get_running_loop().run_in_executor(None, thread.join)

    coroutine = fetch()
    try:
        asyncio.run(coroutine)
    except RuntimeError as error:
        print(f"asyncio.run in a coroutine raised: {error}")
        coroutine.close()  # never run: close it, or Python warns that it was never awaited


asyncio.run(main())
