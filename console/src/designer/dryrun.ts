import type { command } from "@baton/client";
import { splitList, type FieldDef } from "./model";

/** What the dry-run form holds for a field: text, or the chosen options of a multiple choice. */
export type RawValue = string | string[];
export type FieldError = "integer" | "decimal" | "date" | "datetime" | "choice" | "boolean";

/**
 * A field's value as the dry run takes it, from what the form holds: numbers for INTEGER and DECIMAL, true/false for
 * BOOLEAN, a list for MULTI_CHOICE and MULTI_USER, an instant for DATETIME; nothing for an empty input.
 */
export function fieldValue(field: FieldDef, raw: RawValue | undefined): { value?: unknown; error?: FieldError } {
  if (raw === undefined) {
    return {};
  }
  if (Array.isArray(raw)) {
    const values = raw.filter((v) => v !== "");
    if (values.length === 0) {
      return {};
    }
    if (field.options?.length && values.some((v) => !field.options!.includes(v))) {
      return { error: "choice" };
    }
    return { value: values };
  }
  const text = raw.trim();
  if (text === "") {
    return {};
  }
  switch (field.type) {
    case "INTEGER":
      return /^-?\d+$/.test(text) ? { value: Number(text) } : { error: "integer" };
    case "DECIMAL":
      return /^-?\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : { error: "decimal" };
    case "BOOLEAN":
      return text === "true" ? { value: true } : text === "false" ? { value: false } : { error: "boolean" };
    case "DATE":
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? { value: text } : { error: "date" };
    case "DATETIME": {
      const at = new Date(text);
      return Number.isNaN(at.getTime()) ? { error: "datetime" } : { value: at.toISOString() };
    }
    case "MULTI_CHOICE":
    case "MULTI_USER":
      return { value: splitList(text) };
    case "SINGLE_CHOICE":
      return field.options?.length && !field.options.includes(text) ? { error: "choice" } : { value: text };
    default:
      return { value: text };
  }
}

export interface DryRunBuilt {
  request?: command.DryRunRequest;
  errors: Record<string, FieldError>;
}

/** The dry run's request from the form (nothing sent while a value does not fit its field; the server still judges). */
export function buildDryRun(fields: FieldDef[], creator: string, values: Record<string, RawValue>, version?: number): DryRunBuilt {
  const errors: Record<string, FieldError> = {};
  const given: Record<string, unknown> = {};
  for (const field of fields) {
    const key = field.key ?? "";
    const { value, error } = fieldValue(field, values[key]);
    if (error) {
      errors[key] = error;
    } else if (value !== undefined) {
      given[key] = value;
    }
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  const request: command.DryRunRequest = { fields: given };
  if (creator.trim() !== "") {
    request.creator = creator.trim();
  }
  if (version !== undefined) {
    request.version = version;
  }
  return { request, errors };
}

/** The states a dry run's path goes through, in order (for the diagram). */
export function pathStates(path: command.Path | undefined): string[] {
  return (path?.steps ?? []).map((s) => s.state?.key ?? "").filter((k) => k !== "");
}
