// /api/pemda-profile: the Pemda profile (kop, page, nomor pattern, images) every letter is laid out with.
// Any signed-in user reads it; only the admin changes it. Images are uploaded as the raw body.
import { Hono } from "hono";
import { AppError, notFound } from "../../domain/app-error.js";
import { arrayBufferView } from "../../domain/encoding.js";
import { PROFILE_IMAGE_SLOTS, type ProfileImageSlot } from "../../domain/pemda-profile.js";
import { currentProfileImage, getPemdaProfile } from "../../pemda/get-pemda-profile.js";
import { MAX_IMAGE_BYTES } from "../../pemda/image-checks.js";
import { updatePemdaProfile } from "../../pemda/update-pemda-profile.js";
import { uploadProfileImage } from "../../pemda/upload-profile-image.js";
import { currentUser, requireRole, requireUser } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { readJson } from "../validate.js";

const IMAGE_TYPES = ["image/png", "image/svg+xml"];

function slotParam(slot: string): ProfileImageSlot {
  const found = PROFILE_IMAGE_SLOTS.find((s) => s === slot);
  if (!found) throw notFound("Jenis gambar profil (lambang atau emblem)");
  return found;
}

/**
 * The uploaded image: a declared image type (like application/json for JSON bodies, a type a cross-site form
 * cannot send), at most 1 MB. What it really is, is decided from its bytes by the service.
 */
async function imageBody(req: Request): Promise<Uint8Array> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!IMAGE_TYPES.includes(type))
    throw new AppError(
      "unsupported_media_type",
      "Kirim gambar sebagai isi permintaan berjenis image/png atau image/svg+xml",
    );
  const tooLarge = new AppError("file_too_large", "Gambar terlalu besar: paling besar 1 MB");
  if (Number(req.headers.get("content-length") ?? "0") > MAX_IMAGE_BYTES) throw tooLarge;
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw tooLarge;
  return bytes;
}

const answer = (v: { version: number; profile: unknown; createdAt: string; createdBy: string }) => ({
  version: v.version,
  createdAt: v.createdAt,
  createdBy: v.createdBy,
  profile: v.profile,
});

export function pemdaProfileRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", requireUser(), async (c) => c.json(answer(await getPemdaProfile(c.var.services.store))));
  app.put("/", requireRole("admin"), async (c) =>
    c.json(answer(await updatePemdaProfile(c.var.services, currentUser(c).id, await readJson(c)))),
  );
  app.get("/images/:slot", requireUser(), async (c) => {
    const image = await currentProfileImage(c.var.services, slotParam(c.req.param("slot")));
    return c.body(arrayBufferView(image.png), 200, {
      "Content-Type": "image/png",
      // The URL names the slot, not the image: a new upload changes what it answers.
      "Cache-Control": "private, no-cache",
      ETag: `"${image.sha256}"`,
    });
  });
  app.put("/images/:slot", requireRole("admin"), async (c) => {
    const slot = slotParam(c.req.param("slot"));
    const saved = await uploadProfileImage(c.var.services, currentUser(c).id, slot, await imageBody(c.req.raw));
    return c.json(answer(saved));
  });
  return app;
}
