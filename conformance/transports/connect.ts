// Opening a connection to a DUT that may not be there yet (a bridge restarting after a dropped
// link, a meter rebooting): try again with a growing pause until the deadline, then give up with
// the last error.

export async function connectWithin<T>(timeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    try {
      return await attempt();
    } catch (e) {
      const left = deadline - Date.now();
      if (left <= 0) throw e;
      await new Promise((done) => setTimeout(done, Math.min(pause, left)));
    }
  }
}
