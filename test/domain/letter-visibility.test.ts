import { describe, expect, it } from "vitest";
import { type LetterFacts, letterVisibility } from "../../src/domain/letter-visibility.js";

const facts = (o: Partial<LetterFacts> = {}): LetterFacts => ({
  status: "sent",
  reviewers: ["u-reviewer"],
  recipientOpdIds: ["DINKES"],
  sentAt: "2024-10-30T03:00:00.000Z",
  ...o,
});
const kepala = (id: string, opdId: string | null) => ({ kind: "user", id, role: "kepala_opd", opdId }) as const;

describe("letterVisibility", () => {
  it("gives a kepala_opd nothing of a letter neither sent to its OPD nor given to it for paraf", () => {
    expect(letterVisibility(kepala("u-other", "DISHUB"), facts())).toEqual({
      metadata: false,
      text: false,
      file: false,
    });
    expect(letterVisibility(kepala("u-other", null), facts())).toMatchObject({ metadata: false });
  });

  it("gives a kepala_opd its letters: sent to its OPD, or named to paraf even before sending", () => {
    expect(letterVisibility(kepala("u-other", "DINKES"), facts())).toEqual({ metadata: true, text: true, file: true });
    const inReview = facts({ status: "in_review", recipientOpdIds: [], sentAt: null });
    expect(letterVisibility(kepala("u-reviewer", "DISHUB"), inReview)).toMatchObject({ metadata: true, file: true });
  });

  it("keeps a signed letter that was never sent off the verify link, but not from the holder of its file", () => {
    const signed = facts({ status: "signed", recipientOpdIds: [], sentAt: null });
    expect(letterVisibility({ kind: "verify_link" }, signed)).toEqual({ metadata: false, text: false, file: false });
    expect(letterVisibility({ kind: "signed_file_holder" }, signed)).toEqual({
      metadata: true,
      text: false,
      file: false,
    });
    expect(letterVisibility({ kind: "verify_link" }, facts())).toEqual({ metadata: true, text: true, file: true });
  });

  it("serves no file of a withdrawn letter to anyone, and shows it as dicabut only where it was public", () => {
    const withdrawn = facts({ status: "withdrawn" });
    const viewers = [
      { kind: "user", id: "u-s", role: "sekretariat", opdId: null },
      { kind: "user", id: "u-a", role: "admin", opdId: null },
      kepala("u-reviewer", null),
      { kind: "verify_link" },
      { kind: "signed_file_holder" },
      { kind: "ack_link", opdId: "DINKES" },
    ] as const;
    for (const v of viewers)
      expect(letterVisibility(v, withdrawn), v.kind).toMatchObject({ metadata: true, file: false });
    const neverSent = facts({ status: "withdrawn", recipientOpdIds: [], sentAt: null });
    expect(letterVisibility({ kind: "verify_link" }, neverSent).metadata).toBe(false);
  });

  it("gives an acknowledgement link nothing of a letter not sent to its OPD", () => {
    expect(letterVisibility({ kind: "ack_link", opdId: "DISHUB" }, facts()).metadata).toBe(false);
    expect(letterVisibility({ kind: "ack_link", opdId: "DINKES" }, facts())).toEqual({
      metadata: true,
      text: true,
      file: true,
    });
  });
});
