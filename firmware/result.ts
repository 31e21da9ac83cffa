// The firmware's one shape for input it cannot take: a Result, its failure a literal code and a
// message for people. (A rule that refuses a well-formed input answers with its own literal code
// instead, in the input's outcome: that is a decision of the meter, not a malformed input.)
export type Result<T, C extends string> = { ok: true; value: T } | { ok: false; code: C; message: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const failure = <C extends string>(code: C, message: string): { ok: false; code: C; message: string } => ({ ok: false, code, message });
