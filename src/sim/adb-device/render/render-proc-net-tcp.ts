const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/**
 * A LISTEN row of /proc/net/tcp6 for a socket bound to `::` (what Java's `new ServerSocket(port)`
 * binds on Android), printed as the kernel's get_tcp6_sock does:
 * `"%4d: %08X%08X%08X%08X:%04X %08X%08X%08X%08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %pK %lu %lu %u %u %d"`
 * with the values of the LISTEN row in the corpus's Android 14 capture (queues 0, no timer,
 * `%pK` printed as zeros to the shell, `100 0 0 10 0`).
 */
function tcp6ListenRow(slot: number, port: number, uid: number, inode: number): string {
  const any = '0'.repeat(32);
  return (
    `${String(slot).padStart(4)}: ${any}:${hex(port, 4)} ${any}:0000 0A 00000000:00000000 00:00000000 00000000 ` +
    `${String(uid).padStart(5)} ${String(0).padStart(8)} ${inode} 1 0000000000000000 100 0 0 10 0`
  );
}

/**
 * Puts back the spaces the corpus's copies lost on their way through web pages: the kernel
 * starts the header with two spaces and prints the slot `%4d:`, and pads every /proc/net/tcp
 * line, header included, to 149 characters (`seq_setwidth(seq, TMPSZ - 1)` then
 * `seq_pad(seq, '\n')` in tcp4_seq_show, TMPSZ 150; tcp6 is not padded).
 */
function asKernelPrints(text: string, pad: boolean): string {
  return text
    .split('\n')
    .map((l) => {
      if (l === '') return l;
      const line = /^\s*sl\s/.test(l)
        ? `  ${l.trimStart()}`
        : l.replace(/^\s*(\d+):/, (_, n: string) => `${n.padStart(4)}:`);
      return pad ? line.padEnd(149) : line;
    })
    .join('\n');
}

export interface TcpListener {
  port: number;
  uid: number;
  inode: number;
}

/**
 * `cat /proc/net/tcp /proc/net/tcp6` of a profile: both captured tables, one after the other as
 * `cat` prints them, with our app's listening socket added to tcp6 after the captured rows.
 */
export function renderProcNetTcp(tcp: string, tcp6: string, listener: TcpListener | null): string {
  let six = asKernelPrints(tcp6.endsWith('\n') ? tcp6 : `${tcp6}\n`, false);
  if (listener) {
    const slots = [...six.matchAll(/^\s*(\d+): /gm)].map((m) => Number(m[1]));
    const slot = slots.length === 0 ? 0 : Math.max(...slots) + 1;
    six += `${tcp6ListenRow(slot, listener.port, listener.uid, listener.inode)}\n`;
  }
  const four = asKernelPrints(tcp.endsWith('\n') ? tcp : `${tcp}\n`, true);
  return four + six;
}
