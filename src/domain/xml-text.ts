// Which characters an XML 1.0 document can hold (the Char production). The DOCX parts are XML, so text outside it
// (C0 controls, U+FFFE/U+FFFF, lone surrogates) would make the letter unopenable; the schema refuses such text and
// the XML writers drop it. Tab, newline and carriage return are XML characters and stay.

/** One character outside XML 1.0's Char production; with the u flag a lone surrogate is one code point and matches. */
export const NON_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const NON_XML_CHARS = new RegExp(NON_XML_CHAR.source, "gu");

export const hasNonXmlChar = (s: string): boolean => NON_XML_CHAR.test(s);

/** The text without the characters XML cannot hold. */
export const stripNonXmlChars = (s: string): string => s.replace(NON_XML_CHARS, "");
