/** The demo's terminal output: one line per thing that happened, with the time since start. */
export interface DemoLog {
  line(tag: string, text: string): void;
  /** A line without time or tag (headings, the watch list). */
  plain(text: string): void;
}

export function createDemoLog(write: (text: string) => void = (t) => process.stdout.write(t)): DemoLog {
  const start = Date.now();
  const stamp = () => {
    const s = Math.floor((Date.now() - start) / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  return {
    line: (tag, text) => write(`[${stamp()}] ${tag.padEnd(9)} ${text}\n`),
    plain: (text) => write(`${text}\n`),
  };
}
