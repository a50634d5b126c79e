/** What a call answers, or null when it answers 404 (no draft yet, no published version yet). */
export async function orNone<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if ((error as { response?: Response })?.response?.status === 404) {
      return null;
    }
    throw error;
  }
}
