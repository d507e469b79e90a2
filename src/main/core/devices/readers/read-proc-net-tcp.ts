import type { Reading } from './reading';
import { notUnderstood, outputLines, understood } from './reading';

export interface ListeningPorts {
  /** Ports with a socket in state 0A (TCP_LISTEN), ascending. */
  ports: number[];
  /** The tables that were read; a port missing from an unread table proves nothing. */
  tables: Array<'tcp' | 'tcp6'>;
}

// The kernel's headers (net/ipv4/tcp_ipv4.c and net/ipv6/tcp_ipv6.c, `tcp4_seq_show` /
// `tcp6_seq_show`): tcp says `rem_address`, tcp6 `remote_address`. Rows are
// `"%4d: %08X:%04X %08X:%04X %02X …"` (tcp6: 32 hex digits per address). Corpus:
// `test/fixtures/android/proc-net-tcp/`.
const TCP_HEADER = /^\s*sl\s+local_address\s+rem_address\s+st\b/;
const TCP6_HEADER = /^\s*sl\s+local_address\s+remote_address\s+st\b/;
const ROW =
  /^\s*\d+: ([0-9A-F]{8}|[0-9A-F]{32}):([0-9A-F]{4}) ([0-9A-F]{8}|[0-9A-F]{32}):([0-9A-F]{4}) ([0-9A-F]{2}) /i;
const TCP_LISTEN = '0A';

/** `cat /proc/net/tcp /proc/net/tcp6`: which ports something listens on. */
export function readListeningPorts(output: string): Reading<ListeningPorts> {
  const tables: Array<'tcp' | 'tcp6'> = [];
  const ports = new Set<number>();
  const evidence: string[] = [];
  let inTable = false;
  for (const line of outputLines(output)) {
    if (line.trim() === '') continue;
    if (TCP_HEADER.test(line) || TCP6_HEADER.test(line)) {
      tables.push(TCP6_HEADER.test(line) ? 'tcp6' : 'tcp');
      inTable = true;
      continue;
    }
    const row = ROW.exec(line);
    if (row && inTable) {
      if (row[5].toUpperCase() === TCP_LISTEN) {
        ports.add(parseInt(row[2], 16));
        evidence.push(line);
      }
      continue;
    }
    // `cat: /proc/net/tcp6: Permission denied` and the like: that table is simply unread.
    if (/^cat: /.test(line)) {
      evidence.push(line);
      inTable = false;
      continue;
    }
    return notUnderstood(`unexpected line: ${line.slice(0, 120)}`);
  }
  if (tables.length === 0) return notUnderstood(evidence[0] ?? 'no /proc/net/tcp table in the output');
  return understood({ ports: [...ports].sort((a, b) => a - b), tables }, evidence);
}
