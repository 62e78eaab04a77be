// Runs before every workers test file: brings D1 to the schema of src/store/migrations, recorded in
// d1_migrations like `wrangler d1 migrations apply` does. Applying twice is a no-op.
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
