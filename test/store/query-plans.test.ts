// Every hot path's query plan on a real SQLite file with years of history behind it (issue #13): each query is
// built by the product's own Kysely code and compiled, then EXPLAIN QUERY PLAN is read. A plan fails when it
// scans one of the big tables (letters, audit_log, outbox, recipients) or sorts a paged list in a temp B-tree.
// A scan is allowed only where named below: an index (or the rowid) walked in its own order, with no sort, that
// the query's LIMIT stops after limit + 1 entries (SQLite says SCAN for that too: it has no range to start from).
import { type SqlBool, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { auditTipQuery } from "../../src/audit/audit-log.js";
import { auditPageQuery } from "../../src/audit/audit-page.js";
import { visibleLetterFilter } from "../../src/drafting/letter-access.js";
import { claimDueQuery } from "../../src/send/outbox-repo.js";
import { letterCountQuery, letterPageQuery, statusCountsQuery } from "../../src/store/letters-repo.js";
import { acknowledgeQuery, recipientByTokenQuery } from "../../src/track/acknowledge.js";
import { latestLetterMessagesQuery } from "../../src/track/letter-messages.js";
import { letterRecipientsQuery, opdHistoryPageQuery } from "../../src/track/letter-status.js";
import { opdCompliancePageQuery } from "../../src/track/opd-compliance-history.js";
import { opdDaysTotalsQuery, opdMonthTotalsQuery, opdOpenNotYetDueQuery } from "../../src/track/opd-totals.js";
import { reminderCandidatesQuery } from "../../src/track/reminder-candidates.js";
import { sentLettersQuery } from "../../src/track/sent-letters.js";
import { violationCountsQuery } from "../../src/track/violations-repo.js";
import { waitingForMe } from "../../src/work/waiting-for-me.js";
import { type HistoryFixture, makeHistoryFixture } from "../support/history-fixture.js";

const BIG_TABLES = ["letters", "audit_log", "outbox", "recipients", "violations"];

interface Compiles {
  compile(): { sql: string; parameters: readonly unknown[] };
}

interface HotQuery {
  query: Compiles;
  /** A paged list: sorting it in a temp B-tree means reading every row to give the first few. */
  paged: boolean;
  /** Big tables this query may SCAN, in an index's order, because its LIMIT stops the scan. */
  scanStoppedByLimit?: readonly string[];
  /**
   * A kepala OPD's letters: read by id from the viewer's own recipients / letter_reviewers rows only (never
   * from an index over every letter), so the sort that follows orders that viewer's letters, not the history.
   */
  lettersOfViewer?: true;
}

// Opened while collecting: the cases are named after the queries built on it.
const fx: HistoryFixture = makeHistoryFixture({ letters: 2000, opds: 20 });
afterAll(async () => {
  await fx.close();
});

function planOf(q: Compiles): string[] {
  const c = q.compile();
  const rows = fx.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.parameters);
  return rows.map((r) => String((r as { detail: unknown }).detail));
}

/** What is wrong with a plan; empty when it is bounded. */
function planProblems(plan: readonly string[], q: Omit<HotQuery, "query">, sqlText: string): string[] {
  const problems: string[] = [];
  for (const line of plan) {
    const scan = /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(line);
    if (scan && BIG_TABLES.includes(scan[1]!)) {
      // In order (an index's, or the rowid's for audit_log.seq) means no sort of what was scanned.
      const inOrder = !plan.some((l) => l.includes("USE TEMP B-TREE"));
      const allowed = q.scanStoppedByLimit?.includes(scan[1]!) && inOrder;
      if (!allowed || !/\blimit \?/i.test(sqlText)) problems.push(line);
    }
    // An automatic index is built by reading the whole table, on every run of the query.
    const auto = /^SEARCH (\w+)(?: AS \w+)? USING AUTOMATIC/.exec(line);
    if (auto && BIG_TABLES.includes(auto[1]!)) problems.push(line);
    if (q.paged && !q.lettersOfViewer && line.includes("USE TEMP B-TREE FOR ORDER BY")) problems.push(line);
    if (q.lettersOfViewer && /^(SEARCH|SCAN) letters\b/.test(line) && !/\(id=\?\)$/.test(line)) problems.push(line);
  }
  return problems;
}

