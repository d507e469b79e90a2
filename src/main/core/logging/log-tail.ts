import fs from 'node:fs';

export interface LogTail {
  /** The last lines, oldest first. */
  lines: string[];
  /** True when older lines exist that were left out. */
  truncated: boolean;
  /** The file read, or null when there is no log yet. */
  file: string | null;
}

/**
 * The last `maxLines` lines of the log, reading at most `maxBytes` from the end of the current
 * file and, when that is not enough, of the file rotated before it. Reads from the end so that
 * the viewer stays fast whatever the file size.
 * @param maxLines @default 200
 * @param maxBytes @default 262_144
 */
export function readLogTail(file: string, maxLines = 200, maxBytes = 262_144): LogTail {
  const read = (f: string, budget: number): { text: string; cut: boolean } | null => {
    let fd: number;
    try {
      fd = fs.openSync(f, 'r');
    } catch {
      return null;
    }
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, budget);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      return { text: buffer.toString('utf8'), cut: length < size };
    } finally {
      fs.closeSync(fd);
    }
  };

  const current = read(file, maxBytes);
  if (!current) return { lines: [], truncated: false, file: null };
  let lines = splitLines(current.text, current.cut);
  let truncated = current.cut;
  if (!current.cut && lines.length < maxLines) {
    const previous = read(`${file}.1`, maxBytes - Buffer.byteLength(current.text));
    if (previous) {
      lines = [...splitLines(previous.text, previous.cut), ...lines];
      truncated = previous.cut;
    }
  }
  if (lines.length > maxLines) {
    lines = lines.slice(lines.length - maxLines);
    truncated = true;
  }
  return { lines, truncated, file };
}

/** Lines of a chunk; when the chunk starts mid-file its first (partial) line is dropped. */
function splitLines(text: string, startsMidFile: boolean): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (startsMidFile) lines.shift();
  return lines;
}
