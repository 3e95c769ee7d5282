"""The Python twin of broadcast.rs: one producer, a bounded asyncio.Queue per consumer.

The slow consumer's queue fills: put_nowait raises QueueFull (and an awaited put would make the
producer wait), where tokio's broadcast drops the oldest messages for that receiver.
Run: python3 async-demo/examples/broadcast.py"""
import asyncio


async def main():
    fast, slow = asyncio.Queue(2), asyncio.Queue(2)
    fast_got, refused = [], []
    for n in range(1, 5):
        await fast.put(n)
        fast_got.append(await fast.get())
        try:
            slow.put_nowait(n)
        except asyncio.QueueFull:
            refused.append(n)
    print(f"fast: {fast_got}")
    slow_got = [slow.get_nowait() for _ in range(slow.qsize())]
    print(f"slow: its queue was full for {refused}, and it got {slow_got}")


asyncio.run(main())
