// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { orderTicket, ticketText } from '../../src/shared/printing/ticket-template';
import { PREVIEW_ORDER } from '../../src/shared/printing/preview-order';
import type { FakeStation } from '../support/fake-station';
import { renderStation } from './render-station';

afterEach(cleanup);

const networkPrinter = (f: FakeStation) => {
  f.settings = {
    ...f.settings,
    printer: {
      ...f.settings.printer,
      type: 'network',
      address: 'tcp://192.168.1.50:9100',
      shopName: '老王面馆',
    },
  };
  f.printer = { ...f.printer, type: 'network', state: 'ok' };
};

/** The preview's text, line by line, with the blank cells a double-width line leaves. */
function previewLines(): string[] {
  return [...screen.getByTestId('ticket-preview').querySelectorAll('.ticket-line')].map((line) =>
    [...line.querySelectorAll('.ticket-cell')]
      .map((c) => {
        const ch = c.textContent === '\u00a0' ? ' ' : c.textContent!;
        return line.classList.contains('is-large') ? ch + ' '.repeat(/[\u4e00-\u9fff]/.test(ch) ? 2 : 1) : ch;
      })
      .join('')
      .trimEnd(),
  );
}

describe('printing in the window', () => {
  it('shows each order’s ticket state, the failure with its error, and reprints', async () => {
    const { fake } = await renderStation({ prepare: networkPrinter });
    const card = () => screen.getByTestId('order-A1024');
    const order = fake.orders.get('A1024')!;
    act(() =>
      fake.emit('order:updated', {
        ...order,
        print: {
          id: 7,
          kind: 'order',
          orderNo: 'A1024',
          status: 'failed',
          attempts: 8,
          lastErrorCode: 'PRINTER_OFFLINE',
          lastError: '打印机未连接: nothing answered at 192.168.1.50:9100 (ECONNREFUSED).',
          createdAt: order.createdAt,
          updatedAt: order.createdAt + 1,
          printedAt: null,
        },
      }),
    );
    const state = within(card()).getByTestId('order-print');
    expect(state.textContent).toBe(
      '小票打印失败：打印机未连接: nothing answered at 192.168.1.50:9100 (ECONNREFUSED).',
    );
    expect(state.className).toContain('tone-bad');

    fireEvent.click(within(card()).getByRole('button', { name: '补打' }));
    await waitFor(() => expect(within(card()).getByTestId('order-print').textContent).toBe('小票等待打印'));
    expect(fake.calls.at(-1)).toEqual({ name: 'printing:reprint', input: { orderNo: 'A1024' } });
  });

  it('says why a reprint is refused when no printer is set up', async () => {
    await renderStation();
    fireEvent.click(within(screen.getByTestId('order-A1024')).getByRole('button', { name: '补打' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/打印机未设置/);
  });

  it('shows the printer in the status bar only once one is set up, red while it fails', async () => {
    const { fake } = await renderStation({ prepare: networkPrinter });
    expect(screen.getByTestId('status-printer').textContent).toBe('打印机：正常');
    act(() =>
      fake.emit('status:changed', {
        phonesReady: 1,
        phonesTotal: 1,
        queueLength: 0,
        apiListening: true,
        apiUrl: null,
        lastBackendContactAt: null,
        adb: { kind: 'connected', version: 41 },
        printer: {
          ...fake.printer,
          state: 'failing',
          pending: 3,
          lastErrorCode: 'PRINTER_OFFLINE',
          lastError: '打印机未连接: nothing answered',
        },
      }),
    );
    const item = screen.getByTestId('status-printer');
    expect(item.textContent).toBe('打印机：未连接待打印 3');
    expect(item.className).toContain('tone-bad');
    expect(item.getAttribute('title')).toBe('打印机未连接: nothing answered');

    cleanup();
    await renderStation();
    expect(screen.queryByTestId('status-printer')).toBeNull();
  });

  it('previews the ticket from the same template, following the paper width and shop name as typed', async () => {
    await renderStation({ view: 'settings', prepare: networkPrinter });
    const expected = (shopName: string, columns: number) =>
      ticketText(orderTicket(PREVIEW_ORDER, { shopName, columns, utcOffsetMin: 480 })).split('\n');
    expect(previewLines()).toEqual(expected('老王面馆', 32));

    fireEvent.change(screen.getByLabelText('纸宽'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('店名（印在小票顶部）'), { target: { value: '小馆' } });
    expect(previewLines()).toEqual(expected('小馆', 48));
    expect(previewLines().some((l) => l.startsWith('宫保鸡丁'))).toBe(true);
  });

  it('prints a test page with the saved settings, and asks to save first when there are changes', async () => {
    const { fake } = await renderStation({ view: 'settings', prepare: networkPrinter });
    const button = screen.getByRole('button', { name: '打印测试页' }) as HTMLButtonElement;
    fireEvent.click(button);
    expect(await screen.findByText('测试页已发送到打印队列')).toBeTruthy();
    expect(fake.printJobs.map((j) => j.kind)).toEqual(['test']);

    fireEvent.change(screen.getByLabelText('每单打印份数'), { target: { value: '2' } });
    expect(button.disabled).toBe(true);
    expect(screen.getByText(/请先保存修改/)).toBeTruthy();
  });

  it('checks the printer settings before saving: the address, the copies, the type’s own fields', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    expect(screen.queryByLabelText('打印机地址')).toBeNull();
    fireEvent.change(screen.getByLabelText('打印机类型'), { target: { value: 'network' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '网络打印机需要填写地址，例如 tcp://192.168.1.50:9100',
    );

    fireEvent.change(screen.getByLabelText('打印机地址'), { target: { value: 'http://192.168.1.50' } });
    fireEvent.change(screen.getByLabelText('每单打印份数'), { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((e) => e.textContent)).toEqual([
        '请填写 tcp://IP:端口，例如 tcp://192.168.1.50:9100',
        '不能大于 5',
      ]),
    );
    expect(fake.calls.some((c) => c.name === 'settings:update')).toBe(false);

    fireEvent.change(screen.getByLabelText('打印机地址'), { target: { value: 'tcp://192.168.1.50:9100' } });
    fireEvent.change(screen.getByLabelText('每单打印份数'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('已保存')).toBeTruthy();
    expect(fake.settings.printer).toMatchObject({
      type: 'network',
      address: 'tcp://192.168.1.50:9100',
      copies: 2,
    });
    expect(fake.calls.find((c) => c.name === 'settings:update')?.input).toEqual({
      patch: { printer: { type: 'network', address: 'tcp://192.168.1.50:9100', copies: 2 } },
    });
  });
});
