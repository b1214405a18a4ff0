/**
 * A long load written once and run two ways. A loader that may take a second on a large export
 * is a generator that yields between small units of work (one entry of an export, one entity
 * of the model); it yields nothing else. The CLI and tests run it to the end at once
 * (`runToEnd`); the language server runs the same generator a slice at a time and lets the event
 * loop answer keystrokes in between (accountService.ts). Timers stay out of account/: deciding
 * when to pause is the caller's business.
 */
export type LoadSteps<T> = Generator<void, T, void>;

/** Runs the steps without pausing and returns their result. */
export function runToEnd<T>(steps: LoadSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
