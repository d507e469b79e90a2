// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../src/shared/contract/update-schemas';
import { UPDATES_OFF } from '../../src/shared/contract/update-schemas';
import { renderStation } from './render-station';

afterEach(cleanup);

const READY: UpdateState = {
  ...UPDATES_OFF,
  phase: 'ready',
  version: '0.2.0',
  checkedAt: Date.now() - 60_000,
};

describe('update banner', () => {
  it('shows nothing without a downloaded update (off in a browser, idle, downloading)', async () => {
    const { fake } = await renderStation();
    expect(fake.calls.some((c) => c.name === 'updates:get')).toBe(true);
    expect(screen.queryByTestId('update-banner')).toBeNull();
    act(() => fake.emit('updates:changed', { ...READY, phase: 'downloading', percent: 40 }));
    expect(screen.queryByTestId('update-banner')).toBeNull();
  });

  it('says a ready update installs when idle, and install now asks the station, which waits for the payments', async () => {
    const { fake } = await renderStation({ prepare: (f) => (f.update = READY) });
    const banner = await screen.findByTestId('update-banner');
    expect(banner.textContent).toContain('更新已就绪，空闲时自动安装');
    expect(banner.textContent).toContain('新版本 0.2.0');
    fireEvent.click(screen.getByRole('button', { name: '立即安装' }));
    await waitFor(() => expect(banner.textContent).toContain('已安排：当前没有收款时立即安装'));
    expect(fake.calls.filter((c) => c.name === 'updates:installNow')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: '立即安装' })).toBeNull();

    // The station says a payment is going on: the install waits, and the banner says why.
    act(() =>
      fake.emit('updates:changed', { ...fake.update, installRequested: true, waitingForPayments: true }),
    );
    expect(banner.textContent).toContain('有收款正在进行或排队，安装会等它们完成');
    act(() => fake.emit('updates:changed', { ...fake.update, phase: 'installing' }));
    expect(screen.getByTestId('update-banner').textContent).toContain('正在安装更新，收银站即将重启');
  });

  it('appears when the station reports a finished download', async () => {
    const { fake } = await renderStation();
    act(() => fake.emit('updates:changed', READY));
    expect((await screen.findByTestId('update-banner')).textContent).toContain('更新已就绪');
  });

  it('a refused install now says why and keeps the button', async () => {
    const { fake } = await renderStation({ prepare: (f) => (f.update = READY) });
    await screen.findByTestId('update-banner');
    fake.failNext('updates:installNow', 'BRIDGE_UNAVAILABLE', 'the station is not answering');
    fireEvent.click(screen.getByRole('button', { name: '立即安装' }));
    await waitFor(() =>
      expect(screen.getByTestId('update-banner').textContent).toContain(
        '无法安排安装：the station is not answering',
      ),
    );
    expect(screen.getByRole('button', { name: '立即安装' })).toBeTruthy();
  });

  it('in English', async () => {
    await renderStation({ language: 'en', prepare: (f) => (f.update = READY) });
    const banner = await screen.findByTestId('update-banner');
    expect(banner.textContent).toContain('Update ready; it installs automatically when the station is idle');
    expect(screen.getByRole('button', { name: 'Install now' })).toBeTruthy();
  });
});
