import { migration001Payments } from './001-payments';
import { migration002Orders } from './002-orders';
import { migration003CallbackOutbox } from './003-callback-outbox';
import { migration004SettingsSections } from './004-settings-sections';
import { migration005FleetOutbox } from './005-fleet-outbox';
import { migration006PrintJobs } from './006-print-jobs';
import type { Migration } from './migration-types';

/** In version order. Never edit a shipped migration: add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Payments,
  migration002Orders,
  migration003CallbackOutbox,
  migration004SettingsSections,
  migration005FleetOutbox,
  migration006PrintJobs,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
export type { Migration } from './migration-types';
