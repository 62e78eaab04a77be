// The letters table's JSON columns, decoded. Every reader of input_json or reviewers_json goes through
// here, so a stored letter is checked by the same zod schemas that checked it on the way in, and a corrupt
// row is a stored_input_invalid (500) instead of a wrong value further down.
import { z } from "zod";
import { type EdaranInput, edaranInputSchema } from "../domain/edaran-input.js";
import { decodeJson } from "./json-text.js";
import type { Letter } from "./letters-repo.js";

const reviewersSchema = z.array(z.string());

/** The whole EdaranInput of a letter (or of one of its revisions). */
export function letterInput(row: Pick<Letter, "input_json">): EdaranInput {
  return decodeJson(edaranInputSchema, row.input_json);
}

/** The ordered user ids who give paraf. */
export function letterReviewers(row: Pick<Letter, "reviewers_json">): string[] {
  return decodeJson(reviewersSchema, row.reviewers_json);
}

// Views for readers that need a few fields of the input (sending, tracking, public pages): each checks only
// what its reader reads, with the field schemas of edaranInputSchema, so a row is never half-copied by hand.
const field = edaranInputSchema.shape;
const issuer = field.issuer.shape;
const sanction = field.sanctions.unwrap().element.shape;

const deadlineView = z.object({ ackDeadline: field.ackDeadline.optional() });
const deliveryView = deadlineView.extend({ recipients: field.recipients.optional() });
const nomorView = z.object({ nomor: field.nomor });
const governmentView = z.object({ government: z.object({ name: field.government.unwrap().shape.name }).optional() });
const issuerView = governmentView.extend({
  issuer: z.object({ name: issuer.name, jabatan: issuer.jabatan, prefix: issuer.prefix, principal: issuer.principal }),
});
const sanctionsView = z.object({
  sanctions: z.array(z.object({ who: sanction.who, what: sanction.what })).optional(),
});

/** The acknowledgement deadline the secretary wrote, if any (letters.ack_deadline is set from it at sending). */
export const letterInputDeadline = (row: Pick<Letter, "input_json">) => decodeJson(deadlineView, row.input_json);
/** The deadline and who the letter goes to ("all" or OPD codes). */
export const letterInputDelivery = (row: Pick<Letter, "input_json">) => decodeJson(deliveryView, row.input_json);
/** The nomor parts (kka, unit, year) the register numbers the letter with. */
export const letterInputNomor = (row: Pick<Letter, "input_json">) => decodeJson(nomorView, row.input_json);
/** Who issues the letter: the government and the signing official. */
export const letterInputIssuer = (row: Pick<Letter, "input_json">) => decodeJson(issuerView, row.input_json);
/** The government block's name, when the input has one (CLI-style letters, letters drafted before 0080). */
export const letterInputGovernment = (row: Pick<Letter, "input_json">) => decodeJson(governmentView, row.input_json);
/** The sanction clauses, for the violations register. */
export const letterInputSanctions = (row: Pick<Letter, "input_json">) => decodeJson(sanctionsView, row.input_json);
