// Run by separator-lifecycle.test.ts as a process of its own, which ends without closing its
// separator, as a service past its shutdown deadline or a test runner's worker does:
//   node end-with-separator.ts <model.onnx> exit <ms>  process.exit(0) <ms> after the first progress
//   node end-with-separator.ts <model.onnx> idle       one separation, then nothing left to do
// Exit code 3: the case did not happen (the separation ended first); 4: it failed.
import { createSeparator } from '../../src/index.ts';

const [model, mode, delay] = process.argv.slice(2);
if (!model || (mode !== 'exit' && mode !== 'idle'))
  throw new Error('usage: end-with-separator.ts <model> exit|idle [ms]');
const separator = createSeparator({ modelPaths: { drums: model }, shifts: 0, threads: 1 });
const seconds = mode === 'exit' ? 60 : 2;
const channel = Float32Array.from({ length: 44_100 * seconds }, (_, i) => 0.5 * Math.sin(i * 0.05));
let exiting = false;
separator
  .separate(
    { sampleRate: 44_100, channels: [channel] },
    {
      stems: ['drums'],
      onProgress: (p) => {
        if (mode !== 'exit' || p.done < 1 || exiting) return;
        exiting = true;
        setTimeout(() => process.exit(0), Number(delay));
      },
    },
  )
  .then(
    () => {
      if (mode === 'exit') process.exit(3);
    },
    (err) => {
      console.error(err);
      process.exit(4);
    },
  );
