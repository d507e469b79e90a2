/** One refused value: its dotted path (`payments.settleMs`, `notificationRules.amountPatterns.2`). */
export interface SettingsIssue {
  path: string;
  message: string;
}

function listed(issues: SettingsIssue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
}

/**
 * A change the settings refused; nothing of it was saved. The window shows each issue on its
 * field, so `issues` is part of the contract (`settings:update` answers with them).
 */
export class InvalidSettingsError extends Error {
  readonly code = 'INVALID_SETTINGS';
  constructor(readonly issues: SettingsIssue[]) {
    super(`Settings not saved: ${listed(issues)}. Correct these values and save again.`);
    this.name = 'InvalidSettingsError';
  }
}

/** Settings given on the command line (or to `createCore`) that the schema refuses. */
export class InvalidSettingsOverridesError extends Error {
  readonly code = 'INVALID_SETTINGS_OVERRIDES';
  constructor(readonly issues: SettingsIssue[]) {
    super(
      `The station cannot start with these settings: ${listed(issues)}. ` +
        'Correct the command-line flags (see --help) and start again.',
    );
    this.name = 'InvalidSettingsOverridesError';
  }
}
