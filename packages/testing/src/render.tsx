import { act, type RenderResult, render } from '@testing-library/react';
import type { ReactElement } from 'react';

/**
 * Renders and lets React settle what suspends on first render (widgets wait for the page's
 * flags), so tests see the widget, not its loading state.
 */
export async function renderWidget(ui: ReactElement): Promise<RenderResult> {
  let result: RenderResult | undefined;
  await act(async () => {
    result = render(ui);
  });
  if (!result) throw new Error('render did not run');
  return result;
}
