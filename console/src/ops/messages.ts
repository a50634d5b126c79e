import type { Messages } from "../app/i18n";

/** The ops pages' texts; every key starts with "ops.". */
export const messages: Messages = {
  en: {
  },
  zh: {
  },
};
