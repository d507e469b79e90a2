import type { CommandEnvelope } from '../../../shared/contract/bridge-types';
import { COMMANDS, isCommandName } from '../../../shared/contract/commands';
import type { BridgeHandlers } from './bridge-handlers';

/** A command the transport delivers: name and raw input, both untrusted. */
export type CommandDispatcher = (name: unknown, rawInput: unknown) => Promise<CommandEnvelope>;

interface IssueLike {
  path: PropertyKey[];
  message: string;
}

function issuesOf(issues: readonly IssueLike[]) {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * The transport-independent heart of the bridge: checks the name against the contract, parses
 * the input, runs the handler and parses the output (which also strips fields the window must
 * not see). Failures become error envelopes with a stable code; nothing throws to the transport.
 */
export function createCommandDispatcher(handlers: BridgeHandlers): CommandDispatcher {
  return async (name, rawInput) => {
    if (!isCommandName(name)) {
      return { ok: false, error: { code: 'BRIDGE_UNKNOWN_COMMAND', message: `No command ${String(name)}.` } };
    }
    const spec = COMMANDS[name];
    const input = spec.input.safeParse(rawInput ?? {});
    if (!input.success) {
      return {
        ok: false,
        error: {
          code: 'BRIDGE_INVALID_INPUT',
          message: `${name}: the input does not match the contract. Correct the fields listed.`,
          issues: issuesOf(input.error.issues),
        },
      };
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(input.data);
      const output = spec.output.safeParse(value);
      if (!output.success) {
        return {
          ok: false,
          error: {
            code: 'BRIDGE_INVALID_OUTPUT',
            message: `${name} produced an answer outside the contract; this is a station bug, please report it.`,
            issues: issuesOf(output.error.issues),
          },
        };
      }
      return { ok: true, value: output.data };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: typeof code === 'string' ? code : 'INTERNAL_ERROR', message } };
    }
  };
}
