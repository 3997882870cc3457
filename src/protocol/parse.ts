/**
 * What every process-boundary protocol shares: parsing a received message with its schema into the
 * message or one line naming the field at fault, and the compile-time check that a schema describes
 * exactly the type the rest of the code uses.
 */
import type { z } from 'zod';
import { describeMalformed } from './malformed';

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, message: parsed.data }
    : { ok: false, error: describeMalformed(raw, parsed.error) };
}

/** True when A and B are the same type, keys included (an optional field on one side only fails both ways otherwise). */
export type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;
/** Fails the type-check unless its argument is `true`. */
export type Agrees<T extends true> = T;
