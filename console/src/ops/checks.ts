/**
 * The input rules workflow-config states for directory records and apps (its Checks and DirectoryChecks), so a form
 * can name a mistake before sending; the server stays the judge.
 */
export const ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
export const USERNAME = /^[A-Za-z0-9._@-]{1,128}$/;
export const EMAIL = /^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$/;
export const CHANNEL = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const PHONE = /^\+?[0-9](?:[ -]?[0-9]){4,19}$/;
export const MAX_NAME = 200;
export const MAX_EMAIL = 254;
export const MAX_CHANNELS = 10;
export const MAX_CONTACT = 128;
export const MAX_COMMENT = 4000;

/** One mistake in a form: the field it is about and a message key (with its placeholders) for `t()`. */
export interface Problem {
  field: string;
  message: string;
  vars?: Record<string, string | number>;
}

/** Collects problems field by field. */
export class ProblemList {
  readonly problems: Problem[] = [];

  add(field: string, message: string, vars?: Record<string, string | number>): this {
    this.problems.push(vars ? { field, message, vars } : { field, message });
    return this;
  }

  /** A required name of at most MAX_NAME characters. */
  name(field: string, value: string): this {
    if (!value.trim()) {
      return this.add(field, "ops.check.required");
    }
    return value.trim().length > MAX_NAME ? this.add(field, "ops.check.tooLong", { max: MAX_NAME }) : this;
  }

  /** A required id: lower-case letters, digits, '_', '.', '-', starting with a letter or digit, at most 64. */
  id(field: string, value: string): this {
    if (!value.trim()) {
      return this.add(field, "ops.check.required");
    }
    return ID.test(value.trim()) ? this : this.add(field, "ops.check.id");
  }

  /** A new record's id or name that another record already has (a PUT would replace that one). */
  unused(field: string, value: string, existing: string[] | undefined): this {
    return existing && existing.includes(value.trim()) ? this.add(field, "ops.check.taken", { value: value.trim() }) : this;
  }

  username(field: string, value: string, required = true): this {
    if (!value.trim()) {
      return required ? this.add(field, "ops.check.required") : this;
    }
    return USERNAME.test(value.trim()) ? this : this.add(field, "ops.check.username");
  }
}

/** Whether `field` has a problem (for aria-invalid). */
export function invalid(problems: Problem[], field: string): boolean {
  return problems.some((p) => p.field === field);
}

/** Comma- or whitespace-separated entries, trimmed, without blanks or repeats, in their order. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,，]+/).map((s) => s.trim()).filter(Boolean))];
}
