import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// The console's charts: one look for every dashboard, each value formatted as the table beside it.
// Straight segments between the points (a smoothed curve invents values between them), as wide as
// the page allows.

/** Recharts' own CSS sizing: the chart follows its container's width, up to a readable line. */
const fluid = (height: number) => ({ responsive: true, style: { width: '100%', maxWidth: 760, height } });

const PALETTE = ['#4338ca', '#047857', '#b45309', '#be123c'];

export type Row = Record<string, string | number>;

/** One line per series over time (`rows[].x` is the formatted week or day), values formatted as the table formats them. */
export function TrendChart({
  rows,
  series,
  format,
  domain,
}: {
  rows: Row[];
  series: { key: string; name: string }[];
  format: (x: number) => string;
  domain?: [number, number];
}) {
  return (
    <LineChart {...fluid(240)} data={rows} accessibilityLayer>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="x" />
      <YAxis tickFormatter={format} {...(domain ? { domain } : {})} />
      <Tooltip formatter={(x) => format(Number(x))} />
      <Legend />
      {series.map(({ key, name }, i) => (
        <Line key={key} type="linear" dataKey={key} name={name} stroke={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
      ))}
    </LineChart>
  );
}

/** Horizontal bars in the order given, each labelled with its value: a funnel, customers per tier, feature importances. */
export function BarsChart({
  steps,
  format,
  fractions = false,
}: {
  steps: { name: string; value: number }[];
  format: (x: number) => string;
  /** Shares (0–1) rather than counts: ticks at fractions, the axis ending at the largest bar. */
  fractions?: boolean;
}) {
  return (
    <BarChart {...fluid(48 * steps.length + 24)} data={steps} layout="vertical" accessibilityLayer margin={{ right: 48 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" tickFormatter={format} allowDecimals={fractions} {...(fractions ? { domain: [0, 'dataMax'] } : {})} />
      <YAxis type="category" dataKey="name" width={140} />
      <Tooltip formatter={(x) => format(Number(x))} />
      <Bar dataKey="value" fill={PALETTE[0]} isAnimationActive={false}>
        <LabelList dataKey="value" position="right" formatter={(x: unknown) => format(Number(x))} />
      </Bar>
    </BarChart>
  );
}

export type LiftPoint = { x: string } & Record<string, string | number | [number, number]>;

/**
 * Each treatment's cumulative lift over time: a line for the estimate inside a band for its 95 %
 * interval, against the zero line, so a marketer sees a result settle (or a novelty effect fade).
 * A row holds `<id>` (the lift) and `<id>:ci` ([low, high]) per treatment.
 */
export function LiftOverTimeChart({
  rows,
  treatments,
  format,
}: {
  rows: LiftPoint[];
  treatments: { id: string; name: string }[];
  format: (x: number) => string;
}) {
  return (
    <ComposedChart {...fluid(240)} data={rows} accessibilityLayer>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="x" />
      {/* Wide enough for "−100.0%". */}
      <YAxis tickFormatter={format} domain={['auto', 'auto']} width={72} />
      <Tooltip formatter={(x) => (Array.isArray(x) ? x.map((v) => format(Number(v))).join(' … ') : format(Number(x)))} />
      <Legend />
      <ReferenceLine y={0} stroke="#6b7280" />
      {treatments.map(({ id, name }, i) => (
        <Area
          key={`${id}:ci`}
          type="linear"
          dataKey={`${id}:ci`}
          name={`${name} (95%)`}
          stroke="none"
          fill={PALETTE[(i + 1) % PALETTE.length]}
          fillOpacity={0.15}
          legendType="none"
          isAnimationActive={false}
        />
      ))}
      {treatments.map(({ id, name }, i) => (
        <Line key={id} type="linear" dataKey={id} name={name} stroke={PALETTE[(i + 1) % PALETTE.length]} isAnimationActive={false} />
      ))}
    </ComposedChart>
  );
}
