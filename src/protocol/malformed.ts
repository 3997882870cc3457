/**
 * One line saying why a message failed its schema, naming the message's type and the first field at
 * fault: "'epoch' message, field epoch.train.rmse: expected number, received string".
 */
import type { z } from 'zod';

const typeOf = (raw: unknown): unknown =>
  typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;

export function describeMalformed(raw: unknown, error: z.ZodError): string {
  const issue = error.issues[0];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return `not a message object (received ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw})`;
  const type = typeOf(raw);
  if (!issue) return `'${String(type)}' message is malformed`;
  if (issue.code === 'invalid_union' && issue.path.length === 1 && issue.path[0] === 'type') {
    const known = 'options' in issue && Array.isArray(issue.options) ? ` (known: ${issue.options.join(', ')})` : '';
    return type === undefined
      ? `a message without a type${known}`
      : `unknown message type ${JSON.stringify(type)}${known}`;
  }
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0]].join('.');
    return `'${String(type)}' message, field ${field}: not a field of this message`;
  }
  const what = issue.message.replace(/^Invalid input: /, '');
  return path.length
    ? `'${String(type)}' message, field ${path.join('.')}: ${what}`
    : `'${String(type)}' message: ${what}`;
}
