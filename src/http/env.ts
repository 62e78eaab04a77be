// The typed Hono environment: every route reads its services from c.var.services (set once by createApp)
// and the caller from c.var.user (set by the auth middleware; null when anonymous).

import type { AuthConfig } from "../auth/auth-deps.js";
import type { AuthUser } from "../auth/auth-user.js";
import type { Clock } from "../domain/clock.js";
import type { SvgRasteriser } from "../pemda/svg-rasteriser.js";
import type { SendQueue } from "../send/send-queue.js";
import type { KeySource } from "../sign/key-source.js";
import type { LetterPdfSigner } from "../sign/letter-pdf-signer.js";
import type { LocalCaDeps } from "../sign/local-ca/local-ca-deps.js";
import type { OoxmlSignerSource } from "../sign/ooxml/ooxml-signer.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import type { RateLimiters } from "./rate-limiter.js";

export interface AppConfig extends AuthConfig {
  /** PUBLIC_URL; an https URL makes the session cookie Secure. */
  publicUrl: string;
  /** HMAC key for the session cookie; at least 32 random characters. */
  sessionSecret: string;
  /** HMAC key the acknowledgement tokens are derived from (see send/ack-token.ts). */
  ackSecret: string;
  /** Resend webhook signing secret ('whsec_...'); without it the webhook endpoint answers 503. */
  webhookSecret?: string;
  /** Hours between two reminders to the same OPD head. */
  reminderIntervalHours: number;
  /** Shows /dev/* pages (email previews); off in production. */
  devRoutes?: boolean;
  /**
   * The request header that carries the client's address, set by the edge in front of the app and not by the
   * client (Workers: "cf-connecting-ip"). When set, it is the only source of the address (rate limits, ack_ip).
   */
  ipHeader?: string;
  /**
   * TRUST_PROXY=1 on Node: one reverse proxy of ours sits in front and appends the peer to X-Forwarded-For,
   * so its last entry is the client. Off: X-Forwarded-For is ignored and the socket address is used.
   */
  trustProxy?: boolean;
}

export interface AppServices {
  store: Store;
  clock: Clock;
  config: AppConfig;
  blobs: BlobStore;
  keys: KeySource;
  /** RSA key + X.509 certificate for the Office (OOXML) signature; without it letters carry only edaran's own. */
  ooxml?: OoxmlSignerSource;
  sendQueue: SendQueue;
  /** The instance's own CA: the signed PDF beside the DOCX (#12); without it letters are signed as DOCX only. */
  localCa?: LocalCaDeps;
  /** SVG → PNG for profile image uploads (resvg-wasm); without it an uploaded SVG is refused with a message. */
  rasteriseSvg?: SvgRasteriser;
  /** Makes the signed PDF at the sign step: the local CA's adapter, or BSrE's when BSRE_URL is set (#12). */
  pdfSigner?: LetterPdfSigner;
  /** BSRE_ROOTS_PEM as DER certificates: the roots a BSrE-signed PDF is verified against. */
  bsreRoots?: readonly Uint8Array[];
  /** Looks for a full audit re-check job now (Node's background loop); Workers run it from the cron. */
  auditJobs?: { kick(): void };
  /** One limiter per rate-limit policy: in memory on Node, the rate-limiting bindings on Workers. */
  rateLimiters: RateLimiters;
}

export type AppEnv = {
  Variables: {
    services: AppServices;
    user: AuthUser | null;
    /** This request's CSRF token for page forms (set by csrfTokens() in front of the pages). */
    csrf?: string;
  };
};
