/**
 * Imported first by main.tsx. The page's Content-Security-Policy forbids eval; zod would probe for
 * it (a CSP violation report) on its first parse — and the spec schema parses at import time.
 */
import { z } from 'zod';

z.config({ jitless: true });
