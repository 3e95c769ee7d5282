import asyncio
import time

async def async_task(name):
    print(f"Async Task {name}: Starting...")
    await asyncio.sleep(1) # Simulate asynchronous I/O
    print(f"Async Task {name}: Finished.")

async def main():
    await asyncio.gather(
        async_task("C-1"),
        async_task("C-2"),
        async_task("C-3")
    )

if __name__ == "__main__":
    start_time = time.time()
    asyncio.run(main())
    print(f"All async tasks finished in {time.time() - start_time:.2f} seconds.")
