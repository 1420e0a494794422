import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeDemucsModel } from '@autoalex/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, decodeToFloats, ffprobe, makeTone, rms, writeModels } from './helpers.ts';

// `npm run remix -- …` as a user runs it: the real process, real FFmpeg and ONNX Runtime.

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
let dir: string;
let server: Server;
const published: Record<string, Buffer> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remix-cli-'));
  await mkdir(join(dir, 'models'));
  await writeModels(join(dir, 'models'), [0.5, 0.5]);
  makeTone(join(dir, 'in.wav'), { seconds: 5 });
  const model = Buffer.from(
    fakeDemucsModel({
      waveGain: [
        [0, 0],
        [0, 0],
        [0, 0],
        [1, 1],
      ],
    }),
  );
  published['htdemucs_ft.vocals.onnx'] = model;
  published['manifest.json'] = Buffer.from(
    JSON.stringify({
      model: 'htdemucs_ft',
      files: [
        {
          stem: 'vocals',
          file: 'htdemucs_ft.vocals.onnx',
          sha256: createHash('sha256').update(model).digest('hex'),
          bytes: model.length,
        },
      ],
    }),
  );
  published['bad/manifest.json'] = Buffer.from(
    JSON.stringify({ files: [{ stem: 'vocals', file: 'htdemucs_ft.vocals.onnx', sha256: '0'.repeat(64) }] }),
  );
  published['bad/htdemucs_ft.vocals.onnx'] = model;
  server = createServer((req, res) => {
    const body = published[decodeURIComponent((req.url ?? '/').slice(1))];
    if (!body) res.writeHead(404).end();
    else res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function remix(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data'), DEMUCS_MODEL_DIR: join(dir, 'models'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('npm run remix', { timeout: 60_000 }, () => {
  it('remixes a local file: `in.wav --stem vocals --db -60 -o out.mp3`', async () => {
    const run = await remix(['in.wav', '--stem', 'vocals', '--db', '-60', '-o', 'out.mp3', '--title', 'Blue in Green']);
    expect(run.stderr).toContain('separating the vocals: 100 %');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/out\.mp3: Blue in Green \(vocals -60 dB\), 5\.0 s, MP3 320 kbit\/s/);
    const probe = ffprobe(join(dir, 'out.mp3'));
    expect(Math.abs(Number(probe.format.duration) - 5)).toBeLessThan(0.1);
    const cut = db(
      rms(decodeToFloats(join(dir, 'out.mp3')), 0, 1, 4) / rms(decodeToFloats(join(dir, 'in.wav')), 0, 1, 4),
    );
    expect(Math.abs(cut - db(1 + (10 ** -3 - 1) * 0.5))).toBeLessThan(0.05);
  });

  it('names the default output after the input and the preset, and reuses stems with --cache', async () => {
    const first = await remix(['in.wav', '--preset', 'drumless', '--cache']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('in (drumless).mp3');
    const again = await remix(['in.wav', '--stem', 'drums', '--db', '-20', '-o', 'again.mp3', '--cache']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(stem from the cache)');
    expect(again.stderr).not.toContain('separating');
  });

  it('says how to get a missing model, and exits 1', async () => {
    const run = await remix(['in.wav', '--preset', 'karaoke'], { DEMUCS_MODEL_DIR: join(dir, 'nowhere') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('stem separation is not set up for vocals');
    expect(run.stderr).toContain(`python3 tools/export-htdemucs-onnx.py --out ${join(dir, 'nowhere')} --stems vocals`);
    expect(run.stderr).toContain('npm run remix -- --fetch-models --url');
  });

  it('explains bad input and bad usage', async () => {
    await writeFile(join(dir, 'notes.txt'), 'just words\n'.repeat(100));
    const bad = await remix(['notes.txt', '--stem', 'bass', '--boost']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^remix: this is not an audio file I can read/m);
    const usage = await remix(['in.wav', '--stem', 'bass', '--db', '30']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('remix: a boost must be between +0.5 and +12 dB, not +30 dB');
    expect(usage.stderr).toContain('npm run remix -- <input audio>');
    const missing = await remix(['absent.flac', '--preset', 'karaoke']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });

  it('fetches published models with their checksum, and refuses a wrong one', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const target = join(dir, 'fetched');
    const ok = await remix(['--fetch-models', '--url', base, '--models', target]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('vocals: downloaded, checksum ok');
    expect(
      (await readFile(join(target, 'htdemucs_ft.vocals.onnx'))).equals(published['htdemucs_ft.vocals.onnx']!),
    ).toBe(true);
    const status = await remix(['--models-status', '--models', target]);
    expect(status.stdout).toMatch(/^vocals\s+ok/m);
    expect(status.stdout).toMatch(/^drums\s+missing/m);
    expect(status.code).toBe(1);

    const bad = await remix(['--fetch-models', '--url', `${base}/bad`, '--models', join(dir, 'bad')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('SHA-256 mismatch for htdemucs_ft.vocals.onnx');
  });
});
