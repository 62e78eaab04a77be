// Loaded with `node --import` into a process under test (test/runtime/lazy-modules.test.ts): registers
// loaded-modules-hooks.mjs, which appends the URL of every module the process loads to $LOADED_MODULES_FILE.
import { register } from "node:module";

register("./loaded-modules-hooks.mjs", import.meta.url);