const cursor = { key: "2020-01-01T12:00:00.000Z", id: "L-000720" };

function hotQueries(): Record<string, HotQuery> {
  const store = fx.store;
  const kepala = visibleLetterFilter({ id: fx.kepalaId, role: "kepala_opd", opdId: fx.opdIds[0]! });
  if (!kepala) throw new Error("a kepala_opd sees only their letters");
  const rare = visibleLetterFilter({ id: fx.rareKepalaId, role: "kepala_opd", opdId: fx.rareOpdId });
  if (!rare) throw new Error("a kepala_opd sees only their letters");
  const byOrder = ["letters"] as const;
  const period = { from: "2020-01-01", to: "2020-01-02" };
  return {
    "letter list, first page": {
      query: letterPageQuery(store, { limit: 20 }),
      paged: true,
      scanStoppedByLimit: byOrder,
    },
    "letter list, after a cursor": { query: letterPageQuery(store, { limit: 20, after: cursor }), paged: true },
    "letter list, one status": { query: letterPageQuery(store, { status: "sent", limit: 20 }), paged: true },
    "letter list, one status after a cursor": {
      query: letterPageQuery(store, { status: "sent", limit: 20, after: cursor }),
      paged: true,
    },
    "letter list, one register": { query: letterPageQuery(store, { registerId: "HIST", limit: 20 }), paged: true },
    "letter list of a kepala OPD": {
      query: letterPageQuery(store, { where: kepala, limit: 20, after: cursor }),
      paged: true,
      lettersOfViewer: true,
    },
    "letter list of a kepala OPD receiving few letters, first page": {
      query: letterPageQuery(store, { where: rare, limit: 20 }),
      paged: true,
      lettersOfViewer: true,
    },
    "letter list of a kepala OPD receiving few letters, one status after a cursor": {
      query: letterPageQuery(store, { where: rare, status: "sent", limit: 20, after: cursor }),
      paged: true,
      lettersOfViewer: true,
    },
    "letter list total of a kepala OPD (capped)": {
      query: letterCountQuery(store, { where: rare }),
      paged: false,
      lettersOfViewer: true,
    },
    "letter list total (capped)": { query: letterCountQuery(store, {}), paged: false, scanStoppedByLimit: byOrder },
    "letter list total of one status (capped)": { query: letterCountQuery(store, { status: "sent" }), paged: false },
    "status tabs (capped)": { query: statusCountsQuery(store), paged: false },
    "status tabs of a kepala OPD (capped)": {
      query: statusCountsQuery(store, kepala),
      paged: false,
      lettersOfViewer: true,
    },
    "Inspektorat landing, first page": {
      query: sentLettersQuery(store, { limit: 100 }),
      paged: true,
    },
    "Inspektorat landing, after a cursor": {
      query: sentLettersQuery(store, { limit: 100, after: cursor }),
      paged: true,
    },
    "status and matrix of one letter": { query: letterRecipientsQuery(store, fx.letterIds[5]!), paged: false },
    "OPD history, first page": {
      query: opdHistoryPageQuery(store, fx.opdIds[3]!, { limit: 20 }),
      paged: true,
    },
    "OPD history, after a cursor": {
      query: opdHistoryPageQuery(store, fx.opdIds[3]!, { limit: 20, after: cursor }),
      paged: true,
    },
    // The letter page's delivery table: without outbox_recipient this scanned the whole outbox.
    "latest message per recipient of one letter": {
      query: latestLetterMessagesQuery(store, fx.letterIds[5]!),
      paged: false,
    },
    "violations per OPD of one letter (matrix)": { query: violationCountsQuery(store, fx.letterIds[5]!), paged: false },
    "OPD history page, first page of a period": {
      query: opdCompliancePageQuery(store, fx.opdIds[3]!, { period, limit: 100 }),
      paged: true,
    },
    "OPD history page, after a cursor": {
      query: opdCompliancePageQuery(store, fx.opdIds[3]!, { period: {}, limit: 100, after: cursor }),
      paged: true,
    },
    // The totals: whole months from opd_month_totals, the days at a period's edges live through
    // recipients_opd_sent, and the rows not yet due from the letters whose deadline is ahead.
    "OPD history totals of whole months": {
      query: opdMonthTotalsQuery(store, fx.opdIds[3]!, { withUnsent: true }),
      paged: false,
    },
    "OPD history totals of the days at a period's edge": {
      query: opdDaysTotalsQuery(store, fx.opdIds[3]!, period, new Date()),
      paged: false,
    },
    "OPD history rows whose deadline is still ahead": {
      query: opdOpenNotYetDueQuery(store, fx.opdIds[3]!, new Date("2020-01-01T00:00:00.000Z")),
      paged: false,
    },
    "acknowledgement link lookup": { query: recipientByTokenQuery(store, "abc"), paged: false },
    "acknowledgement UPDATE": {
      query: acknowledgeQuery(store, "R-5-OPD-003", { at: "x", name: "n", position: "p", ip: null, userAgent: null }),
      paged: false,
    },
    // The claim sorts only the due rows it found through outbox_due / outbox_lock, never the sent history.
    "outbox claim": { query: claimDueQuery(store, { now: new Date(), lockMs: 60_000, limit: 50 }), paged: false },
    "outbox claim of a queue message": {
      query: claimDueQuery(store, { now: new Date(), lockMs: 60_000, limit: 50, ids: ["O-1", "O-2"] }),
      paged: false,
    },
    // Every append reads the chain's head and the seq high-water mark in one statement.
    "audit head and seq before an append": {
      query: auditTipQuery(store),
      paged: false,
      scanStoppedByLimit: ["audit_log"],
    },
    "audit log, newest page": {
      query: auditPageQuery(store, { limit: 50 }),
      paged: true,
      scanStoppedByLimit: ["audit_log"],
    },
    "audit log, after a cursor": { query: auditPageQuery(store, { limit: 50, beforeSeq: 20_000 }), paged: true },
    // The reminder round: walks recipients_reminder_due from the oldest due entry, stopped by the cutoff and its
    // LIMIT; the letter of each is one primary-key lookup.
    "reminder round candidates": {
      query: reminderCandidatesQuery(store, { cutoffIso: "2024-06-01T00:00:00.000Z", limit: 200 }),
      paged: true,
    },
    "audit log of one action": {
      query: auditPageQuery(store, { action: "recipient.acknowledged", limit: 50, beforeSeq: 20_000 }),
      paged: true,
    },
    "audit log of one actor": { query: auditPageQuery(store, { actor: fx.kepalaId, limit: 50 }), paged: true },
    // An OPD's rows are its own id or one of its recipients' rows, found through audit_subject / audit_actor and
    // sorted: bounded by that OPD's own rows, not the log's (it grows with the OPD's history; see the README).
    "audit log of one OPD": {
      query: auditPageQuery(store, { opdId: fx.opdIds[3]!, limit: 50 }),
      paged: false,
    },
    "audit log of one letter": {
      query: auditPageQuery(store, { letterId: fx.letterIds[5]!, limit: 50, beforeSeq: 20_000 }),
      paged: true,
    },
  };
}

