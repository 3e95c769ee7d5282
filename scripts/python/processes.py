import multiprocessing
import time

def cpu_intensive_task(name):
    print(f"Process {name}: Starting...")
    count = 0
    for _ in range(10**7):
        count += 1
    print(f"Process {name}: Finished. Count: {count}")

processes = []
for i in range(2):
    p = multiprocessing.Process(target=cpu_intensive_task, args=(f"B-{i}",))
    processes.append(p)
    p.start()

for p in processes:
    p.join()
print("All processes finished.")
