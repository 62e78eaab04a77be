// The environment the seeded product starts with, in a module of its own: the bare reference's server process
// reads it too and must not load the product's module graph with it (it would count in the bare process's memory).

export const BENCH_PASSWORD = "bench-rahasia-123";

/** The environment both the seeding and the served product start with (fixed secrets: tokens stay valid). */
export const benchEnv = (dataDir: string): Record<string, string> => ({
  DATA_DIR: dataDir,
  SEED_PASSWORD: BENCH_PASSWORD,
  PASSWORD_ITERATIONS: "1000",
  PUBLIC_URL: "http://127.0.0.1",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef",
  ACK_SECRET: "bench-ack-secret-0123456789abcdef0123",
  // Acknowledgements come from many OPD heads, each at its own address (X-Forwarded-For in the load).
  TRUST_PROXY: "1",
});
