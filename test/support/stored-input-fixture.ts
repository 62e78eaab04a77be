// Rows written straight into the letters table by fixtures. The code under test reads only a few fields of
// their input (the deadline, the sanctions), so those rows hold only those fields, as no letter the app
// writes would: letterInput() refuses them, the views of src/store/letter-json.ts read them.
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import type { JsonText } from "../../src/store/json-text.js";

export function partialStoredInput(fields: object): JsonText<EdaranInput> {
  // cast: deliberately a partial input, see above.
  return JSON.stringify(fields) as JsonText<EdaranInput>;
}
