/** Keeps one broken page from blanking the app: shows the error with a way back. */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  fallback(error: Error, reset: () => void): ReactNode;
  children: ReactNode;
  /** Changing this (e.g. the path) clears the error. */
  resetKey?: string;
}

export class ErrorBoundary extends Component<Props, { error: Error | null; key?: string }> {
  override state: { error: Error | null; key?: string } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key?: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error) return this.props.fallback(this.state.error, () => this.setState({ error: null }));
    return this.props.children;
  }
}
