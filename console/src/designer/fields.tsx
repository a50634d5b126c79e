import { useEffect, useState, type KeyboardEvent, type ReactNode } from "react";
import { Labelled } from "../app/ui";
import { useI18n } from "../app/i18n";
import { formatMap, joinList, keyProblem, parseMap, readInteger, splitList } from "./model";

/** Plain labelled inputs for the inspector: each reports a value of its type, blank as undefined. */

export function TextInput({ label, value, onChange, hint, rows, placeholder }: {
  label: string; value: string | undefined; onChange(value: string | undefined): void; hint?: string; rows?: number; placeholder?: string;
}) {
  return (
    <Labelled label={label} hint={hint}>
      {(id) => rows
        ? <textarea id={id} rows={rows} value={value ?? ""} placeholder={placeholder} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />
        : <input id={id} value={value ?? ""} placeholder={placeholder} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />}
    </Labelled>
  );
}

/** Keeps its own text while typing ("1", "-", ""), reporting the number once it reads as one. */
export function NumberInput({ label, value, onChange, hint, min, max }: {
  label: string; value: number | undefined; onChange(value: number | undefined): void; hint?: string; min?: number; max?: number;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value === undefined ? "" : String(value));
  useEffect(() => {
    if (readInteger(text) !== value) {
      setText(value === undefined ? "" : String(value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const invalid = text.trim() !== "" && readInteger(text) === undefined;
  return (
    <Labelled label={label} hint={invalid ? t("designer.form.wholeNumber") : hint}>
      {(id) => (
        <input id={id} inputMode="numeric" value={text} min={min} max={max} aria-invalid={invalid || undefined}
          onChange={(e) => { setText(e.target.value); const n = readInteger(e.target.value); if (n !== undefined || e.target.value.trim() === "") { onChange(n); } }} />
      )}
    </Labelled>
  );
}

/** A comma-separated list ("lena, sam"), kept as typed until it reads differently. */
export function ListInput({ label, value, onChange, hint, placeholder }: {
  label: string; value: string[] | undefined; onChange(value: string[] | undefined): void; hint?: string; placeholder?: string;
}) {
  const [text, setText] = useState(joinList(value));
  useEffect(() => {
    if (JSON.stringify(splitList(text)) !== JSON.stringify(value ?? [])) {
      setText(joinList(value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <Labelled label={label} hint={hint}>
      {(id) => (
        <input id={id} value={text} placeholder={placeholder}
          onChange={(e) => { setText(e.target.value); const list = splitList(e.target.value); onChange(list.length ? list : undefined); }} />
      )}
    </Labelled>
  );
}

/** "name=value" lines (a hook's or a child's field mapping). */
export function MapInput({ label, value, onChange, hint }: {
  label: string; value: Record<string, string> | undefined; onChange(value: Record<string, string> | undefined): void; hint?: string;
}) {
  const [text, setText] = useState(formatMap(value));
  useEffect(() => {
    if (JSON.stringify(parseMap(text)) !== JSON.stringify(value ?? {})) {
      setText(formatMap(value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <Labelled label={label} hint={hint}>
      {(id) => (
        <textarea id={id} rows={3} value={text}
          onChange={(e) => { setText(e.target.value); const map = parseMap(e.target.value); onChange(Object.keys(map).length ? map : undefined); }} />
      )}
    </Labelled>
  );
}

export interface Choice { value: string; label: string }

export function SelectInput({ label, value, choices, onChange, blank, hint }: {
  label: string; value: string | undefined; choices: Choice[]; onChange(value: string | undefined): void; blank?: string; hint?: string;
}) {
  const known = value === undefined || choices.some((c) => c.value === value);
  return (
    <Labelled label={label} hint={hint}>
      {(id) => (
        <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}>
          {blank !== undefined && <option value="">{blank}</option>}
          {!known && <option value={value}>{value}</option>}
          {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      )}
    </Labelled>
  );
}

export function CheckInput({ label, checked, onChange }: { label: string; checked: boolean | undefined; onChange(checked: boolean): void }) {
  return (
    <label className="check designer-check">
      <input type="checkbox" checked={Boolean(checked)} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/**
 * A key, changed on Enter or when leaving the input (a rename follows every reference, so not on each keystroke);
 * refused while empty, malformed or taken.
 */
export function KeyInput({ label, value, taken, onCommit, readOnly }: {
  label: string; value: string; taken: string[]; onCommit(key: string): void; readOnly?: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const problem = text === value ? undefined : keyProblem(text, taken.filter((k) => k !== value));
  const commit = () => {
    if (text !== value && !problem) {
      onCommit(text);
    }
  };
  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      commit();
    } else if (e.key === "Escape") {
      setText(value);
    }
  };
  return (
    <Labelled label={label} hint={problem ? t(`designer.key.${problem}`) : text !== value ? t("designer.key.pending") : undefined}>
      {(id) => (
        <input id={id} value={text} readOnly={readOnly} aria-invalid={problem ? true : undefined} spellCheck={false}
          onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={keyDown} />
      )}
    </Labelled>
  );
}

/** A titled group of inputs in the inspector, folded away until opened (so long forms stay short). */
export function Group({ title, children, open, count }: { title: string; children: ReactNode; open?: boolean; count?: number }) {
  return (
    <details className="designer-group" open={open}>
      <summary>{title}{count ? <span className="badge">{count}</span> : null}</summary>
      <div className="designer-group-body">{children}</div>
    </details>
  );
}
