// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderStation } from './render-station';

afterEach(cleanup);

describe('settings view', () => {
  it('keeps the secret hidden until revealed, and regenerates only after a confirmation', async () => {
    const { fake, container } = await renderStation({ view: 'settings' });
    expect(container.textContent).not.toContain(fake.secret);
    expect(fake.calls.some((c) => c.name === 'settings:revealSecret')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '显示' }));
    await waitFor(() => expect(screen.getByTestId('api-secret').textContent).toBe(fake.secret));
    fireEvent.click(screen.getByRole('button', { name: '隐藏' }));
    expect(container.textContent).not.toContain(fake.secret);

    fireEvent.click(screen.getByRole('button', { name: '重新生成' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '重新生成' }));
    await waitFor(() => expect(screen.getByTestId('api-key').textContent).toBe('cs_regenerated01'));
    expect(screen.getByTestId('api-secret').textContent).toBe('f00dfacef00dfacef00dfacef00dface');
  });

  it('refuses regeneration when the environment pins the credentials', async () => {
    await renderStation({
      view: 'settings',
      prepare: (f) => {
        f.settings = { ...f.settings, credentialsSource: 'env' };
      },
    });
    expect((screen.getByRole('button', { name: '重新生成' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/STATION_API_KEY/)).toBeTruthy();
  });

  it('shows problems by field and sends nothing until they are fixed', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    fireEvent.change(screen.getByLabelText('HTTP 端口'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('付款结果超时（秒）'), { target: { value: 'abc' } });
    fireEvent.change(screen.getByLabelText('免打扰开始'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    const errors = await screen.findAllByRole('alert');
    expect(errors.map((e) => e.textContent)).toEqual(['不能小于 1024', '请输入数字', '格式不正确']);
    expect(screen.getByLabelText('HTTP 端口').getAttribute('aria-invalid')).toBe('true');
    expect(fake.calls.some((c) => c.name === 'settings:update')).toBe(false);

    fireEvent.change(screen.getByLabelText('HTTP 端口'), { target: { value: '18000' } });
    fireEvent.change(screen.getByLabelText('付款结果超时（秒）'), { target: { value: '45' } });
    fireEvent.change(screen.getByLabelText('免打扰开始'), { target: { value: '23:00' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('已保存')).toBeTruthy();
    expect(fake.settings.api.httpPort).toBe(18000);
    expect(fake.settings.payments.resultTimeoutMs).toBe(45_000);
    expect(fake.settings.voice.quietHours.start).toBe('23:00');
    const sent = fake.calls.find((c) => c.name === 'settings:update')?.input as {
      patch: Record<string, unknown>;
    };
    expect(JSON.stringify(sent)).not.toContain('apiKey');
  });

  it('shows field issues the station reports, and runs the voice test from its slot', async () => {
    const onVoiceTest = vi.fn();
    const { fake } = await renderStation({ view: 'settings', onVoiceTest });
    const original = fake.invoke.bind(fake);
    fake.invoke = (async (name: string, input: unknown) =>
      name === 'settings:update'
        ? {
            ok: false,
            issues: [
              { path: 'notificationRules.amountPatterns.0', message: 'needs a capture group' },
              { path: 'voice.futureThing', message: 'unknown to this window' },
            ],
          }
        : original(name as never, input as never)) as typeof fake.invoke;
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      '操作失败：voice.futureThing: unknown to this window',
      'needs a capture group',
    ]);
    fireEvent.click(screen.getByRole('button', { name: '试听' }));
    expect(onVoiceTest).toHaveBeenCalledTimes(1);
  });

  it('sends only what was changed, so a language switched meanwhile is kept', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    fireEvent.change(screen.getByLabelText('新订单重复播报间隔（秒）'), { target: { value: '30' } });
    fireEvent.change(screen.getByRole('combobox', { name: '语言' }), { target: { value: 'en' } });
    await waitFor(() => expect(fake.settings.language).toBe('en'));
    fireEvent.click(await screen.findByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved')).toBeTruthy();
    const sent = fake.calls.filter((c) => c.name === 'settings:update').at(-1)?.input;
    expect(sent).toEqual({ patch: { voice: { repeatIntervalSec: 30 } } });
    expect(fake.settings.language).toBe('en');
    expect((screen.getByLabelText('Interface language') as HTMLSelectElement).value).toBe('en');
  });
});
