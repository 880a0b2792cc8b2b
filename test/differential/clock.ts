/**
 * LiveKit orders chat items by `createdAt` (Date.now(), in milliseconds) when it merges one
 * context into another, and puts an item after every item of the same millisecond. Two items made
 * in one millisecond therefore land in an order that depends on how fast the machine is, in
 * LiveKit's own classes as much as in ours. While installed, this clock never returns the same
 * time twice: within one millisecond it counts up in steps of 1/1024 ms (exact in a double), so
 * every item gets its own time and merges keep the order items were made in, as they do in a
 * real conversation; it never runs behind the real clock and barely ahead of it.
 */
const STEP_MS = 1 / 1024;
let installed = 0;
let realNow: () => number = Date.now;
let last = 0;

export function installMonotonicClock(): () => void {
  if (installed++ === 0) {
    realNow = Date.now;
    Date.now = () => (last = Math.max(realNow(), last + STEP_MS));
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--installed === 0) Date.now = realNow;
  };
}
