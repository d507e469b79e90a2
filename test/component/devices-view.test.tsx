// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderStation } from './render-station';

afterEach(cleanup);

describe('devices view', () => {
  it('shows each phone with state, model, forward port, health checks and the next step', async () => {
    await renderStation({ view: 'devices' });
    const card = screen.getByTestId('device-c4d19e02');
    expect(card.textContent).toContain('samsung Galaxy A52');
    expect(card.textContent).toContain('App 未运行');
    expect(card.textContent).toContain('tcp:27103');
    const checks = within(card).getByRole('list');
    expect(checks.textContent).toContain('App 端口监听失败');
    expect(card.textContent).toContain('请点“重启收款 App”。');
    expect(screen.getByTestId('device-R58M31XYZ').textContent).toContain('无');
    expect(screen.queryByTestId('adb-banner')).toBeNull();
  });

  it('uses the device reason texts when they are registered', async () => {
    await renderStation({
      view: 'devices',
      extraTexts: {
        'device.reason.appDown.message': {
          'zh-CN': '收款 App 没有运行（端口 {port} 未监听）',
          en: 'App down on {port}',
        },
        'device.reason.appDown.hint': { 'zh-CN': '请点重启。', en: 'Restart it.' },
      },
    });
    const card = screen.getByTestId('device-c4d19e02');
    expect(card.textContent).toContain('收款 App 没有运行（端口 10010 未监听）');
    expect(card.textContent).toContain('请点重启。');
  });

  it('restarts the app and test-launches, and disables both for an unauthorized phone', async () => {
    const { fake } = await renderStation({ view: 'devices' });
    const card = screen.getByTestId('device-c4d19e02');
    fireEvent.click(within(card).getByRole('button', { name: '重启收款 App' }));
    expect(await within(card).findByText('已发送重启指令')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: '测试拉起支付宝' }));
    await waitFor(() =>
      expect(fake.calls.at(-1)).toEqual({ name: 'devices:testLaunch', input: { serial: 'c4d19e02' } }),
    );
    const locked = screen.getByTestId('device-R58M31XYZ');
    expect((within(locked).getByRole('button', { name: '重启收款 App' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('shows a banner when adb is missing or fighting, and follows device events', async () => {
    const { fake } = await renderStation({ view: 'devices' });
    act(() => fake.emit('adb:status', { kind: 'conflict', detail: 'server version 41 vs client 39' }));
    expect(screen.getByTestId('adb-banner').textContent).toContain('另一个版本的 adb');
    act(() => fake.emit('adb:status', { kind: 'missing', detail: 'spawn adb ENOENT' }));
    expect(screen.getByTestId('adb-banner').textContent).toContain('找不到 adb');
    act(() => fake.emit('device:removed', { serial: 'c4d19e02' }));
    expect(screen.queryByTestId('device-c4d19e02')).toBeNull();
    act(() => fake.emit('adb:status', { kind: 'connected', version: 41 }));
    expect(screen.queryByTestId('adb-banner')).toBeNull();
  });

  it('opens a warning check: it never blocks, and the raw output behind it is one click away', async () => {
    const { fake } = await renderStation({ view: 'devices' });
    const card = screen.getByTestId('device-9b2e7d45');
    expect(card.textContent).toContain('MIUI V140');
    fireEvent.click(within(card).getByRole('button', { name: /电池优化白名单/ }));
    const detail = within(card).getByTestId('health-detail');
    expect(detail.textContent).toContain(
      "output not understood: unexpected line: Can't find service: deviceidle",
    );
    expect(detail.textContent).toContain('“未知”不会影响收款');
    expect(detail.textContent).toContain('dumpsys deviceidle whitelist');
    fireEvent.click(within(detail).getByRole('button', { name: '原始输出' }));
    const dialog = await screen.findByRole('dialog');
    expect((await within(dialog).findByTestId('raw-output')).textContent).toBe(
      "Can't find service: deviceidle\n",
    );
    expect(fake.calls.at(-1)).toEqual({ name: 'devices:diagnostics', input: { serial: '9b2e7d45' } });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the evidence of a check that passed, and hides it again', async () => {
    await renderStation({ view: 'devices' });
    const card = screen.getByTestId('device-9b2e7d45');
    const row = within(card).getByRole('button', { name: /通知监听在运行/ });
    fireEvent.click(row);
    expect(within(card).getByTestId('health-detail').textContent).toContain(
      'ComponentInfo{com.cashier.phone/com.cashier.phone.PayNotificationListener} (user 0)',
    );
    expect(row.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(row);
    expect(within(card).queryByTestId('health-detail')).toBeNull();
  });

  it('keeps the focus where the cashier put it while the phone is updated under the open dialog', async () => {
    const { fake } = await renderStation({ view: 'devices' });
    const card = screen.getByTestId('device-9b2e7d45');
    fireEvent.click(within(card).getByRole('button', { name: '诊断信息' }));
    const dialog = await screen.findByRole('dialog');
    const select = await within(dialog).findByRole('combobox');
    select.focus();
    const device = fake.devices.get('9b2e7d45')!;
    act(() => fake.emit('device:changed', { ...device, updatedAt: device.updatedAt + 1_000 }));
    expect(document.activeElement).toBe(select);
  });
});

describe('phone care on the device card', () => {
  it('shows what the station did on its own and today’s count', async () => {
    await renderStation({ view: 'devices' });
    const care = within(screen.getByTestId('device-9b2e7d45')).getByTestId('device-care');
    expect(care.textContent).toMatch(/\d{2}:\d{2} 已自动重启收款应用（成功）/);
    expect(care.textContent).toContain('今日已自动重启收款应用 3 次');
    // A phone care never touched shows no care section.
    expect(within(screen.getByTestId('device-R58M31XYZ')).queryByTestId('device-care')).toBeNull();
  });

  it('offers the one-click battery exemption where the check failed, with the ROM’s own settings path', async () => {
    const { fake } = await renderStation({ view: 'devices' });
    const d = fake.devices.get('9b2e7d45')!;
    act(() =>
      fake.emit('device:changed', {
        ...d,
        rom: 'MIUI V140',
        health: [
          ...d.health.filter((h) => h.name !== 'battery_whitelist'),
          { name: 'battery_whitelist', status: 'fail', checkedAt: d.updatedAt },
        ],
        updatedAt: d.updatedAt + 1,
      }),
    );
    const card = screen.getByTestId('device-9b2e7d45');
    const care = within(card).getByTestId('device-care');
    expect(care.textContent).toContain('手机管家（安全中心）→ 应用管理 → 权限 → 自启动');
    fireEvent.click(within(care).getByRole('button', { name: '一键加入电池优化白名单' }));
    expect(await within(card).findByText('已加入电池优化白名单')).toBeTruthy();
    expect(fake.calls.at(-1)).toEqual({
      name: 'devices:care',
      input: { serial: '9b2e7d45', action: 'whitelist' },
    });
  });
});
