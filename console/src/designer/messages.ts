import type { Messages } from "../app/i18n";

/** The designer pages' texts; every key starts with "designer.". */
export const messages: Messages = {
  en: {
  },
  zh: {
  },
};
