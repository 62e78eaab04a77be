// The few workerd test APIs and bindings these tests use, typed narrowly instead of pulling
// @cloudflare/workers-types into the whole project (its globals clash with the DOM lib).
declare module "cloudflare:test" {
  import type { D1DatabaseLike } from "../../src/store/d1-store.js";

  export interface D1Migration {
    name: string;
    queries: string[];
  }
  export interface TestEnv {
    DB: D1DatabaseLike;
    TEST_MIGRATIONS: D1Migration[];
    PUBLIC_URL: string;
  }
  export const env: TestEnv;
  /** Service binding to the default export of wrangler.toml's main. */
  export const SELF: { fetch(input: string | Request | URL, init?: RequestInit): Promise<Response> };
  export function applyD1Migrations(db: D1DatabaseLike, migrations: D1Migration[], migrationsTableName?: string): Promise<void>;
}
