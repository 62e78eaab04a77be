// Counts the statements the store runs during one request or job, per async context: AsyncLocalStorage is
// Node's, and Workers' through the nodejs_compat flag. One counter object per context and one increment per
// call keeps it cheap. A D1 batch() (Store.atomic) counts as one call, as it is one call through the binding
// and one against D1's per-invocation limit; SQLite's atomic() counts once too, so both runtimes agree.
import { AsyncLocalStorage } from "node:async_hooks";

interface Counter {
  calls: number;
}

const counters = new AsyncLocalStorage<Counter>();

/** Called by the store's drivers once per statement run, or per batch. Outside a counted context: nothing. */
export function countDbCall(): void {
  const counter = counters.getStore();
  if (counter) counter.calls += 1;
}

/** Runs `work` in a fresh counting context; `calls()` reads its count so far (also after `work` threw). */
export function withDbCallCount<T>(work: () => Promise<T>): { done: Promise<T>; calls: () => number } {
  const counter: Counter = { calls: 0 };
  return { done: counters.run(counter, work), calls: () => counter.calls };
}
