/** A question a saved run cannot answer (no such folder, an id it never saw): one line for the user, never a stack trace. */
export class RunError extends Error {}
