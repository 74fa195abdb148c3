import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

// The console's charts: one look for every dashboard, each value formatted as the table beside it.
// Straight segments between the weeks (a smoothed curve invents values between them), as wide as
// the page allows.

/** Recharts' own CSS sizing: the chart follows its container's width, up to a readable line. */
const fluid = (height: number) => ({ responsive: true, style: { width: '100%', maxWidth: 760, height } });

const PALETTE = ['#4338ca', '#047857', '#b45309', '#be123c'];

export type Row = Record<string, string | number>;

/** One line per series over the weeks, with the values formatted as the table below formats them. */
export function WeeklyChart({
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
      <XAxis dataKey="week" />
      <YAxis tickFormatter={format} {...(domain ? { domain } : {})} />
      <Tooltip formatter={(x) => format(Number(x))} />
      <Legend />
      {series.map(({ key, name }, i) => (
        <Line key={key} type="linear" dataKey={key} name={name} stroke={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
      ))}
    </LineChart>
  );
}

/** A funnel as horizontal bars, widest first, each labelled with its count. */
export function FunnelChart({ steps, format }: { steps: { name: string; value: number }[]; format: (x: number) => string }) {
  return (
    <BarChart {...fluid(48 * steps.length + 24)} data={steps} layout="vertical" accessibilityLayer margin={{ right: 48 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" tickFormatter={format} allowDecimals={false} />
      <YAxis type="category" dataKey="name" width={140} />
      <Tooltip formatter={(x) => format(Number(x))} />
      <Bar dataKey="value" fill={PALETTE[0]} isAnimationActive={false}>
        <LabelList dataKey="value" position="right" formatter={(x: unknown) => format(Number(x))} />
      </Bar>
    </BarChart>
  );
}
