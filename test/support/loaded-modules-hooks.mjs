// Module hooks (off the main thread): one line per loaded module URL, appended synchronously, so a line the main
// thread writes to the same file falls between the modules loaded before and after it. A CommonJS package shows
// as its entry file.
import { appendFileSync } from "node:fs";

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (process.env.LOADED_MODULES_FILE) appendFileSync(process.env.LOADED_MODULES_FILE, `${url}\n`);
  return result;
}
