import { modelFileName, type Stem } from '@autoalex/audio';

/** How an admin gets one stem's model: the export script, or published files and their manifest. */
export function howToGetModel(stem: Stem, dir = '<models folder>'): string {
  return (
    `Export it with \`python3 tools/export-htdemucs-onnx.py --out ${dir} --stems ${stem}\` (Python, PyTorch, demucs), ` +
    `or download published ONNX files with \`npm run remix -- --fetch-models --url <base URL of manifest.json> --stems ${stem}\` ` +
    '(SHA-256 checked). See the README, "Stem remixes".'
  );
}

/** The sentence for a missing or unusable model; `dir` only where it may be shown (the console). */
export function modelMissingMessage(stem: Stem, detail?: string, dir?: string): string {
  const what = detail ?? `${modelFileName(stem)} is not there`;
  return `stem separation is not set up for ${stem}: ${what}. ${howToGetModel(stem, dir)}`;
}