describe("hot paths read a bounded number of rows whatever the history", () => {
  const queries = hotQueries();
  it.each(Object.keys(queries))("%s", (name) => {
    const q = queries[name]!;
    const plan = planOf(q.query);
    expect(planProblems(plan, q, q.query.compile().sql), plan.join("\n")).toEqual([]);
  });

  it("reads-an-opd-s-totals-from-its-kept-months-and-finds-rows-not-yet-due-from-current-letters", () => {
    const months = planOf(opdMonthTotalsQuery(fx.store, fx.opdIds[3]!, { from: "2020-01", withUnsent: false }));
    expect(months.join("\n")).toMatch(
      /SEARCH opd_month_totals USING (PRIMARY KEY|INDEX \S+) \(opd_id=\? AND month>\?\)/,
    );
    const ahead = planOf(opdOpenNotYetDueQuery(fx.store, fx.opdIds[3]!, new Date("2020-01-01T00:00:00.000Z")));
    expect(ahead.join("\n")).toMatch(/SEARCH letters USING INDEX letters_ack_deadline \(ack_deadline>\?\)/);
    expect(ahead.join("\n")).toMatch(
      /SEARCH recipients USING INDEX sqlite_autoindex_recipients_\d \(letter_id=\? AND opd_id=\?\)/,
    );
    const edge = planOf(
      opdDaysTotalsQuery(fx.store, fx.opdIds[3]!, { from: "2020-01-01", to: "2020-01-02" }, new Date()),
    );
    expect(edge.join("\n")).toMatch(
      /SEARCH recipients USING INDEX recipients_opd_sent \(opd_id=\? AND sent_at>\? AND sent_at<\?\)/,
    );
  });

  it("reads-what-waits-for-each-role-through-indexes-of-open-rows-only", async () => {
    const compiled: { sql: string; parameters: readonly unknown[] }[] = [];
    const executor = fx.store.db.getExecutor();
    // Every statement waitingForMe runs, compiled as it runs, then explained.
    const db = fx.store.db.withPlugin({
      transformQuery(args) {
        compiled.push(executor.compileQuery(args.node, args.queryId));
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    });
    const store = { db, atomic: fx.store.atomic.bind(fx.store) };
    for (const role of ["sekretariat", "penandatangan", "kepala_opd", "inspektorat", "admin"] as const) {
      await waitingForMe(store, { id: fx.kepalaId, role, opdId: fx.opdIds[0]! }, new Date("2020-06-01T00:00:00.000Z"));
    }
    expect(compiled.length).toBeGreaterThanOrEqual(8);
    for (const c of compiled) {
      const plan = fx.store.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${c.sql}`)
        .all(...c.parameters)
        .map((r) => String((r as { detail: unknown }).detail));
      expect(planProblems(plan, { paged: false }, c.sql), `${c.sql}\n${plan.join("\n")}`).toEqual([]);
    }
    const plans = compiled
      .flatMap((c) => fx.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.parameters))
      .map((r) => String((r as { detail: unknown }).detail))
      .join("\n");
    for (const index of [
      "recipients_problem",
      "recipients_escalated_open",
      "recipients_opd_open",
      "recipients_opd_unreported",
    ])
      expect(plans).toContain(index);
  });

  it("reads-reminder-candidates-through-recipients_reminder_due-not-by-scanning-letters", () => {
    const plan = planOf(reminderCandidatesQuery(fx.store, { cutoffIso: "2024-06-01T00:00:00.000Z", limit: 200 }));
    expect(plan.join("\n")).toMatch(/SEARCH r USING INDEX recipients_reminder_due \(<expr><\?\)/);
    expect(plan.join("\n")).toMatch(/SEARCH l USING INDEX sqlite_autoindex_letters_1 \(id=\?\)/);
    expect(plan.some((l) => /^SCAN/.test(l) || l.includes("TEMP B-TREE"))).toBe(false);
  });

  it("the history is there: thousands of letters, tens of thousands of recipients, outbox and audit rows", () => {
    const count = (t: string) => (fx.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(count("letters")).toBe(2000);
    expect(count("recipients")).toBeGreaterThan(30_000);
    expect(count("outbox")).toBeGreaterThan(30_000);
    expect(count("audit_log")).toBeGreaterThan(30_000);
  });

  it("fails the shapes this replaced: an IN list of every live letter, a sort of every letter", () => {
    const store = fx.store;
    const oldAck = store.db
      .updateTable("recipients")
      .set({ ack_name: "n" })
      .where("id", "=", "R-5-OPD-003")
      .where("letter_id", "in", (eb) => eb.selectFrom("letters").select("id").where("status", "!=", "withdrawn"));
    expect(planProblems(planOf(oldAck), { paged: false }, oldAck.compile().sql)).not.toEqual([]);
    // The kepala filter this replaced: every letter tested against the OPD's recipients and the reviewers JSON.
    const oldKepala = letterPageQuery(store, {
      limit: 20,
      where: (eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom("recipients")
              .select("recipients.id")
              .whereRef("recipients.letter_id", "=", "letters.id")
              .where("recipients.opd_id", "=", fx.rareOpdId),
          ),
          sql<SqlBool>`${eb.ref("letters.reviewers_json")} LIKE ${`%"${fx.rareKepalaId}"%`}`,
        ]),
    });
    expect(
      planProblems(planOf(oldKepala), { paged: true, lettersOfViewer: true }, oldKepala.compile().sql),
    ).not.toEqual([]);
    const oldList = store.db.selectFrom("letters").selectAll().orderBy("created_at", "desc").limit(20).offset(40);
    expect(planProblems(planOf(oldList), { paged: true }, oldList.compile().sql)).not.toEqual([]);
  });
});
