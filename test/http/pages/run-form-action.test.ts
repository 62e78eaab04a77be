// page-kit's runFormAction, the one place a page turns a service's refusal into its form or a flash: the
// refusals a form handles reach it, anything else becomes pageApp's error page, never a stack trace.
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/domain/app-error.js";
import { fieldErrorsOf, pageApp, runFormAction } from "../../../src/http/pages/routes/page-kit.js";

const refusedWith = (err: AppError) => new Response(`refused ${err.code}`, { status: 299 });
const throwing = (err: unknown) => async (): Promise<Response> => {
  throw err;
};

describe("runFormAction", () => {
  it("answers with the action's response when it succeeds", async () => {
    const res = await runFormAction(async () => new Response("ok"), { refused: refusedWith });
    expect(await res.text()).toBe("ok");
  });

  it("hands every 4xx refusal to the form by default", async () => {
    for (const code of [
      "validation_failed",
      "forbidden_role",
      "not_found",
      "stale_state",
      "letter_withdrawn",
    ] as const) {
      const res = await runFormAction(throwing(new AppError(code, "Ditolak")), { refused: refusedWith });
      expect(await res.text()).toBe(`refused ${code}`);
    }
  });

  it("rethrows a 5xx, an unexpected error, and a status the form does not list", async () => {
    const internal = new AppError("document_missing", "Berkas hilang");
    await expect(runFormAction(throwing(internal), { refused: refusedWith })).rejects.toBe(internal);
    const bug = new TypeError("undefined is not a function");
    await expect(runFormAction(throwing(bug), { refused: refusedWith })).rejects.toBe(bug);
    const conflict = new AppError("stale_state", "Sudah diproses");
    await expect(runFormAction(throwing(conflict), { statuses: [400], refused: refusedWith })).rejects.toBe(conflict);
  });

  it("leaves what it rethrows to pageApp, which renders the error page with the refusal's status", async () => {
    const app = pageApp(() => {});
    app.post("/form", () =>
      runFormAction(throwing(new AppError("stale_state", "Surat telah diproses orang lain")), {
        statuses: [400],
        refused: refusedWith,
      }),
    );
    app.post("/boom", () => runFormAction(throwing(new Error("secret stack")), { refused: refusedWith }));
    const conflict = await app.request("/form", { method: "POST" });
    expect(conflict.status).toBe(409);
    expect(await conflict.text()).toContain("Surat telah diproses orang lain");
    const boom = await app.request("/boom", { method: "POST" });
    expect(boom.status).toBe(500);
    expect(await boom.text()).not.toContain("secret stack");
  });
});

describe("fieldErrorsOf", () => {
  it("keeps the first message per field, and puts a refusal without issues under the fallback field", () => {
    const err = new AppError("validation_failed", "Data tidak valid", [
      { path: "newPassword", message: "Terlalu pendek" },
      { path: "newPassword", message: "Terlalu umum" },
      { path: "currentPassword", message: "Salah" },
    ]);
    expect(fieldErrorsOf(err, "(root)")).toEqual({ newPassword: "Terlalu pendek", currentPassword: "Salah" });
    expect(fieldErrorsOf(new AppError("username_taken", "Nama pengguna sudah dipakai"), "(root)")).toEqual({
      "(root)": "Nama pengguna sudah dipakai",
    });
  });
});
