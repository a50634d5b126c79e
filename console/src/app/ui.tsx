import { useEffect, useId, type ReactNode } from "react";
import { useI18n } from "./i18n";
import type { Failure } from "./problems";

/** A refusal or failure, as Baton said it: the code, the detail and each listed error. */
export function FailureNote({ failure }: { failure: Failure | undefined }) {
  const { t } = useI18n();
  if (!failure) {
    return null;
  }
  return (
    <div className="failure" role="alert">
      <strong>{failure.status === 0 ? t("app.unreachable") : `${failure.status} ${failure.code}`}</strong>
      <span> {failure.detail}</span>
      {failure.errors.length > 0 && <ul>{failure.errors.map((e, i) => <li key={i}>{e}</li>)}</ul>}
    </div>
  );
}

export function Loading({ when }: { when: boolean }) {
  const { t } = useI18n();
  return when ? <span className="loading" role="status">{t("app.loading")}</span> : null;
}

/** A page's heading with its actions to the right. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      <div className="page-actions">{children}</div>
    </header>
  );
}

/** A labelled control: the label is tied to the control for screen readers and clicks. */
export function Labelled({ label, hint, children }: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="labelled">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <small className="hint">{hint}</small>}
    </div>
  );
}

/** Cursor paging: the pages seen so far, back and on. */
export function Pager({ hasPrevious, nextCursor, onPrevious, onNext }: {
  hasPrevious: boolean; nextCursor: string | undefined; onPrevious(): void; onNext(cursor: string): void;
}) {
  const { t } = useI18n();
  return (
    <nav className="pager" aria-label={t("app.paging")}>
      <button type="button" disabled={!hasPrevious} onClick={onPrevious}>{t("app.previous")}</button>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>{t("app.next")}</button>
    </nav>
  );
}

/**
 * A dialog over the page: Escape closes it wherever the focus is (a button disabled while busy drops the focus to the
 * page's body), and the first control takes the focus when it opens.
 */
export function Modal({ title, open, onClose, children }: { title: string; open: boolean; onClose(): void; children: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    if (!open) {
      return undefined;
    }
    const escape = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", escape);
    return () => document.removeEventListener("keydown", escape);
  }, [open, onClose]);
  if (!open) {
    return null;
  }
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={title}
           ref={(dialog) => { if (dialog && !dialog.contains(document.activeElement)) { dialog.querySelector<HTMLElement>("input, select, textarea, button:not(.link)")?.focus(); } }}>
        <header><h2>{title}</h2><button type="button" className="link" onClick={onClose} aria-label={t("app.close")}>×</button></header>
        {children}
      </div>
    </div>
  );
}

/** A time in the reader's locale. */
export function When({ at }: { at: Date | string | undefined }) {
  const { lang } = useI18n();
  if (!at) {
    return <span>—</span>;
  }
  const date = at instanceof Date ? at : new Date(at);
  return <time dateTime={date.toISOString()}>{date.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB")}</time>;
}
