import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

export interface VirtualListProps {
  total: number;
  /** Fixed row height in px: what makes the scroll position arithmetic exact. */
  rowHeight: number;
  renderRow(index: number): ReactNode;
  /** The rows now in view (plus overscan), so the owner can fetch their page. */
  onRangeChange?(start: number, end: number): void;
  /**
   * Rows rendered above and below the viewport, so fast scrolling does not show blanks.
   * @default 8
   */
  overscan?: number;
  label?: string;
}

/**
 * Renders only the rows in view inside a spacer as tall as all of them: 10,000 rows cost the
 * same as 30. Written here rather than pulled in because it is 60 lines.
 */
export function VirtualList({
  total,
  rowHeight,
  renderRow,
  onRangeChange,
  overscan = 8,
  label,
}: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => setHeight(el.clientHeight || 600);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  useEffect(() => {
    onRangeChange?.(start, end);
  }, [start, end, onRangeChange]);

  // A new result set starts at the top.
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
    setScrollTop(0);
  }, [total]);

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <div
        key={i}
        className="vrow"
        role="row"
        aria-rowindex={i + 1}
        style={{ top: i * rowHeight, height: rowHeight }}
      >
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="vlist"
      role="grid"
      aria-label={label}
      aria-rowcount={total}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vlist-spacer" style={{ height: total * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
