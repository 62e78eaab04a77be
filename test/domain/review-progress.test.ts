// The paraf round the letter page shows: whose paraf is due, whether every paraf is in, and when each reviewer
// gave paraf in the current round only.
import { describe, expect, it } from "vitest";
import { type ReviewEventRef, reviewProgress, type WorkflowState } from "../../src/domain/workflow.js";

const ev = (action: string, actorId: string, at: string): ReviewEventRef => ({ action, actorId, at });
const inReview = (reviewStep: number): WorkflowState => ({ status: "in_review", reviewers: ["r1", "r2"], reviewStep });

describe("reviewProgress", () => {
  it("names the reviewer whose paraf is due and the paraf given so far", () => {
    const p = reviewProgress(inReview(1), [ev("submit", "sek", "t1"), ev("paraf", "r1", "t2")]);
    expect(p.current).toBe("r2");
    expect(p.complete).toBe(false);
    expect([...p.parafAt]).toEqual([["r1", "t2"]]);
  });

  it("counts only the paraf after the last submit: a returned and resubmitted letter starts again", () => {
    const events = [
      ev("submit", "sek", "t1"),
      ev("paraf", "r1", "t2"),
      ev("return", "r2", "t3"),
      ev("submit", "sek", "t4"),
    ];
    expect(reviewProgress(inReview(0), events).parafAt.size).toBe(0);
    const again = reviewProgress(inReview(1), [...events, ev("paraf", "r1", "t5")]);
    expect(again.parafAt.get("r1")).toBe("t5");
  });

  it("is complete with nobody due once every paraf is in", () => {
    const p = reviewProgress(inReview(2), [
      ev("submit", "sek", "t1"),
      ev("paraf", "r1", "t2"),
      ev("paraf", "r2", "t3"),
    ]);
    expect(p).toMatchObject({ current: null, complete: true });
    expect([...p.parafAt]).toEqual([
      ["r1", "t2"],
      ["r2", "t3"],
    ]);
  });

  it("has no round before the first submit, and nobody due outside review", () => {
    const draft: WorkflowState = { status: "draft", reviewers: ["r1"], reviewStep: 0 };
    expect(reviewProgress(draft, [ev("paraf", "r1", "t0")])).toEqual({
      current: null,
      complete: false,
      parafAt: new Map(),
    });
    const approved: WorkflowState = { status: "approved", reviewers: ["r1"], reviewStep: 1 };
    const p = reviewProgress(approved, [ev("submit", "sek", "t1"), ev("paraf", "r1", "t2")]);
    expect(p.current).toBeNull();
    expect(p.complete).toBe(false);
    expect(p.parafAt.get("r1")).toBe("t2");
  });
});
