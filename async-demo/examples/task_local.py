"""The Python twin of task_local.rs: a contextvars.ContextVar in asyncio tasks.

A task created while the variable is set gets a copy of the context, and sees the value; a value
set inside a task stays in that task's context. Run: python3 async-demo/examples/task_local.py
"""
import asyncio
import contextvars

request = contextvars.ContextVar("request")


def say(text):
    value = request.get(None)
    print(f"[request {value}] {text}" if value is not None else f"[no request] {text}")


async def spawned():
    say("in a created task")


async def handle():
    request.set(1)
    say("handling")
    await asyncio.create_task(spawned())


async def main():
    await asyncio.create_task(handle())
    say("after the task")


asyncio.run(main())
