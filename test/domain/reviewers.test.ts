import { describe, expect, it } from "vitest";
import { REVIEWER_ROLES, reviewerRefusal } from "../../src/domain/reviewers.js";
import { roles } from "../../src/domain/roles.js";

const active = (id: string, role: string) => ({ id, role, disabled: false });

describe("reviewerRefusal", () => {
  it("accepts an active official of every reviewing role who is not the submitter", () => {
    for (const role of REVIEWER_ROLES) expect(reviewerRefusal(active("u-r", role), "u-sek")).toBeNull();
  });

  it("refuses the read-only roles", () => {
    const others = roles.filter((r) => !(REVIEWER_ROLES as readonly string[]).includes(r));
    expect(others).toEqual(["inspektorat", "admin"]);
    for (const role of others) expect(reviewerRefusal(active("u-r", role), "u-sek")).toBe("role");
  });

  it("refuses the submitter, an unknown id and a disabled account, unknown before anything else", () => {
    expect(reviewerRefusal(active("u-sek", "sekretariat"), "u-sek")).toBe("submitter");
    expect(reviewerRefusal(undefined, "u-sek")).toBe("unknown_or_disabled");
    expect(reviewerRefusal({ id: "u-sek", role: "inspektorat", disabled: true }, "u-sek")).toBe("unknown_or_disabled");
  });
});
