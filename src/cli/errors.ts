/**
 * Every mistake a user can make ends as one line on stderr and exit code 1; only a bug in
 * NCF Studio itself shows a stack trace (set NCF_DEBUG=1 to see one for any error).
 */
import { isUserError } from '../core/userErrors';

export function reportError(e: unknown): never {
  if (process.env.NCF_DEBUG) console.error(e);
  else if (isUserError(e)) console.error(`ncf: ${e.message}`);
  else
    console.error(
      `ncf: internal error: ${e instanceof Error ? e.message : String(e)} (NCF_DEBUG=1 shows the stack trace)`,
    );
  process.exit(1);
}
