// The one-time password an admin reads out or hands over when creating an account or resetting one.
// Letters and digits that cannot be mistaken for each other (no 0/o, 1/l/i), in dash-separated groups so it
// can be dictated; 12 symbols of 31 are about 59 bits, ample for a password that must be replaced at first use.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const GROUPS = 3;
const GROUP_LENGTH = 4;

export function temporaryPassword(): string {
  const symbols: string[] = [];
  // Rejection sampling keeps every symbol equally likely (256 is not a multiple of 31).
  const limit = 256 - (256 % ALPHABET.length);
  while (symbols.length < GROUPS * GROUP_LENGTH) {
    for (const b of crypto.getRandomValues(new Uint8Array(GROUPS * GROUP_LENGTH * 2))) {
      if (b < limit && symbols.length < GROUPS * GROUP_LENGTH) symbols.push(ALPHABET[b % ALPHABET.length]!);
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) groups.push(symbols.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(""));
  return groups.join("-");
}
