import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HourlyStats } from '../../../../shared/contract/history-schemas';

const H = 120;
const PAD = { left: 32, right: 8, top: 10, bottom: 22 };

/** Rounds the axis top up to 1, 2 or 5 × 10ⁿ so ticks are readable numbers. */
function niceMax(n: number): number {
  if (n <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** Today's orders and payments per hour, as paired bars in plain SVG. */
export function HourlyChart({ stats }: { stats: HourlyStats | null }) {
  const { t } = useTranslation();
  // Drawn at the real width so that text keeps its size at 1024 px as at 1280 px.
  const ref = useRef<HTMLDivElement>(null);
  const [W, setW] = useState(760);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setW(Math.max(320, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const hours = stats?.hours ?? [];
  const max = niceMax(Math.max(0, ...hours.map((h) => Math.max(h.orders, h.payments))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / 24;
  const bar = Math.max(2, slot / 2 - 3);
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  return (
    <figure className="chart" data-testid="hourly-chart">
      <figcaption className="chart-head">
        <span className="chart-title">{t('history.chartTitle')}</span>
        <span className="legend legend-orders">{t('history.chartOrders')}</span>
        <span className="legend legend-payments">{t('history.chartPayments')}</span>
      </figcaption>
      <div ref={ref} className="chart-box">
        <svg
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={t('history.chartTitle')}
          className="chart-svg"
        >
          {ticks.map((v) => (
            <g key={v}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
              <text x={PAD.left - 6} y={y(v) + 4} className="chart-axis" textAnchor="end">
                {v}
              </text>
            </g>
          ))}
          {hours.map((h) => {
            const x = PAD.left + h.hour * slot + 2;
            return (
              <g key={h.hour}>
                <rect
                  x={x}
                  y={y(h.orders)}
                  width={bar}
                  height={plotH + PAD.top - y(h.orders)}
                  className="bar-orders"
                >
                  <title>{`${h.hour}:00 ${t('history.chartOrders')} ${h.orders}`}</title>
                </rect>
                <rect
                  x={x + bar + 1}
                  y={y(h.payments)}
                  width={bar}
                  height={plotH + PAD.top - y(h.payments)}
                  className="bar-payments"
                >
                  <title>{`${h.hour}:00 ${t('history.chartPayments')} ${h.payments}`}</title>
                </rect>
                {h.hour % 3 === 0 && (
                  <text x={x + bar} y={H - 6} className="chart-axis" textAnchor="middle">
                    {h.hour}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
