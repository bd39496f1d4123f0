/** Catches render errors and says what happened, in both languages, instead of a blank page. */
import { Component, type ReactNode } from 'react';
import { t } from '../../model/i18n.ts';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-box fatal" role="alert" data-testid="error">
        <h2>{t('vi', 'errorTitle')} / {t('en', 'errorTitle')}</h2>
        <p lang="vi">{t('vi', 'errorUnexpected', { reason: error.message })}</p>
        <p lang="en">{t('en', 'errorUnexpected', { reason: error.message })}</p>
      </div>
    );
  }
}
