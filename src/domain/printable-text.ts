// Which text a person can have meant to type: no C0 control characters (NUL, ESC, …) but tab, newline and carriage
// return, no DEL or C1 controls, nothing XML 1.0 cannot hold (U+FFFE/U+FFFF, lone surrogates). Such characters
// reach the DOCX, the CSV/XLSX exports and the audit log otherwise, where they are invisible, break the file or
// confuse the program that reads it. Every text schema refuses them with a message (printable); the exports strip
// what older rows may still hold (stripControlChars).

/** One character outside printable text; with the u flag a lone surrogate is one code point and matches. */
export const CONTROL_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CONTROL_CHARS = new RegExp(CONTROL_CHAR.source, "g");

export const hasControlChar = (s: string): boolean => CONTROL_CHAR.test(s);

/** The text without its control characters. */
export const stripControlChars = (s: string): string => s.replace(CONTROL_CHARS, "");

/** The message for a field holding a control character. */
export const controlCharMessage = (label: string): string =>
  `${label} memuat karakter kendali yang tidak dapat dicetak`;

/** A zod refine pair: `.refine(...printable("Nama"))` refuses a control character with the field's message. */
export const printable = (label: string) => [(s: string) => !hasControlChar(s), controlCharMessage(label)] as const;
