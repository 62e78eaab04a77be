// Which database failures mean "not now" (busy) or "no room" (full): both stores and the API rely on it.
import { describe, expect, it } from "vitest";
import { asStorageError, storageFault } from "../../src/store/storage-errors.js";

const coded = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("storage faults", () => {
  it("knows a busy database from SQLite's code and from D1's overload and restart messages", () => {
    expect(storageFault(coded("SQLITE_BUSY", "database is locked"))).toBe("busy");
    expect(storageFault(coded("SQLITE_BUSY_SNAPSHOT", "database is locked"))).toBe("busy");
    expect(storageFault(new Error("D1_ERROR: D1 DB is overloaded. Requests queued for too long."))).toBe("busy");
    expect(storageFault(new Error("D1_ERROR: D1 DB reset because its code was updated."))).toBe("busy");
    // Wrapped, as D1 and the Workers runtime do.
    expect(
      storageFault(new Error("D1_ERROR", { cause: new Error("D1 DB is overloaded. Too many requests queued.") })),
    ).toBe("busy");
  });

  it("knows a full database or disk", () => {
    expect(storageFault(coded("SQLITE_FULL", "database or disk is full"))).toBe("full");
    expect(storageFault(coded("ENOSPC", "ENOSPC: no space left on device, write"))).toBe("full");
    expect(storageFault(new Error("D1_ERROR: Exceeded maximum DB size"))).toBe("full");
  });

  it("leaves every other error as it is, constraint failures included (the audit append retries on those)", () => {
    const unique = coded("SQLITE_CONSTRAINT_PRIMARYKEY", "UNIQUE constraint failed: audit_log.seq");
    expect(storageFault(unique)).toBeNull();
    expect(asStorageError(unique)).toBe(unique);
    expect(asStorageError(coded("SQLITE_FULL", "database or disk is full"))).toMatchObject({
      code: "storage_full",
      status: 503,
    });
  });
});
