import type { ReactNode } from 'react';

/** A failure said in words, in both languages (the user may not have chosen one yet), with an action when there is one. */
export function ErrorBox({ title, message, detail, children }: { title: string; message: { vi: string; en: string }; detail?: string; children?: ReactNode }) {
  return (
    <div className="error-box" role="alert" data-testid="error">
      <h2>{title}</h2>
      <p lang="vi">{message.vi}</p>
      <p lang="en">{message.en}</p>
      {detail && <p className="error-detail">{detail}</p>}
      {children}
    </div>
  );
}
