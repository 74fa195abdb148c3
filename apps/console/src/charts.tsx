import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

// The console's charts: one look for every dashboard, each value formatted as the table beside it.

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
    <LineChart width={640} height={240} data={rows} accessibilityLayer>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="week" />
      <YAxis tickFormatter={format} {...(domain ? { domain } : {})} />
      <Tooltip formatter={(x) => format(Number(x))} />
      <Legend />
      {series.map(({ key, name }, i) => (
        <Line key={key} type="monotone" dataKey={key} name={name} stroke={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
      ))}
    </LineChart>
  );
}

/** A funnel as horizontal bars, widest first, each labelled with its count. */
export function FunnelChart({ steps, format }: { steps: { name: string; value: number }[]; format: (x: number) => string }) {
  return (
    <BarChart width={640} height={48 * steps.length + 24} data={steps} layout="vertical" accessibilityLayer margin={{ right: 48 }}>
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
