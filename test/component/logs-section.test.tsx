// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderStation } from './render-station';

afterEach(cleanup);

describe('settings → log', () => {
  it('fetches the log only when asked, shows its file and lines, and hides it again', async () => {
    const { fake } = await renderStation({ view: 'settings' });
    expect(fake.calls.some((c) => c.name === 'logs:tail')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '查看日志' }));
    await waitFor(() => expect(screen.getByText('/fake/logs/station.log')).toBeTruthy());
    expect(fake.calls.find((c) => c.name === 'logs:tail')?.input).toEqual({ maxLines: 300 });
    expect(screen.getByText(/INFO \[station\] started/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '收起' }));
    expect(screen.queryByText(/INFO \[station\] started/)).toBeNull();
    expect(screen.getByRole('button', { name: '查看日志' })).toBeTruthy();
  });
});
