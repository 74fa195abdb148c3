import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText, Loading } from './components.tsx';

export type Column<T> = {
  /** The column header; `hidden` keeps it for screen readers only (action columns). */
  header: ReactNode;
  hidden?: boolean;
  cell: (row: T) => ReactNode;
  /** The cell that names its row (`<th scope="row">`). */
  rowHeader?: boolean;
};

type ListQuery<T> = { isPending: boolean; error: unknown; data: T[] | undefined; refetch: () => unknown };

/**
 * A console list, every state one way: loading, an error with a retry, the page's own empty
 * message, and otherwise a table with real headers.
 */
export function QueryTable<T>({
  query,
  columns,
  rowKey,
  empty,
  caption,
}: {
  query: ListQuery<T>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: ReactNode;
  /** Read by screen readers: what the table lists. */
  caption: string;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) {
    return (
      <>
        <ErrorText error={query.error} />
        <button type="button" onClick={() => void query.refetch()}>
          {t('retry')}
        </button>
      </>
    );
  }
  if (query.data.length === 0) return <p>{empty}</p>;
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col">
              {column.hidden ? <span className="visually-hidden">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {query.data.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column, index) =>
              column.rowHeader ? (
                <th key={index} scope="row">
                  {column.cell(row)}
                </th>
              ) : (
                <td key={index}>{column.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
