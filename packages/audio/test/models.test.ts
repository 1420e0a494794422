import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeServer, startFakeServer } from '@autoalex/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchModels, type ModelFetchError, modelFileName, modelStatus, parseManifest } from '../src/index.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const files = {
  'htdemucs_ft.vocals.onnx': Buffer.alloc(300_000, 7),
  'htdemucs_ft.drums.onnx': Buffer.from('drums model bytes'),
};
const manifest = {
  model: 'htdemucs_ft',
  files: [
    { stem: 'vocals', file: 'htdemucs_ft.vocals.onnx', sha256: sha(files['htdemucs_ft.vocals.onnx']), bytes: 300_000 },
    { stem: 'drums', file: 'htdemucs_ft.drums.onnx', sha256: sha(files['htdemucs_ft.drums.onnx']) },
  ],
};

let dir: string;
let server: FakeServer;
/** What the fake publisher serves instead of the real bytes, per path. */
let tamper: Record<string, { status?: number; body?: Buffer }> = {};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'autoalex-models-'));
  tamper = {};
  server = await startFakeServer((req, res) => {
    const name = req.path.replace(/^\/models\//, '');
    const t = tamper[name];
    const body = t?.body ?? files[name as keyof typeof files];
    if (t?.status || !body) {
      res.statusCode = t?.status ?? 404;
      res.end('not here');
      return;
    }
    res.setHeader('content-type', 'application/octet-stream');
    // Two writes, so the client really streams.
    res.write(body.subarray(0, body.length >> 1));
    setImmediate(() => res.end(body.subarray(body.length >> 1)));
  });
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const leftovers = async () => (await readdir(dir)).filter((f) => f.endsWith('.part'));

describe('fetchModels', () => {
  it('downloads, verifies and renames into place; a second run keeps the verified files', async () => {
    const progress: number[] = [];
    const first = await fetchModels({
      baseUrl: `${server.url}/models`,
      dir,
      manifest,
      onProgress: (p) => p.stem === 'vocals' && progress.push(p.bytes),
    });
    expect(first.downloaded).toEqual(['vocals', 'drums']);
    expect(first.paths.vocals).toBe(join(dir, 'htdemucs_ft.vocals.onnx'));
    expect(await readFile(join(dir, 'htdemucs_ft.vocals.onnx'))).toEqual(files['htdemucs_ft.vocals.onnx']);
    expect(progress.at(-1)).toBe(300_000);
    expect(await leftovers()).toEqual([]);
    const requests = server.requests.length;
    const second = await fetchModels({ baseUrl: `${server.url}/models/`, dir, manifest });
    expect(second).toMatchObject({ downloaded: [], present: ['vocals', 'drums'] });
    expect(server.requests.length).toBe(requests);
  });

  it('fetches only the stems asked for, and says when the manifest lacks one', async () => {
    const out = await fetchModels({ baseUrl: `${server.url}/models`, dir, manifest, stems: ['drums'] });
    expect(out.downloaded).toEqual(['drums']);
    expect(server.requests.map((r) => r.path)).toEqual(['/models/htdemucs_ft.drums.onnx']);
    await expect(fetchModels({ baseUrl: server.url, dir, manifest, stems: ['bass'] })).rejects.toThrow(
      /no file for stem\(s\) bass/,
    );
  });

  it('discards a download whose SHA-256 does not match, with a clear error', async () => {
    tamper['htdemucs_ft.drums.onnx'] = { body: Buffer.from('tampered bytes!!!') };
    const run = fetchModels({ baseUrl: `${server.url}/models`, dir, manifest, stems: ['drums'] });
    await expect(run).rejects.toThrow(
      new RegExp(
        `SHA-256 mismatch for htdemucs_ft.drums.onnx .*expected ${manifest.files[1]!.sha256}, got ${sha(Buffer.from('tampered bytes!!!'))}`,
      ),
    );
    await run.catch((err) => expect((err as ModelFetchError).code).toBe('CHECKSUM'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('replaces a corrupt local file instead of trusting it', async () => {
    await writeFile(join(dir, 'htdemucs_ft.drums.onnx'), 'corrupt');
    const out = await fetchModels({ baseUrl: `${server.url}/models`, dir, manifest, stems: ['drums'] });
    expect(out.downloaded).toEqual(['drums']);
    expect(await readFile(join(dir, 'htdemucs_ft.drums.onnx'))).toEqual(files['htdemucs_ft.drums.onnx']);
  });

  it('stops a body larger than the manifest says, and one that is shorter', async () => {
    tamper['htdemucs_ft.vocals.onnx'] = { body: Buffer.alloc(400_000, 7) };
    const big = fetchModels({ baseUrl: `${server.url}/models`, dir, manifest, stems: ['vocals'] });
    await expect(big).rejects.toThrow(/larger than the 300000 bytes/);
    tamper['htdemucs_ft.vocals.onnx'] = { body: Buffer.alloc(1000, 7) };
    const small = fetchModels({ baseUrl: `${server.url}/models`, dir, manifest, stems: ['vocals'] });
    await expect(small).rejects.toThrow(/is 1000 bytes; the manifest says 300000/);
    await small.catch((err) => expect((err as ModelFetchError).code).toBe('SIZE'));
    expect(await leftovers()).toEqual([]);
  });

  it('reports HTTP errors and unreachable hosts with the URL', async () => {
    tamper['htdemucs_ft.drums.onnx'] = { status: 503 };
    const run = fetchModels({ baseUrl: `${server.url}/models`, dir, manifest, stems: ['drums'] });
    await expect(run).rejects.toThrow(`GET ${server.url}/models/htdemucs_ft.drums.onnx answered 503`);
    await run.catch((err) => expect((err as ModelFetchError).code).toBe('HTTP'));
    const down = await startFakeServer(() => {});
    await down.close();
    const unreachable = fetchModels({ baseUrl: down.url, dir, manifest, stems: ['drums'] });
    await expect(unreachable).rejects.toThrow(/could not fetch http:\/\/127\.0\.0\.1/);
  });

  it('rejects a manifest that could write outside the folder or lacks hashes', () => {
    expect(() =>
      parseManifest({ files: [{ stem: 'bass', file: '../../etc/passwd', sha256: 'a'.repeat(64) }] }),
    ).toThrow(/files\.0\.file: a plain file name/);
    expect(() => parseManifest({ files: [{ stem: 'bass', file: 'x.onnx', sha256: 'abc' }] })).toThrow(
      /files\.0\.sha256: 64 hex digits/,
    );
    expect(() => parseManifest({ files: [{ stem: 'guitar', file: 'x.onnx', sha256: 'a'.repeat(64) }] })).toThrow(
      /files\.0\.stem/,
    );
  });

  it('can be aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fetchModels({ baseUrl: server.url, dir, manifest, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('modelStatus', () => {
  it('says plainly that nothing is there and how to get the models', async () => {
    const status = await modelStatus(dir);
    expect(status.available).toEqual([]);
    expect(status.missing).toEqual(['drums', 'bass', 'other', 'vocals']);
    expect(status.summary).toContain(`No stem models are available in ${dir}`);
    expect(status.summary).toContain('tools/export-htdemucs-onnx.py');
    expect(status.summary).toContain('npm run remix -- --fetch-models --url');
    expect(status.stems.bass.path).toBe(join(dir, modelFileName('bass')));
  });

  it('lists what is available and what is missing, and checks sizes and hashes against a manifest', async () => {
    await fetchModels({ baseUrl: `${server.url}/models`, dir, manifest });
    const status = await modelStatus(dir);
    expect(status.available).toEqual(['drums', 'vocals']);
    expect(status.summary).toMatch(/^Stems available: drums, vocals\. Missing: bass \(no .*htdemucs_ft\.bass\.onnx\)/);
    await writeFile(join(dir, 'htdemucs_ft.drums.onnx'), 'drums model byteX'); // same size, other bytes
    const verified = await modelStatus(dir, { manifest, verify: true });
    expect(verified.available).toEqual(['vocals']);
    expect(verified.stems.drums).toMatchObject({
      available: false,
      problem: 'its SHA-256 does not match the manifest',
    });
    await writeFile(join(dir, 'htdemucs_ft.vocals.onnx'), 'short');
    const sized = await modelStatus(dir, { manifest });
    expect(sized.stems.vocals.problem).toBe('the file is 5 bytes; the manifest says 300000');
  });
});
