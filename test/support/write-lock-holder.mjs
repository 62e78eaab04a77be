// Another process on the same SQLite file: takes the write lock (BEGIN IMMEDIATE), says "locked", and
// holds it until a line arrives on stdin, then rolls back and exits. Plain Node, so it starts fast.
import Database from "better-sqlite3";

const db = new Database(process.argv[2]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\n");
process.stdin.once("data", () => {
  db.exec("ROLLBACK");
  db.close();
  process.exit(0);
});
