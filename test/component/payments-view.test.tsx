// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakePayment } from '../support/fake-station-seed';
import { renderStation } from './render-station';

afterEach(cleanup);

describe('payments view', () => {
  it('shows one lane per phone with the payment in flight against the timeout', async () => {
    await renderStation({ view: 'payments' });
    const lane = screen.getByTestId('lane-8a7f3c21');
    expect(lane.textContent).toContain('P88031');
    expect(lane.textContent).toContain('¥128.00');
    expect(lane.textContent).toMatch(/已用 0:4[1-3] \/ 超时 1:30/);
    const bar = within(lane).getByRole('progressbar');
    expect(Number(bar.getAttribute('aria-valuemax'))).toBe(90_000);
    expect(screen.getByTestId('lane-9b2e7d45').textContent).toContain('空闲');
    expect(screen.getAllByRole('region').filter((r) => r.classList.contains('lane'))).toHaveLength(4);
  });

  it('lists the queue oldest first with pins and cancels from it', async () => {
    const { fake } = await renderStation({ view: 'payments' });
    const queue = screen.getByTestId('queue');
    expect(
      within(queue)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('data-testid')),
    ).toEqual(['queued-P88032', 'queued-P88033', 'queued-P88034']);
    expect(screen.getByTestId('queued-P88033').textContent).toContain('指定手机 9b2e7d45');
    fireEvent.click(within(screen.getByTestId('queued-P88034')).getByRole('button'));
    expect(screen.getByRole('dialog').textContent).toContain('取消付款 P88034？');
    expect(fake.payments.get('P88034')?.status).toBe('queued');
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '取消付款' }));
    await waitFor(() => expect(screen.queryByTestId('queued-P88034')).toBeNull());
    expect(fake.payments.get('P88034')?.status).toBe('cancelled');
  });

  it('resolves an unknown payment only with a note and a confirmation', async () => {
    const { fake } = await renderStation({ view: 'payments' });
    const item = screen.getByTestId('unknown-P87985');
    expect(item.textContent).toContain('通知中的金额与订单不符');
    expect(item.textContent).toContain('你已成功付款12.00元');
    fireEvent.click(within(item).getByRole('button', { name: '确认未付款' }));
    const dialog = screen.getByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: '确认未付款' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '账单中没有这笔' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByTestId('unknown-P87985')).toBeNull());
    expect(fake.calls.at(-1)).toEqual({
      name: 'payments:resolve',
      input: { orderNo: 'P87985', status: 'failed', note: '账单中没有这笔' },
    });
    expect(fake.payments.get('P87985')?.resolution?.note).toBe('账单中没有这笔');
  });

  it('follows payment events: a new wedge appears under unknown, a success leaves the lane', async () => {
    const { fake, now } = await renderStation({ view: 'payments' });
    act(() =>
      fake.emit(
        'payment:updated',
        fakePayment('P88031', now - 45_000, {
          status: 'unknown',
          deviceSerial: '8a7f3c21',
          amountFen: 12800,
          review: { reason: 'result_too_fast' },
          updatedAt: now + 1,
        }),
      ),
    );
    expect(screen.getByTestId('unknown-P88031').textContent).toContain('结果回复得太快');
    expect(screen.getByTestId('lane-8a7f3c21').textContent).not.toContain('P88031');
    act(() =>
      fake.emit('payment:updated', fakePayment('P88032', now, { status: 'succeeded', updatedAt: now + 5 })),
    );
    expect(screen.queryByTestId('queued-P88032')).toBeNull();
  });

  it('shows callbacks the backend did not get, and resends one', async () => {
    const failed = {
      eventId: 'evt-9',
      orderNo: 'P88001',
      url: 'http://backend.example/cb',
      status: 'failed' as const,
      attempts: 8,
      lastHttpStatus: null,
      lastError: 'connect ECONNREFUSED',
      lastAttemptAt: 1,
      nextAttemptAt: 2,
    };
    const { fake } = await renderStation({ view: 'payments', prepare: (f) => (f.callbacks = [failed]) });
    const item = await screen.findByTestId('callback-evt-9');
    expect(item.textContent).toContain('P88001');
    expect(item.textContent).toContain('已放弃');
    expect(item.textContent).toContain('已尝试 8 次');
    expect(item.textContent).toContain('connect ECONNREFUSED');
    fireEvent.click(within(item).getByRole('button', { name: '重发' }));
    await waitFor(() => expect(screen.getByTestId('callback-evt-9').textContent).toContain('重试中'));
    expect(fake.calls.some((c) => c.name === 'callbacks:resend')).toBe(true);
    expect(within(screen.getByTestId('failing-callbacks')).getByRole('status').textContent).toBe(
      '已重新发送',
    );
  });

  it('shows no callback panel while every callback gets through', async () => {
    const { fake } = await renderStation({ view: 'payments' });
    await waitFor(() => expect(fake.calls.some((c) => c.name === 'callbacks:list')).toBe(true));
    expect(screen.queryByTestId('failing-callbacks')).toBeNull();
  });
});
