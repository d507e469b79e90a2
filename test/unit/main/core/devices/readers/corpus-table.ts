import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The corpus of real phone outputs and its README, whose tables record each file's verdict. */
export const CORPUS_DIR = path.resolve(__dirname, '../../../../../fixtures/android');

export interface CorpusRow {
  /** `<dir>/<name>.txt`, relative to {@link CORPUS_DIR}. */
  file: string;
  dir: string;
  command: string;
  android: string;
  vendor: string;
  kind: string;
  source: string;
  expected: string;
}

const COLUMNS = ['file', 'command', 'android', 'vendor', 'kind', 'source', 'expected'] as const;

function cells(line: string): string[] {
  // Split on `|` that is not escaped (`\|` appears in grep pipelines in the command column).
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** Every table row of README.md whose first cell names a capture file. */
export function readCorpusTable(): CorpusRow[] {
  const text = readFileSync(path.join(CORPUS_DIR, 'README.md'), 'utf8');
  const rows: CorpusRow[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) continue;
    const c = cells(line);
    const file = c[0].replace(/`/g, '');
    if (!/^[\w-]+\/[\w.-]+\.txt$/.test(file)) continue;
    if (c.length !== COLUMNS.length) throw new Error(`README row with ${c.length} cells: ${line}`);
    const row = Object.fromEntries(COLUMNS.map((k, i) => [k, c[i]])) as unknown as CorpusRow;
    rows.push({ ...row, file, dir: file.split('/')[0], expected: c[6].replace(/`/g, '') });
  }
  return rows;
}

/** Every capture file on disk, as `<dir>/<name>.txt`. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .flatMap((d) => readdirSync(path.join(CORPUS_DIR, d.name)).map((f) => `${d.name}/${f}`))
    .sort();
}

export function readCapture(file: string): string {
  return readFileSync(path.join(CORPUS_DIR, file), 'utf8');
}
