import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSeparator, type SeparationError, type Separator } from '../src/index.ts';
import { writeFakeDemucsModel } from '../src/testing/index.ts';
import { canListProcesses, processesWithEnv, separatorProcessesOf } from './helpers/processes.ts';
import { tones } from './helpers/reference.ts';

// The separator's teardown (ADR 0227). ONNX Runtime aborts the whole process ("terminate called
// after throwing an instance of 'Napi::Error'") when the thread it runs on is stopped in the middle
// of one of its calls. With the separator in a worker thread, each close() or process exit during a
// separation was such a stop: these cases took the test runner's process down in most runs
// (measured in the ADR). They pass only if no teardown ever cuts an ONNX Runtime call short in this
// process, and every separator process leaves once its sessions are released.

let dir: string;
let model: string;
const open: Separator[] = [];
const codeOf = (err: unknown) => (err as SeparationError).code;
const clip = (seconds: number) => ({ sampleRate: 44_100, channels: [tones(44_100 * seconds, [[0.5, 0.05, 0]])] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const endWithSeparator = fileURLToPath(new URL('./helpers/end-with-separator.ts', import.meta.url));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'autoalex-separator-lifecycle-'));
  model = join(dir, 'drums.onnx');
  await writeFakeDemucsModel(model, { specGain: [[1, 1]], waveGain: [[0.5, 0.5]] });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function separator(): Separator {
  const s = createSeparator({ modelPaths: { drums: model }, shifts: 0, threads: 1 });
  open.push(s);
  return s;
}

/** Resolves at the first progress past `done` segments, then `delay` ms later. */
function progressed(done: number, delay: number) {
  let reached: () => void = () => {};
  const at = new Promise<void>((resolve) => {
    reached = resolve;
  });
  return {
    onProgress: (p: { done: number }) => {
      if (p.done >= done) reached();
    },
    reached: at.then(() => sleep(delay)),
  };
}

describe('separator lifecycle: teardown never cuts an ONNX Runtime call short', { timeout: 180_000 }, () => {
  it('close() in the middle of a separation, again and again: CLOSED, and the process is gone', async () => {
    for (let round = 0; round < 5; round++) {
      const s = separator();
      // Spread the close over a segment: in a model call, between calls, converting the outputs.
      const when = progressed(1, (round * 97) % 400);
      const outcome = s.separate(clip(60), { stems: ['drums'], onProgress: when.onProgress }).then(
        () => 'finished before close()',
        (err: SeparationError) => `${err.code}: ${err.message}`,
      );
      await when.reached;
      const t = performance.now();
      await s.close();
      expect(performance.now() - t, 'close() waits at most the grace period, then kills').toBeLessThan(6000);
      expect(await outcome).toBe('CLOSED: the separator was closed during the separation');
      if (canListProcesses) expect(separatorProcessesOf(process.pid)).toEqual([]);
    }
  });

  it.each([
    ['exits mid-separation', 'exit', 3],
    ['is left with an idle separator', 'idle', 1],
  ] as const)(
    'a process that %s without close() ends cleanly, and its separator process follows',
    async (_, mode, rounds) => {
      for (let round = 0; round < rounds; round++) {
        const marker = randomUUID();
        const run = spawn(process.execPath, [endWithSeparator, model, mode, String(round * 60)], {
          env: { ...process.env, AUTOALEX_SEPARATOR_TEST: marker },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        run.stderr.on('data', (b: Buffer) => {
          stderr += b.toString();
        });
        const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
          run.once('exit', (c, s) => resolve([c, s])),
        );
        expect(stderr).not.toContain('terminate called');
        expect({ code, signal }).toEqual({ code: 0, signal: null });
        if (!canListProcesses) continue;
        // Left alone, the separator process finishes its segment, releases its session and exits.
        for (let waited = 0; processesWithEnv(marker).length > 0; waited += 100) {
          if (waited > 20_000) throw new Error(`separator process still running: ${processesWithEnv(marker)}`);
          await sleep(100);
        }
      }
    },
  );

  it.runIf(canListProcesses)(
    'a separator process that dies fails its separation (WORKER_FAILED, saying how) and the next one runs',
    async () => {
      const s = separator();
      const when = progressed(1, 0);
      const run = s.separate(clip(30), { stems: ['drums'], onProgress: when.onProgress });
      await when.reached;
      const [pid] = separatorProcessesOf(process.pid);
      expect(pid).toBeDefined();
      process.kill(pid!, 'SIGKILL');
      await expect(run).rejects.toThrow(/the separator process was killed by SIGKILL/);
      await run.catch((err) => expect(codeOf(err)).toBe('WORKER_FAILED'));
      const next = await s.separate(clip(2), { stems: ['drums'] });
      expect(next.stems.drums![0]).toHaveLength(88_200);
      expect(separatorProcessesOf(process.pid)).not.toContain(pid);
    },
  );

  it('close() is idempotent and leaves nothing behind', async () => {
    const s = separator();
    await s.separate(clip(2), { stems: ['drums'] });
    await Promise.all([s.close(), s.close()]);
    await s.close();
    if (canListProcesses) expect(separatorProcessesOf(process.pid)).toEqual([]);
    await expect(s.separate(clip(2), { stems: ['drums'] })).rejects.toThrow(/closed/);
  });
});
