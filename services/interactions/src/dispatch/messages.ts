import type { CommandName } from '@autoalex/discord';

// What users read when the dispatcher cannot go on: bad options, an expired component, a rate
// limit, an unknown command, a fault. Always ephemeral. Each feature keeps its own texts.

export function invalidOptions(command: string, errors: readonly string[]): string {
  if (errors.length === 1) return `/${command}: ${errors[0]}.`;
  return [`/${command} did not work:`, ...errors.map((e) => `• ${e}`)].join('\n');
}

export function expired(noun: 'button' | 'menu' | 'form', command: CommandName | undefined): string {
  return `This ${noun} has expired — run ${command === undefined ? 'the command' : `/${command}`} again.`;
}

export function rateLimited(scope: 'user' | 'guild', retryAfterSeconds: number): string {
  const wait = `wait ${retryAfterSeconds} s and try again`;
  return scope === 'user'
    ? `You are going a little fast — ${wait}.`
    : `This server is sending a lot of commands right now — ${wait}.`;
}

export function unknownCommand(name: string | undefined): string {
  const shown = name ? `/${name}` : 'this command';
  return `Autoalex does not know ${shown}. The registered commands may be out of date: an admin can run \`bin/alex deploy-commands\`.`;
}

export function fault(correlationId: string): string {
  return `Something went wrong on our side — try again in a minute. (reference ${correlationId.slice(0, 8)})`;
}

export function restarted(correlationId: string): string {
  return `Autoalex restarted while answering this — please try again. (reference ${correlationId.slice(0, 8)})`;
}
