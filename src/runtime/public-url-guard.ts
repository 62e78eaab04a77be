// A PUBLIC_URL on this machine (localhost, 127.x, ::1) is right for `wrangler dev` / `npm start` on a laptop and
// wrong everywhere else: every email link and QR code would point at the reader's own phone. wrangler.toml ships
// localhost for dev, so a deploy that forgot `--var PUBLIC_URL:…` is caught here rather than in an OPD head's inbox.

/** Hosts only this machine can open. */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    h === "localhost" || h.endsWith(".localhost") || /^127\./.test(h) || h === "::1" || h === "0.0.0.0" || h === "::"
  );
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/**
 * Why a request must be refused, or null: a local PUBLIC_URL is served only to requests that themselves arrive
 * at a local host (dev). A deployed Worker, reached at its real hostname, refuses until PUBLIC_URL is set.
 */
export function localPublicUrlProblem(publicUrl: string | undefined, requestUrl: string): string | null {
  const own = publicUrl ? hostOf(publicUrl) : null;
  const asked = hostOf(requestUrl);
  if (own === null || asked === null || !isLocalHost(own) || isLocalHost(asked)) return null;
  return `PUBLIC_URL is ${publicUrl}, but this Worker is reached at ${asked}: links in emails and QR codes would be dead. Deploy with --var PUBLIC_URL:https://${asked} (see README "Deploy on Cloudflare").`;
}
