import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The corpus of real phone outputs the simulated phones answer from: `test/fixtures/android/`,
 * whose README says where each capture comes from. The simulator runs from the source tree
 * (tests, the demo, the bench), so the corpus is read in place.
 */
export const CORPUS_DIR = path.resolve(__dirname, '../../../../test/fixtures/android');

const cache = new Map<string, string>();

/** The text of one capture, e.g. `notification/a15-hyperos-xiaomi-cn-radiodroid.txt`. */
export function capture(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(path.join(CORPUS_DIR, file), 'utf8');
    cache.set(file, text);
  }
  return text;
}
