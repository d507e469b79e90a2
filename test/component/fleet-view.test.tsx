// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLEET_OFF } from '../../src/shared/fleet/fleet-schemas';
import { renderStation } from './render-station';

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

describe('fleet view', () => {
  it('says when fleet mode is off, and how to turn it on', async () => {
    await renderStation({
      view: 'fleet',
      prepare: (f) => {
        f.fleet = FLEET_OFF;
      },
    });
    const off = await screen.findByTestId('fleet-off');
    expect(off.textContent).toContain('多站模式未开启');
    expect(off.textContent).toContain('设置 → 多站模式');
    expect(off.textContent).toContain('npm run serve -- --fleet redis://…');
    expect(screen.queryByTestId('fleet-redis')).toBeNull();
    fireEvent.click(within(off).getByRole('button', { name: '打开设置' }));
    expect(screen.getByRole('heading', { name: '设置' })).toBeTruthy();
    expect(screen.getByRole('region', { name: '多站模式' })).toBeTruthy();
  });

  it('lists every station, marks this one, and flags the claim whose station is gone', async () => {
    const { fake } = await renderStation({ view: 'fleet' });
    const self = await screen.findByTestId('fleet-station-front-1');
    expect(self.className).toContain('is-self');
    expect(self.textContent).toContain('本机');
    expect(self.textContent).toContain('门店 shop-12');
    expect(self.textContent).toContain('版本 1.4.0');
    expect(within(self).getByRole('list', { name: '手机' }).textContent).toContain('c4d19e02App 未运行');
    expect(self.textContent).toContain('就绪手机1');
    expect(self.textContent).toContain('空闲手机0');
    expect(self.textContent).toContain('排队付款3');
    expect(self.textContent).toContain('无积压');

    const other = screen.getByTestId('fleet-station-back-2');
    expect(other.className).not.toContain('is-self');
    expect(other.textContent).toContain('HQ7K2M20付款中');
    expect(other.textContent).toContain('就绪手机2');
    expect(other.textContent).toContain('空闲手机1');
    expect(other.textContent).toContain('最早一笔已等 1.2 秒');
    expect(other.textContent).toMatch(/最近上报[34] 秒前/);
    // This station first, whatever order the station listed them in.
    const cards = screen.getAllByRole('article').map((a) => a.getAttribute('aria-label'));
    expect(cards).toEqual(['front-1', 'back-2']);

    expect(screen.getByTestId('fleet-redis').textContent).toBe('Redis：已连接');
    expect(screen.getByTestId('fleet-self').textContent).toBe('本机 front-1 · 门店 shop-12');
    expect(screen.getByTestId('fleet-durability').textContent).toContain(
      'Redis 崩溃时可能丢失付款：请在 Redis 上设置 appendonly yes 和 appendfsync always。详情：Redis runs without',
    );
    expect(screen.getByTestId('fleet-outbox').textContent).toBe('所有付款结果都已写入 Redis。');

    const orphans = screen.getByRole('region', { name: '无人接管的付款' });
    expect(orphans.textContent).toContain('不会自动把它们交给别的收银站');
    expect(orphans.textContent).toContain('人工核对');
    const claim = within(orphans).getByTestId('orphan-P87950');
    expect(claim.textContent).toContain('由 kitchen-3 认领');
    expect(claim.textContent).toContain('最后状态：等待结果');
    expect(fake.calls.filter((c) => c.name === 'fleet:view')).toHaveLength(1);
  });

  it('reads the fleet again every 5 s while shown, and stops when another view opens', async () => {
    const { fake } = await renderStation();
    // Only the interval is faked: testing-library's own waiting stays on real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    fireEvent.click(screen.getByRole('button', { name: '多站' }));
    expect(await screen.findByTestId('fleet-station-back-2')).toBeTruthy();
    const reads = () => fake.calls.filter((c) => c.name === 'fleet:view').length;
    expect(reads()).toBe(1);

    fake.fleet = {
      ...fake.fleet,
      redis: 'connecting',
      outboxPending: 2,
      stations: fake.fleet.stations.filter((s) => s.stationId === 'front-1'),
      orphanedClaims: [
        ...fake.fleet.orphanedClaims,
        { orderNo: 'P87951', stationId: 'back-2', status: null },
      ],
    };
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(reads()).toBe(2);
    expect(screen.queryByTestId('fleet-station-back-2')).toBeNull();
    expect(screen.getByTestId('fleet-redis').textContent).toBe('Redis：正在连接…');
    expect(screen.getByTestId('fleet-outbox').textContent).toContain('有 2 条付款结果在本机等待写入 Redis');
    expect(screen.getByTestId('orphan-P87951').textContent).toContain('从未上报状态');

    fireEvent.click(screen.getByRole('button', { name: /手机/ }));
    await act(() => vi.advanceTimersByTimeAsync(15_000));
    expect(reads()).toBe(2);
  });

  it('keeps the last reading and says so when a read fails', async () => {
    const { fake } = await renderStation();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    fireEvent.click(screen.getByRole('button', { name: '多站' }));
    await screen.findByTestId('fleet-station-back-2');
    fake.failNext('fleet:view', 'FLEET_UNAVAILABLE', 'Redis did not answer');
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toContain('操作失败：Redis did not answer');
    expect(screen.getByTestId('fleet-station-back-2')).toBeTruthy();
  });

  it('shows in English', async () => {
    await renderStation({ view: 'fleet', language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Fleet' })).toBeTruthy();
    expect(screen.getByTestId('fleet-station-front-1').textContent).toContain('this station');
    expect(screen.getByTestId('orphan-P87950').textContent).toContain('claimed by kitchen-3');
    expect(screen.getByTestId('orphan-P87950').textContent).toContain('last status: Awaiting result');
  });
});
