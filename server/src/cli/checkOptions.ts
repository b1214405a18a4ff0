/** The options of `check`, for node:util's parseArgs: read by the command and by its launcher (relaunch.ts). */
export const CHECK_OPTIONS = {
  format: { type: 'string' },
  'policy-type': { type: 'string' },
  'fail-on': { type: 'string' },
  config: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
} as const;
