// Mounts the server-rendered pages on the app. (Filled in by the pages work of issue #6.)
import type { Hono } from "hono";
import type { AppEnv } from "../env.js";
import { APP_CSS } from "./styles.js";

export function registerPages(app: Hono<AppEnv>): void {
  app.get("/assets/app.css", (c) => c.body(APP_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }));
}
