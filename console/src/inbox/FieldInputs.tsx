import { useId } from "react";
import { useI18n } from "../app/i18n";
import type { Control, Problem, Raw } from "./form";

/** A problem's text: this area's message with its placeholders. */
export function useProblemText() {
  const { t } = useI18n();
  return (problem: Problem | undefined) => (problem ? t(problem.key, problem.vars) : undefined);
}

/**
 * One field's control, by its type: text, a number, a date, a choice, users (usernames typed, comma-separated: the
 * demo caller application cannot list the directory). REQUIRED is marked and announced; READ_ONLY is shown disabled.
 * `problem` is the console's own check, `serverErrors` what Baton said about this field.
 */
export function FieldInput({ control, raw, onChange, problem, serverErrors, autoFocus }: {
  control: Control; raw: Raw | undefined; onChange(raw: Raw): void; problem?: string; serverErrors?: string[];
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const messages = [...(problem ? [problem] : []), ...(serverErrors ?? [])];
  const invalid = messages.length > 0;
  const hint = control.type === "MULTI_USER" ? t("inbox.form.usersHint")
    : control.type === "USER" ? t("inbox.form.userHint") : undefined;
  const describedBy = [invalid ? errorId : "", hint ? hintId : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    disabled: control.readOnly,
    required: control.required,
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy,
    autoFocus,
    "data-field": control.key,
  };
  const text = typeof raw === "string" ? raw : "";
  const marker = control.required ? <span className="inbox-required" aria-hidden="true"> *</span> : null;
  const readOnlyNote = control.readOnly ? <span className="inbox-muted"> ({t("inbox.access.READ_ONLY")})</span> : null;
  const errors = invalid ? (
    <small id={errorId} className="inbox-error">{messages.join(" ")}</small>
  ) : null;

  if (control.type === "BOOLEAN") {
    return (
      <div className="labelled">
        <span className="inbox-label-row">
          <label className="check" htmlFor={id}>
            <input type="checkbox" {...common} required={undefined} checked={raw === true} onChange={(e) => onChange(e.target.checked)} />
            {control.label}
          </label>
          {marker}{readOnlyNote}
        </span>
        {errors}
      </div>
    );
  }
  if (control.type === "MULTI_CHOICE") {
    const ticked = Array.isArray(raw) ? raw : [];
    return (
      <fieldset className="inbox-choices" aria-describedby={invalid ? errorId : undefined} aria-invalid={invalid || undefined}
                aria-required={control.required || undefined} data-field={control.key}>
        <legend>{control.label}{marker}{readOnlyNote}</legend>
        {control.options.map((option, i) => (
          <label key={option} className="check">
            <input type="checkbox" disabled={control.readOnly} checked={ticked.includes(option)} autoFocus={autoFocus && i === 0}
                   onChange={(e) => onChange(e.target.checked ? [...ticked, option] : ticked.filter((o) => o !== option))} />
            {option}
          </label>
        ))}
        {errors}
      </fieldset>
    );
  }
  let input;
  switch (control.type) {
    case "TEXTAREA":
      input = <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case "INTEGER":
    case "DECIMAL":
      input = <input {...common} type="text" inputMode={control.type === "INTEGER" ? "numeric" : "decimal"} value={text}
                     onChange={(e) => onChange(e.target.value)} />;
      break;
    case "DATE":
      input = <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case "DATETIME":
      input = <input {...common} type="datetime-local" value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case "SINGLE_CHOICE":
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t("inbox.form.choose")}</option>
          {control.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
      break;
    default:
      input = <input {...common} type="text" autoComplete="off" value={text} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="labelled">
      <span className="inbox-label-row"><label htmlFor={id}>{control.label}</label>{marker}{readOnlyNote}</span>
      {input}
      {hint && !control.readOnly && <small id={hintId} className="hint">{hint}</small>}
      {errors}
    </div>
  );
}

/** The controls of a form, each with its problem and Baton's errors about it. */
export function FieldInputs({ controls, raws, onChange, problems, serverErrors, autoFocusFirst }: {
  controls: Control[];
  raws: Record<string, Raw | undefined>;
  onChange(key: string, raw: Raw): void;
  problems: Record<string, Problem>;
  serverErrors: Record<string, string[]>;
  autoFocusFirst?: boolean;
}) {
  const text = useProblemText();
  const firstEditable = controls.find((c) => !c.readOnly)?.key;
  return (
    <>
      {controls.map((c) => (
        <FieldInput key={c.key} control={c} raw={raws[c.key]} onChange={(raw) => onChange(c.key, raw)}
                    problem={text(problems[c.key])} serverErrors={serverErrors[c.key]}
                    autoFocus={autoFocusFirst && c.key === firstEditable} />
      ))}
    </>
  );
}
