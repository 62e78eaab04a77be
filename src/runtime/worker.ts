// Cloudflare Workers entry point. Placeholder until the app is wired in: answers GET /health,
// and declares the queue and cron handlers wrangler.toml binds.
export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "GET" && url.pathname === "/health") {
      return Response.json({ status: "ok" });
    }
    return Response.json({ error: { code: "not_found", message: "Tidak ditemukan" } }, { status: 404 });
  },
  async queue(): Promise<void> {},
  async scheduled(): Promise<void> {},
};
