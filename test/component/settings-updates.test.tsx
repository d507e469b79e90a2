// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UPDATES_OFF } from '../../src/shared/contract/update-schemas';
import type { FakeStation } from '../support/fake-station';
import { renderStation } from './render-station';

afterEach(cleanup);

const updates = (fake: FakeStation) =>
  fake.calls.filter((c) => c.name === 'settings:update').map((c) => c.input);
const section = () => screen.getByRole('region', { name: '更新与崩溃报告' });
const input = (label: string) => within(section()).getByLabelText(label) as HTMLInputElement;
const saveButton = () => within(section()).getByRole('button', { name: '保存更新设置' });

describe('settings: updates and crash reports', () => {
  it('shows both addresses empty by default, and says nothing leaves the PC without an upload address', async () => {
    await renderStation({ view: 'settings' });
    expect(input('更新地址').value).toBe('');
    expect(input('崩溃报告上传地址').value).toBe('');
    expect(section().textContent).toContain('未填写崩溃报告上传地址时，任何数据都不会离开这台电脑。');
    expect(section().textContent).toContain('crash-dumps');
    expect(section().textContent).toContain('下次启动生效');
    // Nothing changed yet: nothing to save.
    expect((saveButton() as HTMLButtonElement).disabled).toBe(true);
    // In a browser window (the fake station answers "off") the status says so.
    expect(screen.getByTestId('update-status').textContent).toContain('此窗口没有桌面更新');
  });

  it('saves only the changed address as a desktop patch, trimmed', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    fireEvent.change(input('更新地址'), { target: { value: '  https://updates.shop.example/station/  ' } });
    fireEvent.click(saveButton());
    await within(section()).findByText('已保存');
    expect(updates(fake)).toEqual([
      { patch: { desktop: { updateUrl: 'https://updates.shop.example/station/' } } },
    ]);
    expect(fake.settings.desktop).toMatchObject({
      updateUrl: 'https://updates.shop.example/station/',
      crashUploadUrl: '',
      closeToTray: true,
    });
    expect(input('更新地址').value).toBe('https://updates.shop.example/station/');
  });

  it.each(['ftp://updates.shop.example/', 'updates.shop.example', 'file:///C:/updates', 'https://'])(
    'refuses %s with a clear error and sends nothing',
    async (bad) => {
      const { fake } = await renderStation({ view: 'settings' });
      fireEvent.change(input('崩溃报告上传地址'), { target: { value: bad } });
      fireEvent.click(saveButton());
      const error = await within(section()).findByRole('alert');
      expect(error.textContent).toBe('请填写以 http:// 或 https:// 开头的完整地址，或留空');
      expect(input('崩溃报告上传地址').getAttribute('aria-invalid')).toBe('true');
      expect(updates(fake)).toEqual([]);
      // Typing again clears the error; emptying the field means "off" and is accepted.
      fireEvent.change(input('崩溃报告上传地址'), { target: { value: '' } });
      expect(within(section()).queryByRole('alert')).toBeNull();
      fireEvent.click(saveButton());
      await within(section()).findByText('已保存');
      expect(updates(fake)).toEqual([{ patch: { desktop: { crashUploadUrl: '' } } }]);
    },
  );

  it('a station that does not answer: the error shows, and what was typed stays', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    fake.failNext('settings:update', 'BRIDGE_UNAVAILABLE', 'the station is not answering');
    fireEvent.change(input('崩溃报告上传地址'), { target: { value: 'https://crash.shop.example/submit' } });
    fireEvent.click(saveButton());
    await waitFor(() =>
      expect(within(section()).getByRole('alert').textContent).toContain('the station is not answering'),
    );
    // What was typed is still there, to save again.
    expect(input('崩溃报告上传地址').value).toBe('https://crash.shop.example/submit');
  });

  it('says when the update server cannot be reached, and that the station keeps running', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    act(() =>
      fake.emit('updates:changed', {
        ...UPDATES_OFF,
        phase: 'idle',
        lastError: 'net::ERR_CONNECTION_REFUSED',
        checkedAt: Date.now() - 5 * 60_000,
      }),
    );
    const status = screen.getByTestId('update-status').textContent;
    expect(status).toContain('已是最新版本');
    expect(status).toContain('上次检查：5 分钟前');
    expect(status).toContain('上次检查失败：net::ERR_CONNECTION_REFUSED。收银站照常运行，稍后会自动重试。');
  });

  it('in English', async () => {
    await renderStation({ view: 'settings', language: 'en' });
    const region = screen.getByRole('region', { name: 'Updates and crash reports' });
    expect(region.textContent).toContain('Without a crash upload address, nothing leaves this PC.');
    expect(within(region).getByLabelText('Update address')).toBeTruthy();
    expect(within(region).getByLabelText('Crash report upload address')).toBeTruthy();
  });
});
