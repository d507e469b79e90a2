// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeOrder } from '../support/fake-station-seed';
import { renderStation } from './render-station';

afterEach(cleanup);

const column = (key: string) => screen.getByTestId(`column-${key}`);

describe('orders board', () => {
  it('puts orders in new, rush and accepted columns with their badges and age', async () => {
    await renderStation();
    expect(
      within(column('new'))
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-label')),
    ).toEqual(['A1023', 'A1024']);
    expect(
      within(column('rush'))
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-label')),
    ).toEqual(['A1017', 'A1019']);
    expect(within(column('accepted')).getAllByRole('article')).toHaveLength(2);
    expect(within(screen.getByTestId('order-A1019')).getByTestId('rush-badge').textContent).toBe('催 2');
    expect(screen.getByTestId('order-A1023').textContent).toMatch(/1:3[5-7] 前下单/);
    expect(screen.getByTestId('order-A1024').className).toContain('is-fresh');
    expect(screen.getByTestId('order-A1023').className).not.toContain('is-fresh');
  });

  it('accepts an order and moves it to the accepted column', async () => {
    const { fake } = await renderStation();
    fireEvent.click(within(screen.getByTestId('order-A1024')).getByRole('button', { name: '接单' }));
    await waitFor(() => expect(within(column('accepted')).getByTestId('order-A1024')).toBeTruthy());
    expect(fake.calls.at(-1)).toEqual({ name: 'orders:accept', input: { orderNo: 'A1024' } });
  });

  it('accepts the oldest new order with the keyboard shortcut, but not while typing', async () => {
    const { fake } = await renderStation();
    const input = document.createElement('input');
    document.body.appendChild(input);
    fireEvent.keyDown(input, { key: 'a' });
    expect(fake.calls.some((c) => c.name === 'orders:accept')).toBe(false);
    fireEvent.keyDown(window, { key: 'a' });
    // A1019 (rushed, new) is older than A1023 and A1024.
    await waitFor(() => expect(fake.orders.get('A1019')?.status).toBe('accepted'));
    fireEvent.keyDown(window, { key: 'A' });
    await waitFor(() => expect(fake.orders.get('A1023')?.status).toBe('accepted'));
    input.remove();
  });

  it('shows a new order as it arrives, and raises the badge on a rush reminder', async () => {
    const { fake, now } = await renderStation();
    const order = fakeOrder('B2001', now, { amountFen: 4200 });
    act(() => fake.emit('order:new', { order, eventId: 'ev-1' }));
    expect(within(column('new')).getByTestId('order-B2001').className).toContain('is-fresh');
    act(() =>
      fake.emit('order:rush', {
        order: { ...order, rushCount: 1, lastRushAt: now, updatedAt: now + 1 },
        eventId: 'ev-2',
      }),
    );
    expect(within(column('rush')).getByTestId('order-B2001').textContent).toContain('催 1');
  });

  it('cancels only after a confirmation', async () => {
    const { fake } = await renderStation();
    fireEvent.click(within(screen.getByTestId('order-A1012')).getByRole('button', { name: '取消订单' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.orders.get('A1012')?.status).toBe('accepted');
    fireEvent.click(within(screen.getByTestId('order-A1012')).getByRole('button', { name: '取消订单' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '取消订单' }));
    await waitFor(() => expect(screen.queryByTestId('order-A1012')).toBeNull());
    expect(fake.orders.get('A1012')?.status).toBe('cancelled');
  });

  it('says what went wrong when the station refuses', async () => {
    const { fake } = await renderStation();
    fake.failNext('orders:done', 'ORDER_TRANSITION_NOT_ALLOWED', 'Order A1015 is done already.');
    fireEvent.click(within(screen.getByTestId('order-A1015')).getByRole('button', { name: '完成' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Order A1015 is done already.');
  });
});

describe('orders board under a backlog', () => {
  it('draws at most 60 cards per column and counts the rest', async () => {
    await renderStation({
      seed: false,
      prepare: (fake) => {
        for (let i = 0; i < 500; i++) fake.orders.set(`Q${i}`, fakeOrder(`Q${i}`, 1_000 + i));
      },
    });
    expect(within(column('new')).getAllByRole('article')).toHaveLength(60);
    expect(within(column('new')).getByText('还有 440 单未显示')).toBeTruthy();
  });
});
