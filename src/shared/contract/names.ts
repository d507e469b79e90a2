/**
 * The contract's names without its schemas. The sandboxed preload can only load what is bundled
 * into it, so it checks names against these lists and never pulls zod in. `commands.ts` and
 * `events.ts` fail to compile if their keys and these lists ever differ.
 */
export const COMMAND_NAME_LIST = [
  'orders:list',
  'orders:accept',
  'orders:done',
  'orders:cancel',
  'payments:list',
  'payments:resolve',
  'payments:cancel',
  'devices:list',
  'devices:restartApp',
  'devices:testLaunch',
  'devices:diagnostics',
  'devices:care',
  'history:query',
  'history:exportCsv',
  'stats:today',
  'settings:get',
  'settings:update',
  'settings:revealSecret',
  'settings:regenerateCredentials',
  'status:get',
  'logs:tail',
  'callbacks:list',
  'callbacks:resend',
  'fleet:view',
  'updates:get',
  'updates:installNow',
  'printing:reprint',
  'printing:testPage',
] as const;

export const EVENT_NAME_LIST = [
  'order:new',
  'order:rush',
  'order:updated',
  'payment:updated',
  'device:changed',
  'device:removed',
  'adb:status',
  'status:changed',
  'settings:changed',
  'voice:mute',
  'updates:changed',
  'printer:trouble',
] as const;

export type CommandName = (typeof COMMAND_NAME_LIST)[number];
export type EventName = (typeof EVENT_NAME_LIST)[number];

const commandSet: ReadonlySet<string> = new Set(COMMAND_NAME_LIST);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAME_LIST);

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && commandSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}
