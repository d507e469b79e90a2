// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderStation } from './render-station';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const ROW = 34;

describe('history view', () => {
  it('virtualises 10,000 rows: only the rows in view exist, wherever the list is scrolled', async () => {
    await renderStation({ view: 'history' });
    expect((await screen.findByTestId('history-total')).textContent).toBe('共 10000 条');
    const grid = screen.getByRole('grid');
    expect(grid.getAttribute('aria-rowcount')).toBe('10000');
    await screen.findByText('A090000');
    expect(grid.querySelectorAll('.vrow').length).toBeLessThan(60);

    grid.scrollTop = 9000 * ROW;
    fireEvent.scroll(grid);
    expect(await screen.findByText('A081000')).toBeTruthy();
    expect(screen.queryByText('A090000')).toBeNull();
    expect(grid.querySelectorAll('.vrow').length).toBeLessThan(60);
  });

  it('searches by orderNo and filters by kind and status', async () => {
    const { fake } = await renderStation({ view: 'history' });
    await screen.findByText('A090000');
    for (const typed of ['A', 'A08', 'A0899', 'A08999']) {
      fireEvent.change(screen.getByRole('searchbox'), { target: { value: typed } });
    }
    await waitFor(() => expect(screen.getByTestId('history-total').textContent).toBe('共 5 条'));
    // Typing is debounced: one query for what was typed in the end, none per keystroke.
    const searches = fake.calls
      .filter((c) => c.name === 'history:query')
      .map((c) => (c.input as { search?: string }).search)
      .filter(Boolean);
    expect(searches).toEqual(['A08999']);
    expect(screen.getByText('A089990')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: '类型' }), { target: { value: 'payment' } });
    fireEvent.change(screen.getByRole('combobox', { name: '状态' }), { target: { value: 'failed' } });
    await waitFor(() => expect(screen.getByTestId('history-total').textContent).not.toBe('共 10000 条'));
    const last = fake.calls.filter((c) => c.name === 'history:query').at(-1);
    expect(last?.input).toMatchObject({ kind: 'payment', status: 'failed', offset: 0 });
    expect(screen.getAllByText('失败').length).toBeGreaterThan(0);
  });

  it('exports CSV with the current filter and draws today per hour', async () => {
    const created: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: (b: Blob) => {
        created.push(b);
        return 'blob:test';
      },
      revokeObjectURL: () => undefined,
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { fake } = await renderStation({ view: 'history' });
    fireEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
    expect(await screen.findByText('已导出 10000 行')).toBeTruthy();
    expect(click).toHaveBeenCalledTimes(1);
    expect(created).toHaveLength(1);
    expect(fake.calls.some((c) => c.name === 'history:exportCsv')).toBe(true);
    const chart = screen.getByTestId('hourly-chart');
    await waitFor(() => expect(chart.querySelectorAll('rect.bar-orders')).toHaveLength(24));
    expect(chart.querySelectorAll('rect.bar-payments')).toHaveLength(24);
  });
});
