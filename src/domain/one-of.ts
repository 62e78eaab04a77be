// Narrowing a value from a URL, a form or a stored row to one of a closed list, without a cast.

/** True when `value` is one of `list`, so it may be used as that union. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return list.some((item) => item === value);
}
