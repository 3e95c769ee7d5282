import threading
import time

def task(name):
    print(f"Task {name}: Starting...")
    time.sleep(2) # Simulate I/O operation
    print(f"Task {name}: Finished.")

threads = []
for i in range(3):
    t = threading.Thread(target=task, args=(f"A-{i}",))
    threads.append(t)
    t.start()

for t in threads:
    t.join()
print("All threads finished.")
