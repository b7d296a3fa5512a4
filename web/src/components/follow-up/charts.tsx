import { useId } from 'react';
import '../../styles/follow-up.css';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/**
 * A horizontal bar chart in hand-written SVG, always with a table of the same numbers beside it. The
 * picture is hidden from screen readers; the table is what they read.
 */
export function BarChartWithTable(props: {
  title: string;
  bars: Bar[];
  labelHeader: string;
  valueHeader: string;
  total?: { label: string; value: number };
}) {
  const { title, bars, labelHeader, valueHeader, total } = props;
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 26;
  const labelWidth = 130;
  const valueWidth = 40;
  const width = 360;
  const barSpace = width - labelWidth - valueWidth;
  const height = bars.length * rowHeight + 4;
  return (
    <div className="fu-chart-pair">
      <figure className="fu-chart">
        <figcaption id={`${id}-caption`}>{title}</figcaption>
        <svg viewBox={`0 0 ${width} ${height}`} role="presentation" aria-hidden="true" focusable="false">
          {bars.map((b, i) => {
            const y = i * rowHeight + 2;
            const w = (b.value / max) * barSpace;
            return (
              <g key={b.key}>
                <text className="fu-bar-label" x={labelWidth - 6} y={y + rowHeight / 2 + 4} textAnchor="end">
                  {b.label.length > 18 ? `${b.label.slice(0, 17)}…` : b.label}
                </text>
                <rect className="fu-bar-track" x={labelWidth} y={y + 3} width={barSpace} height={rowHeight - 8} rx="3" />
                <rect
                  className={`fu-bar fu-fill-${b.key}`}
                  x={labelWidth}
                  y={y + 3}
                  width={Math.max(w, b.value > 0 ? 2 : 0)}
                  height={rowHeight - 8}
                  rx="3"
                />
                <text className="fu-bar-value" x={labelWidth + barSpace + 6} y={y + rowHeight / 2 + 4}>
                  {b.value}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      <div className="fu-chart-table">
        <table className="table compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col">{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.key}>
                <th scope="row">{b.label}</th>
                <td className="num">{b.value}</td>
              </tr>
            ))}
          </tbody>
          {total && (
            <tfoot>
              <tr>
                <th scope="row">{total.label}</th>
                <td className="num">{total.value}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
