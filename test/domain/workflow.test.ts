import { describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/roles.js";
import { roles } from "../../src/domain/roles.js";
import {
  allowedActions,
  currentReviewer,
  isReadyForApproval,
  type LetterStatus,
  letterStatuses,
  transition,
  type WorkflowAction,
  type WorkflowState,
  workflowActionSchema,
  workflowErrorStatus,
} from "../../src/domain/workflow.js";

const NOW = "2024-11-01T08:00:00.000Z";
const sek = { id: "u-sek", role: "sekretariat" as const };
const pen = { id: "u-pen", role: "penandatangan" as const };
const r1 = { id: "u-r1", role: "kepala_opd" as const };
const r2 = { id: "u-r2", role: "sekretariat" as const };
const insp = { id: "u-insp", role: "inspektorat" as const };
const admin = { id: "u-admin", role: "admin" as const };

const state = (status: LetterStatus, reviewStep = 0, reviewers: string[] = ["u-r1", "u-r2"]): WorkflowState => ({
  status,
  reviewers,
  reviewStep,
});

function ok(s: WorkflowState, a: WorkflowAction, actor: { id: string; role: Role }) {
  const r = transition(s, a, actor, NOW);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r;
}

function refused(s: WorkflowState, a: WorkflowAction, actor: { id: string; role: Role }) {
  const r = transition(s, a, actor, NOW);
  if (r.ok) throw new Error(`expected refusal, got ${r.next.status}`);
  return r;
}

describe("workflow: the happy path", () => {
  it("walks draft → review with two paraf in order → approved → signed → sent → closed", () => {
    let s: WorkflowState = { status: "draft", reviewers: [], reviewStep: 0 };
    let r = ok(s, { action: "submit", reviewers: ["u-r1", "u-r2"] }, sek);
    expect(r.next).toEqual({ status: "in_review", reviewers: ["u-r1", "u-r2"], reviewStep: 0 });
    expect(r.event).toMatchObject({
      action: "submit",
      fromStatus: "draft",
      toStatus: "in_review",
      actorId: "u-sek",
      at: NOW,
    });
    s = r.next;
    expect(currentReviewer(s)).toBe("u-r1");

    r = ok(s, { action: "paraf" }, r1);
    expect(r.next).toMatchObject({ status: "in_review", reviewStep: 1 });
    expect(r.event.readyForApproval).toBe(false);
    s = r.next;
    expect(currentReviewer(s)).toBe("u-r2");

    r = ok(s, { action: "paraf", comment: "  sudah sesuai  " }, r2);
    expect(r.event).toMatchObject({ readyForApproval: true, comment: "sudah sesuai", toStatus: "in_review" });
    s = r.next;
    expect(isReadyForApproval(s)).toBe(true);
    expect(currentReviewer(s)).toBeNull();

    for (const [action, actor, to] of [
      ["approve", pen, "approved"],
      ["sign", pen, "signed"],
      ["send", sek, "sent"],
      ["close", sek, "closed"],
    ] as const) {
      r = ok(s, { action } as WorkflowAction, actor);
      expect(r.next.status).toBe(to);
      expect(r.event).toMatchObject({ action, fromStatus: s.status, toStatus: to, actorId: actor.id });
      s = r.next;
    }
  });
});

describe("workflow: reviewer order", () => {
  it("refuses a paraf from the second reviewer before the first has given theirs", () => {
    const r = refused(state("in_review", 0), { action: "paraf" }, r2);
    expect(r.code).toBe("not_current_reviewer");
    expect(workflowErrorStatus(r.code)).toBe(403);
  });

  it("refuses a paraf from someone not on the list, whatever their role", () => {
    for (const actor of [sek, pen, admin, insp]) {
      expect(refused(state("in_review", 0), { action: "paraf" }, actor).code).toBe("not_current_reviewer");
    }
  });

  it("refuses a second paraf by the same reviewer", () => {
    expect(refused(state("in_review", 1), { action: "paraf" }, r1).code).toBe("not_current_reviewer");
  });

  it("refuses any paraf once all are in", () => {
    expect(refused(state("in_review", 2), { action: "paraf" }, r2).code).toBe("transition_not_allowed");
  });

  it("refuses approval while a paraf is missing, even to the penandatangan", () => {
    const r = refused(state("in_review", 1), { action: "approve" }, pen);
    expect(r.code).toBe("review_incomplete");
    expect(r.message).toContain("1 paraf");
    expect(workflowErrorStatus(r.code)).toBe(409);
  });

  it("refuses approval of a complete review to anyone but the penandatangan", () => {
    for (const actor of [sek, r1, insp, admin]) {
      expect(refused(state("in_review", 2), { action: "approve" }, actor).code).toBe("forbidden_role");
    }
  });
});

describe("workflow: return", () => {
  it("goes back to draft with the comment and resets the paraf count", () => {
    const r = ok(state("in_review", 1), { action: "return", comment: "Dasar hukum kurang lengkap" }, r2);
    expect(r.next).toEqual({ status: "draft", reviewers: ["u-r1", "u-r2"], reviewStep: 0 });
    expect(r.event).toMatchObject({
      action: "return",
      fromStatus: "in_review",
      toStatus: "draft",
      comment: "Dasar hukum kurang lengkap",
    });
  });

  it("needs a comment: blank is refused by the machine and by the body schema", () => {
    const r = refused(state("in_review", 0), { action: "return", comment: "   " }, r1);
    expect(r.code).toBe("comment_required");
    expect(workflowErrorStatus(r.code)).toBe(400);
    expect(workflowActionSchema.safeParse({ action: "return", comment: "  " }).success).toBe(false);
    expect(workflowActionSchema.safeParse({ action: "return" }).success).toBe(false);
  });

  it("belongs to the current reviewer only", () => {
    expect(refused(state("in_review", 0), { action: "return", comment: "x" }, r2).code).toBe("not_current_reviewer");
    expect(refused(state("in_review", 0), { action: "return", comment: "x" }, pen).code).toBe("not_current_reviewer");
  });

  it("is the penandatangan's once every paraf is in", () => {
    expect(ok(state("in_review", 2), { action: "return", comment: "Perbaiki" }, pen).next.status).toBe("draft");
    expect(refused(state("in_review", 2), { action: "return", comment: "Perbaiki" }, r2).code).toBe("forbidden_role");
  });
});

describe("workflow: submit", () => {
  it("needs at least one reviewer and no duplicates", () => {
    const d = state("draft", 0, []);
    expect(refused(d, { action: "submit", reviewers: [] }, sek).code).toBe("reviewers_required");
    expect(refused(d, { action: "submit", reviewers: ["a", "a"] }, sek).code).toBe("reviewers_required");
    expect(workflowActionSchema.safeParse({ action: "submit", reviewers: [] }).success).toBe(false);
    expect(workflowActionSchema.safeParse({ action: "submit", reviewers: ["a", "a"] }).success).toBe(false);
    expect(workflowActionSchema.safeParse({ action: "submit", reviewers: ["a", "b"] }).success).toBe(true);
  });

  it("is the secretariat's (and the admin's)", () => {
    expect(ok(state("draft"), { action: "submit", reviewers: ["x"] }, admin).next.status).toBe("in_review");
    for (const actor of [pen, r1, insp]) {
      expect(refused(state("draft"), { action: "submit", reviewers: ["x"] }, actor).code).toBe("forbidden_role");
    }
  });

  it("replaces the reviewer list of an earlier round", () => {
    const r = ok(state("draft", 0, ["old"]), { action: "submit", reviewers: ["new1"] }, sek);
    expect(r.next).toEqual({ status: "in_review", reviewers: ["new1"], reviewStep: 0 });
  });
});

describe("workflow: withdraw (dicabut)", () => {
  it("needs a reason", () => {
    expect(refused(state("signed"), { action: "withdraw", reason: " " }, pen).code).toBe("reason_required");
    expect(workflowActionSchema.safeParse({ action: "withdraw", reason: "" }).success).toBe(false);
  });

  it("from approved, signed, sent and closed is the penandatangan's only", () => {
    for (const s of ["approved", "signed", "sent", "closed"] as const) {
      const r = ok(state(s, 2), { action: "withdraw", reason: "Bertentangan dengan aturan baru" }, pen);
      expect(r.next.status).toBe("withdrawn");
      expect(r.event).toMatchObject({ fromStatus: s, comment: "Bertentangan dengan aturan baru" });
      for (const actor of [sek, r1, insp, admin]) {
        expect(refused(state(s, 2), { action: "withdraw", reason: "x" }, actor).code).toBe("forbidden_role");
      }
    }
  });

  it("from draft and in_review is also the secretariat's and the admin's", () => {
    for (const s of ["draft", "in_review"] as const) {
      expect(ok(state(s), { action: "withdraw", reason: "Tidak jadi" }, sek).next.status).toBe("withdrawn");
      expect(ok(state(s), { action: "withdraw", reason: "Tidak jadi" }, admin).next.status).toBe("withdrawn");
      expect(ok(state(s), { action: "withdraw", reason: "Tidak jadi" }, pen).next.status).toBe("withdrawn");
      expect(refused(state(s), { action: "withdraw", reason: "x" }, insp).code).toBe("forbidden_role");
    }
  });

  it("is final: nothing leaves withdrawn", () => {
    for (const a of [
      { action: "submit", reviewers: ["u-r1"] },
      { action: "paraf" },
      { action: "return", comment: "x" },
      { action: "approve" },
      { action: "sign" },
      { action: "send" },
      { action: "close" },
      { action: "withdraw", reason: "x" },
    ] as WorkflowAction[]) {
      for (const actor of [sek, pen, r1, admin]) {
        expect(refused(state("withdrawn"), a, actor).code).toBe("transition_not_allowed");
      }
    }
  });
});

describe("workflow: the whole status × action table", () => {
  // For each status, the action that is allowed there and the actor who may take it; every other
  // action must be refused with transition_not_allowed for that same actor... or a role/reviewer code.
  const bodies: Record<string, WorkflowAction> = {
    submit: { action: "submit", reviewers: ["u-r1"] },
    paraf: { action: "paraf" },
    return: { action: "return", comment: "perbaiki" },
    approve: { action: "approve" },
    sign: { action: "sign" },
    send: { action: "send" },
    close: { action: "close" },
    withdraw: { action: "withdraw", reason: "dicabut" },
  };
  // What the one permitted actor of each status can do: status → allowed actions of that actor.
  const expected: Record<LetterStatus, Record<string, string[]>> = {
    draft: { sekretariat: ["submit", "withdraw"], admin: ["submit", "withdraw"], penandatangan: ["withdraw"] },
    in_review: {
      sekretariat: ["withdraw"],
      admin: ["withdraw"],
      penandatangan: ["withdraw"],
      reviewer: ["paraf", "return"],
    },
    approved: { penandatangan: ["sign", "withdraw"] },
    signed: { penandatangan: ["withdraw"], sekretariat: ["send"], admin: ["send"] },
    sent: { penandatangan: ["withdraw"], sekretariat: ["close"], admin: ["close"] },
    closed: { penandatangan: ["withdraw"] },
    withdrawn: {},
  };
  const actors = {
    sekretariat: sek,
    penandatangan: pen,
    reviewer: r1,
    inspektorat: insp,
    admin,
    kepala_opd: { id: "u-k", role: "kepala_opd" as const },
  };

  for (const status of letterStatuses) {
    for (const [name, actor] of Object.entries(actors)) {
      it(`${status}: ${name} may do exactly ${JSON.stringify(expected[status][name] ?? [])}`, () => {
        const s = state(status, 0, ["u-r1"]);
        const allowed = expected[status][name] ?? [];
        expect(allowedActions(s, actor)).toEqual(allowed);
        for (const [a, body] of Object.entries(bodies)) {
          const r = transition(s, body, actor, NOW);
          expect(r.ok, `${a}`).toBe(allowed.includes(a));
          if (!r.ok)
            expect(["transition_not_allowed", "forbidden_role", "not_current_reviewer", "review_incomplete"]).toContain(
              r.code,
            );
          else expect(r.event.at).toBe(NOW);
        }
      });
    }
  }

  it("roles cover every role of the app", () => {
    expect(
      Object.keys(actors)
        .filter((k) => k !== "reviewer")
        .sort(),
    ).toEqual([...roles].sort());
  });

  it("a refusal leaves the given state untouched", () => {
    const s = state("in_review", 0);
    const copy = structuredClone(s);
    transition(s, { action: "approve" }, pen, NOW);
    transition(s, { action: "paraf" }, r2, NOW);
    expect(s).toEqual(copy);
  });
});
