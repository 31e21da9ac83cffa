// The meter's bounded lists (event log, top-up and debt-recovery logs, counter cache) are replaced,
// never changed in place, so a draft can share them with the state it came from (sections.ts cloneState).

/**
 * `list` with `entry` inserted at `at`, then the oldest (front) entries dropped beyond `limit`, as a
 * new array; `list` is untouched. An entry inserted at the front of a full list is itself dropped.
 */
export function insertCapped<T>(list: readonly T[], at: number, entry: T, limit: number): T[] {
  const over = Math.max(0, list.length + 1 - limit);
  if (over > at) return list.slice(over - 1);
  // One allocation of the final length (slice-then-push copies again to grow): every input that logs
  // or accepts a counter makes one of these.
  const next = new Array<T>(list.length + 1 - over);
  let k = 0;
  for (let j = over; j < at; j++) next[k++] = list[j]!;
  next[k++] = entry;
  for (let j = at; j < list.length; j++) next[k++] = list[j]!;
  return next;
}

/** `list` with `entry` appended and the oldest dropped beyond `limit`: a new array. */
export function pushCapped<T>(list: readonly T[], entry: T, limit: number): T[] {
  return insertCapped(list, list.length, entry, limit);
}
