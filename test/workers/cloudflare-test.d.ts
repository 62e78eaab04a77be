// The few workerd test APIs and bindings these tests use, typed narrowly instead of pulling
// @cloudflare/workers-types into the whole project (its globals clash with the DOM lib).
declare module "cloudflare:test" {
  import type { ExecutionContext } from "hono";
  import type { MessageBatchLike, ScheduledControllerLike } from "../../src/runtime/worker.js";
  import type { WorkerEnv } from "../../src/runtime/worker-services.js";

  export interface D1Migration {
    name: string;
    queries: string[];
  }
  export type TestEnv = WorkerEnv & {
    TEST_MIGRATIONS: D1Migration[];
    SEED_PASSWORD: string;
  };
  export const env: TestEnv;
  /** Service binding to the default export of wrangler.toml's main. */
  export const SELF: { fetch(input: string | Request | URL, init?: RequestInit): Promise<Response> };
  export function applyD1Migrations(
    db: WorkerEnv["DB"],
    migrations: D1Migration[],
    migrationsTableName?: string,
  ): Promise<void>;

  export function createExecutionContext(): ExecutionContext;
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function createScheduledController(options?: {
    scheduledTime?: Date | number;
    cron?: string;
  }): ScheduledControllerLike;
  export function createMessageBatch<Body = unknown>(
    queueName: string,
    messages: { id: string; timestamp: Date; attempts: number; body: Body }[],
  ): MessageBatchLike;
  export function getQueueResult(
    batch: MessageBatchLike,
    ctx: ExecutionContext,
  ): Promise<{
    outcome: string;
    ackAll: boolean;
    retryBatch: { retry: boolean };
    explicitAcks: string[];
    retryMessages: { msgId: string }[];
  }>;
}
