import { Component, type ReactNode } from 'react';

type Props = { fallback: ReactNode; onError: (error: Error) => void; children: ReactNode };

/** Keeps a widget's crash inside the widget: a quiet fallback, and the error reported once. */
export class WidgetErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error) {
    this.props.onError(error);
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
