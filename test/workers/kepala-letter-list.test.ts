// The kepala OPD list contract on D1 inside workerd: letter_reviewers written through json_each in D1's
// batches, and the list read from it and from recipients.
import { env } from "cloudflare:test";
import { openD1Store } from "../../src/store/d1-store.js";
import { kepalaLetterListContract } from "../drafting/kepala-letter-list.case.js";

kepalaLetterListContract("d1", async () => openD1Store(env.DB));
