// Loaded with `node --import` into a process under test (test/runtime/production-react.test.ts): as the process
// exits, prints which of React's CommonJS builds it ran, as one line `REACT_BUILDS <JSON list of paths>`.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
process.on("exit", () => {
  // Node 20 also enters the builds it only lexed for their export names (both branches of react/index.js),
  // unloaded; only what ran counts.
  const files = Object.entries(require.cache)
    .filter(([f, m]) => m?.loaded && /[\\/]node_modules[\\/]react(-dom)?[\\/]cjs[\\/]/.test(f))
    .map(([f]) => f);
  process.stdout.write(`REACT_BUILDS ${JSON.stringify(files)}\n`);
});
