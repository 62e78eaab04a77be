// The repository contract on D1, inside workerd: the same suite as on better-sqlite3, seeding the bundled
// reference data included.
import { env } from "cloudflare:test";
import { openD1Store } from "../../src/store/d1-store.js";
import { storeContract } from "../store/store.case.js";

storeContract("d1", async () => openD1Store(env.DB));
