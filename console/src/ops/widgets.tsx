import { useId, useState, type ReactNode } from "react";
import { useI18n } from "../app/i18n";
import { FailureNote, Modal } from "../app/ui";
import type { Failure } from "../app/problems";
import type { Problem } from "./checks";
import "./ops.css";

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/**
 * Several choices out of a list: a fieldset of checkboxes that scrolls, with a filter box once the list is long.
 * Each checkbox is named by its label, so `getByRole("checkbox", { name })` finds it.
 */
export function PickList({ legend, choices, selected, onChange, disabled, invalid, emptyText }: {
  legend: string; choices: Choice[]; selected: string[]; onChange(next: string[]): void; disabled?: boolean;
  invalid?: boolean; emptyText?: string;
}) {
  const { t } = useI18n();
  const [filter, setFilter] = useState("");
  const id = useId();
  const text = filter.trim().toLowerCase();
  const shown = text ? choices.filter((c) => `${c.label} ${c.value}`.toLowerCase().includes(text)) : choices;
  return (
    <fieldset className="ops-picklist" disabled={disabled} aria-invalid={invalid || undefined}>
      <legend>{legend} <span className="hint">{t("ops.pick.count", { count: selected.length })}</span></legend>
      {choices.length > 8 && (
        <input type="search" className="ops-picklist-filter" value={filter} onChange={(e) => setFilter(e.target.value)}
               aria-label={t("ops.pick.filter", { what: legend })} placeholder={t("ops.pick.filterHint")} />
      )}
      <ul className="ops-picklist-items">
        {shown.map((c) => (
          <li key={c.value}>
            <label className="check" htmlFor={`${id}-${c.value}`}>
              <input type="checkbox" id={`${id}-${c.value}`} checked={selected.includes(c.value)}
                     onChange={(e) => onChange(e.target.checked ? [...selected, c.value] : selected.filter((v) => v !== c.value))} />
              {c.label}
              {c.hint && <span className="hint"> {c.hint}</span>}
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="hint">{emptyText ?? t("ops.pick.none")}</li>}
      </ul>
    </fieldset>
  );
}

/** The problems a form found before sending, translated. */
export function ProblemNote({ problems }: { problems: Problem[] }) {
  const { t } = useI18n();
  if (!problems.length) {
    return null;
  }
  return (
    <div className="failure" role="alert">
      <strong>{t("ops.check.title")}</strong>
      <ul>{problems.map((p, i) => <li key={i}>{t(`ops.field.${p.field.startsWith("mapping.") ? "mapping" : p.field}`)}: {t(p.message, p.vars)}</li>)}</ul>
    </div>
  );
}

/** A question before an irreversible step, with the refusal shown in place when Baton says no. */
export function Confirm({ title, open, busy, failure, confirmLabel, onConfirm, onClose, children }: {
  title: string; open: boolean; busy: boolean; failure: Failure | undefined; confirmLabel: string;
  onConfirm(): void; onClose(): void; children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal title={title} open={open} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); if (!busy) onConfirm(); }}>
        {children}
        <FailureNote failure={failure} />
        <div className="ops-actions">
          <button type="submit" className="danger" aria-disabled={busy || undefined} autoFocus>{confirmLabel}</button>
          <button type="button" onClick={onClose}>{t("app.cancel")}</button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * Buttons at the foot of a form. While busy the submit button is aria-disabled rather than disabled, so it keeps the
 * focus (a disabled button drops it out of the dialog, and Escape then no longer reaches it); the forms ignore a
 * submit while busy.
 */
export function FormActions({ busy, onCancel, submitLabel }: { busy: boolean; onCancel(): void; submitLabel?: string }) {
  const { t } = useI18n();
  return (
    <div className="ops-actions">
      <button type="submit" className="primary" aria-disabled={busy || undefined}>{submitLabel ?? t("app.save")}</button>
      <button type="button" onClick={onCancel}>{t("app.cancel")}</button>
    </div>
  );
}

/** A polite live line for what just happened ("Saved", "Retried: SENT"). */
export function Notice({ text }: { text: string | undefined }) {
  return <div role="status" aria-live="polite" className={text ? "success" : "sr-only"}>{text}</div>;
}
