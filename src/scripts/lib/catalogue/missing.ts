/**
 * The wanted items that `present` has no match for, in their wanted order:
 * what an ensure step still has to create. Items match when their keys are
 * equal (SameValueZero, as a Set compares); `presentKey` reads the key of a
 * present record when it differs from the wanted item's (an id against a
 * link's foreign key).
 */
export function missing<W, P>(wanted: readonly W[], present: readonly P[], key: (item: W | P) => unknown): W[]
export function missing<W, P>(
  wanted: readonly W[],
  present: readonly P[],
  key: (item: W) => unknown,
  presentKey: (item: P) => unknown
): W[]
export function missing<W, P>(
  wanted: readonly W[],
  present: readonly P[],
  key: (item: W | P) => unknown,
  presentKey: (item: P) => unknown = key
): W[] {
  const presentKeys = new Set(present.map(presentKey))
  return wanted.filter((item) => !presentKeys.has(key(item)))
}
