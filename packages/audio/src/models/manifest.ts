import { join } from 'node:path';
import { z } from 'zod';
import { STEMS, type Stem } from '../stems.ts';

/** File name of a stem's model as the export script writes it. */
export function modelFileName(stem: Stem): string {
  return `htdemucs_ft.${stem}.onnx`;
}

/** Paths of the four models in `dir`, by the export script's names. */
export function modelPathsIn(dir: string): Record<Stem, string> {
  return Object.fromEntries(STEMS.map((s) => [s, join(dir, modelFileName(s))])) as Record<Stem, string>;
}

/** One sentence on where models come from, used by every "missing model" message. */
export const howToGetModels =
  'Get the htdemucs_ft ONNX models by downloading them (`npm run remix -- --fetch-models --url ' +
  '<folder with manifest.json>`, SHA-256 checked) or by exporting them yourself (Python + demucs: ' +
  '`python3 tools/export-htdemucs-onnx.py --out <dir>`); see the README, "Stem remixes".';

const fileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a plain file name (letters, digits, . _ -), no folders')
  .max(200);

export const manifestEntrySchema = z.object({
  stem: z.enum(STEMS),
  file: fileName,
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '64 hex digits')
    .transform((s) => s.toLowerCase()),
  bytes: z.number().int().positive().optional(),
});

/** manifest.json, written by tools/export-htdemucs-onnx.py beside the .onnx files. */
export const modelManifestSchema = z
  .object({
    model: z.string().default('htdemucs_ft'),
    opset: z.number().int().optional(),
    files: z.array(manifestEntrySchema).min(1),
  })
  .refine((m) => new Set(m.files.map((f) => f.stem)).size === m.files.length, 'one file per stem');

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/** Parses a manifest, listing every problem in one error. */
export function parseManifest(value: unknown): ModelManifest {
  const parsed = modelManifestSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`);
    throw new Error(`invalid model manifest: ${problems.join('; ')}`);
  }
  return parsed.data;
}
