"""The Python twin of async_lock.rs: asyncio.Lock, and the deposits lost without one.

Ten tasks each make a deposit: read the balance, wait 10 ms (a call to the bank), write the
balance plus 1. Without a lock, every task reads 0 before any writes, and nine deposits are
lost; `async with lock:` around the read, the call and the write keeps all ten. Where no await
comes between a read and its write, no lock is needed: the event loop runs one task at a time
and switches tasks only at an await. Run: python3 async-demo/examples/async_lock.py
"""
import asyncio

DEPOSITS = 10
BANK_CALL = 0.01  # seconds


class Account:
    def __init__(self):
        self.balance = 0
        self.requests = 0


async def deposit(account):
    read = account.balance
    await asyncio.sleep(BANK_CALL)
    account.balance = read + 1


async def deposit_locked(account, lock):
    async with lock:
        await deposit(account)


async def count_request(account):
    await asyncio.sleep(BANK_CALL)
    account.requests += 1


async def main():
    # gather runs each coroutine as a Task of its own, and waits for them all.
    account = Account()
    await asyncio.gather(*(deposit(account) for _ in range(DEPOSITS)))
    print(f"{'no lock:':<30}balance {account.balance} after {DEPOSITS} deposits")

    account, lock = Account(), asyncio.Lock()
    await asyncio.gather(*(deposit_locked(account, lock) for _ in range(DEPOSITS)))
    print(f"{'asyncio.Lock:':<30}balance {account.balance} after {DEPOSITS} deposits")

    account = Account()
    await asyncio.gather(*(count_request(account) for _ in range(DEPOSITS)))
    print(f"{'no lock, no await in between:':<30}{account.requests} requests counted")


asyncio.run(main())
