import { describe, expect, it } from 'vitest';
import {
  createForwardAllocator,
  NoFreeForwardPortError,
} from '../../../../../src/main/core/devices/forward-allocator';
import { createMemoryPortStore } from '../../../../../src/main/core/devices/memory-port-store';
import { createFakeAdbPort } from '../../../../support/adb-fake-port';

const range = { from: 100, to: 104 };

describe('forward allocator', () => {
  it('gives each phone its own port and keeps it across restarts through the store', async () => {
    const adb = createFakeAdbPort();
    const store = createMemoryPortStore();
    const a = createForwardAllocator({ adb, store, range, remote: 'tcp:10010' });
    const ports = await Promise.all(['A', 'B', 'C'].map((s) => a.ensure(s)));
    expect(new Set(ports).size).toBe(3);
    expect([...store.saved.entries()].sort()).toEqual(
      [
        ['A', ports[0]],
        ['B', ports[1]],
        ['C', ports[2]],
      ].sort(),
    );

    // A new run, where C shows up first: it still gets its old port, and A and B theirs.
    const adb2 = createFakeAdbPort();
    const b = createForwardAllocator({ adb: adb2, store, range, remote: 'tcp:10010' });
    expect(await b.ensure('C')).toBe(ports[2]);
    expect(await b.ensure('A')).toBe(ports[0]);
    expect(await b.ensure('B')).toBe(ports[1]);
    // A newcomer avoids ports remembered for phones that are not here.
    const b2 = createForwardAllocator({ adb: createFakeAdbPort(), store, range, remote: 'tcp:10010' });
    expect(ports).not.toContain(await b2.ensure('D'));
  });

  it('never takes a port another device or program holds, and moves on when one is bound outside adb', async () => {
    const adb = createFakeAdbPort();
    adb.forwards.push({ serial: 'OTHER', local: 'tcp:100', remote: 'tcp:1' });
    adb.boundElsewhere.add(101);
    const a = createForwardAllocator({
      adb,
      store: createMemoryPortStore([['A', 100]]),
      range,
      remote: 'tcp:10010',
    });
    expect(await a.ensure('A')).toBe(102);
    expect(adb.forwards).toContainEqual({ serial: 'OTHER', local: 'tcp:100', remote: 'tcp:1' });
    expect(adb.calls).not.toContain('forward A 100');
  });

  it('removes only its own forward, with killforward, when a phone leaves and on releaseAll', async () => {
    const adb = createFakeAdbPort();
    adb.forwards.push({ serial: 'A', local: 'tcp:9000', remote: 'tcp:1' });
    const a = createForwardAllocator({ adb, store: createMemoryPortStore(), range, remote: 'tcp:10010' });
    const pa = await a.ensure('A');
    const pb = await a.ensure('B');
    const pc = await a.ensure('C');
    await a.releaseGone('A');
    expect(adb.calls).toContain(`killforward A ${pa}`);
    // adb already dropped C's forward with its transport: no killforward into that teardown.
    adb.forwards = adb.forwards.filter((f) => f.serial !== 'C');
    await a.releaseGone('C');
    expect(adb.calls).not.toContain(`killforward C ${pc}`);
    expect(a.portOf('C')).toBeUndefined();
    await a.releaseAll();
    expect(adb.calls).toContain(`killforward B ${pb}`);
    expect(adb.forwards).toEqual([{ serial: 'A', local: 'tcp:9000', remote: 'tcp:1' }]);
  });

  it('notices a forward that vanished or was taken over, and fails clearly when the range is full', async () => {
    const adb = createFakeAdbPort();
    const a = createForwardAllocator({
      adb,
      store: createMemoryPortStore(),
      range: { from: 100, to: 101 },
      remote: 'tcp:10010',
    });
    const p = await a.ensure('A');
    expect(a.isIntact('A', await adb.listForwards())).toBe(true);
    await adb.forward('OTHER', p, 'tcp:5'); // rebinding steals it
    expect(a.isIntact('A', await adb.listForwards())).toBe(false);
    const moved = await a.ensure('A');
    expect(moved).not.toBe(p);
    adb.boundElsewhere.add(p);
    await expect(a.ensure('B')).rejects.toBeInstanceOf(NoFreeForwardPortError);
  });
});
