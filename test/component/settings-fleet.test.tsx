// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeStation } from '../support/fake-station';
import { renderStation } from './render-station';

afterEach(cleanup);

const updates = (fake: FakeStation) =>
  fake.calls.filter((c) => c.name === 'settings:update').map((c) => c.input);

async function save(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
  expect(await screen.findByText('已保存')).toBeTruthy();
}

describe('settings: fleet', () => {
  it('shows the fleet settings, says they apply after a restart, and keeps the secret empty', async () => {
    await renderStation({ view: 'settings' });
    const section = screen.getByRole('region', { name: '多站模式' });
    expect(section.textContent).toContain('修改后需要重启收银站生效');
    expect((within(section).getByLabelText('Redis 地址') as HTMLInputElement).value).toBe(
      'redis://10.0.0.5:6379/0',
    );
    expect((within(section).getByLabelText('本机编号') as HTMLInputElement).value).toBe('front-1');
    expect((within(section).getByLabelText('门店编号') as HTMLInputElement).value).toBe('shop-12');
    expect((within(section).getByLabelText('Redis 键前缀') as HTMLInputElement).value).toBe('cs:');
    expect((within(section).getByLabelText('付款状态保留天数') as HTMLInputElement).value).toBe('7');
    const secret = within(section).getByLabelText('多站密钥') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(section.textContent).toContain('留空则保留当前密钥');
  });

  it('saves a patch of what changed, without an empty secret', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    fireEvent.change(screen.getByLabelText('Redis 地址'), { target: { value: 'rediss://redis.shop:6380' } });
    fireEvent.change(screen.getByLabelText('门店编号'), { target: { value: 'shop-14' } });
    fireEvent.change(screen.getByLabelText('付款状态保留天数'), { target: { value: '30' } });
    // Typed and cleared again: still "keep the current one".
    fireEvent.change(screen.getByLabelText('多站密钥'), { target: { value: 'oops' } });
    fireEvent.change(screen.getByLabelText('多站密钥'), { target: { value: '' } });
    await save();
    expect(updates(fake)).toEqual([
      { patch: { fleet: { redisUrl: 'rediss://redis.shop:6380', storeId: 'shop-14', paymentTtlDays: 30 } } },
    ]);
    expect(fake.settings.fleet).toMatchObject({ redisUrl: 'rediss://redis.shop:6380', storeId: 'shop-14' });
    expect(fake.fleetSecret).toBe('');
  });

  it('sends a secret the cashier typed, and shows it no more once saved', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    fireEvent.change(screen.getByLabelText('多站密钥'), { target: { value: 's3cr3t-shared-with-backend' } });
    await save();
    expect(updates(fake)).toEqual([{ patch: { fleet: { secret: 's3cr3t-shared-with-backend' } } }]);
    expect(fake.fleetSecret).toBe('s3cr3t-shared-with-backend');
    expect(JSON.stringify(fake.settings)).not.toContain('s3cr3t');
    expect((screen.getByLabelText('多站密钥') as HTMLInputElement).value).toBe('');
  });

  it('explains a malformed address or id in the cashier’s words and sends nothing', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    fireEvent.change(screen.getByLabelText('Redis 地址'), { target: { value: 'http://10.0.0.5' } });
    fireEvent.change(screen.getByLabelText('本机编号'), { target: { value: 'front 1' } });
    fireEvent.change(screen.getByLabelText('门店编号'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    const errors = await screen.findAllByRole('alert');
    expect(errors.map((e) => e.textContent)).toEqual([
      '请填写 redis://主机:端口 或 rediss://…',
      '请填写 1–64 个字母、数字或 _ . -',
      '请填写 1–64 个字母、数字或 _ . -',
    ]);
    expect(updates(fake)).toEqual([]);
  });
});
