import { describe, expect, it } from 'vitest';
import { parseAdbPids } from '../../soak/soak-adb';

describe('soak adb: which processes serve the port', () => {
  const ps = [
    '  101 adb -P 31342 nodaemon server',
    '  102 adb -L tcp:31342 fork-server server --reply-fd 7',
    '  103 adb -P 31342 start-server',
    '  104 adb -L tcp:24358 fork-server server --reply-fd 7',
    '  105 adb -P 313420 nodaemon server',
    '  106 [adb] <defunct>',
    '  108 adb -P 31342',
    '',
  ].join('\n');

  it('lists the nodaemon server, the forked daemon and the start-server client of this port only', () => {
    expect(parseAdbPids(ps, 31342).map((p) => p.pid)).toEqual([101, 102, 103, 108]);
  });

  it('does not list a killed server that is only a zombie (its sockets are closed)', () => {
    expect(parseAdbPids('  106 [adb] <defunct>\n', 31342)).toEqual([]);
  });

  it('keeps the command line as ps printed it', () => {
    expect(parseAdbPids(ps, 24358)).toEqual([
      { pid: 104, cmd: 'adb -L tcp:24358 fork-server server --reply-fd 7' },
    ]);
  });
});
