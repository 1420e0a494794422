import { formatLogLine, formatPrefix, prefixLines } from './log-format.ts';
import type { SupervisorEvent } from './supervisor.ts';

export const STACK = 'autoalex';

export interface Printer {
  /** A line from `source` (a service's pino JSON or plain text). */
  line(source: string, text: string): void;
  /** A message of the stack itself about `source`. */
  note(source: string, text: string): void;
  event(event: SupervisorEvent): void;
}

export interface PrinterOptions {
  /** Every name that may appear, in a fixed order (it picks the colours and the padding). */
  names: readonly string[];
  color: boolean;
  write(text: string): void;
}

export function createPrinter(options: PrinterOptions): Printer {
  const width = Math.max(...options.names.map((name) => name.length));
  const prefixes = new Map<string, string>();
  const prefix = (name: string) => {
    let known = prefixes.get(name);
    if (known === undefined) {
      const index = options.names.indexOf(name);
      known = formatPrefix(name, index < 0 ? prefixes.size : index, width, options.color);
      prefixes.set(name, known);
    }
    return known;
  };
  const line = (source: string, text: string) =>
    options.write(`${prefixLines(prefix(source), formatLogLine(text, { color: options.color, source }))}\n`);
  const note = (source: string, text: string) => options.write(`${prefixLines(prefix(source), text)}\n`);
  return {
    line,
    note,
    event(event) {
      if (event.type === 'output') line(event.name, event.line);
      else note(event.name, describeEvent(event));
    },
  };
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function exitText(code: number | null, signal: string | null): string {
  if (signal) return `was killed by ${signal}`;
  return `exited with code ${code ?? 'unknown'}`;
}

export function describeEvent(event: Exclude<SupervisorEvent, { type: 'output' }>): string {
  switch (event.type) {
    case 'started':
      return `started (pid ${event.pid ?? '?'})`;
    case 'exited':
      return `${exitText(event.code, event.signal)} after ${seconds(event.ranMs)}`;
    case 'restarting':
      return `restarting in ${seconds(event.delayMs)} (${event.crashes} in a row)`;
    case 'config-error':
      return 'its configuration is wrong (see above); not restarting it. Fix it and run npm start again; the rest keeps running.';
    case 'stopped':
      return event.signal === 'SIGKILL' ? 'killed (did not stop in time)' : 'stopped';
  }
}
