import type { Messages } from "../app/i18n";

/** The inbox pages' texts; every key starts with "inbox.". */
export const messages: Messages = {
  en: {
  },
  zh: {
  },
};
