// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderStation } from './render-station';

afterEach(cleanup);

describe('app shell', () => {
  it('shows the status bar: phones ready/total, queue, API, last contact, adb', async () => {
    const { fake } = await renderStation();
    expect(screen.getByTestId('status-phones').textContent).toBe('手机 1/4 就绪');
    expect(screen.getByTestId('status-queue').textContent).toBe('排队 3');
    expect(screen.getByTestId('status-api').textContent).toContain('接口监听中');
    expect(screen.getByTestId('status-contact').textContent).toMatch(/后端最近联系：1[2-4] 秒前/);
    act(() =>
      fake.emit('status:changed', {
        phonesReady: 3,
        phonesTotal: 4,
        queueLength: 0,
        apiListening: false,
        apiUrl: null,
        lastBackendContactAt: null,
        adb: { kind: 'reconnecting', attempt: 2, nextRetryAt: 0, detail: 'ECONNREFUSED' },
        printer: fake.printer,
      }),
    );
    expect(screen.getByTestId('status-phones').textContent).toBe('手机 3/4 就绪');
    expect(screen.getByTestId('status-api').textContent).toBe('接口未监听');
    expect(screen.getByTestId('status-contact').textContent).toBe('后端最近联系：从未');
    expect(screen.getByText('adb：重连中')).toBeTruthy();
  });

  it('switches to English at once and persists the choice', async () => {
    const { fake } = await renderStation();
    fireEvent.change(screen.getByRole('combobox', { name: '语言' }), { target: { value: 'en' } });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(screen.getByTestId('status-phones').textContent).toBe('Phones 1/4 ready');
    await waitFor(() => expect(fake.settings.language).toBe('en'));
  });

  it('navigates between views and counts what needs the cashier', async () => {
    await renderStation();
    const nav = screen.getByRole('navigation');
    expect(nav.textContent).toContain('订单4');
    expect(nav.textContent).toContain('付款2');
    fireEvent.click(screen.getByRole('button', { name: /手机/ }));
    expect(screen.getByRole('heading', { name: '手机' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /历史/ }));
    expect(await screen.findByRole('heading', { name: '历史' })).toBeTruthy();
  });
});

describe('voice slot', () => {
  it('shows what the announcer is speaking, and nothing when it stops', async () => {
    let state: { speaking: { text: string } | null } = { speaking: null };
    const listeners = new Set<() => void>();
    const voice = {
      subscribe: (l: () => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      getState: () => state,
    };
    await renderStation({ voice });
    expect(screen.getByRole('status', { name: '' }).textContent).toContain('语音空闲');
    act(() => {
      state = { speaking: { text: '新订单' } };
      for (const l of listeners) l();
    });
    expect(screen.getByText('正在播报：新订单')).toBeTruthy();
    act(() => {
      state = { speaking: null };
      for (const l of listeners) l();
    });
    expect(screen.queryByText('正在播报：新订单')).toBeNull();
  });
});
