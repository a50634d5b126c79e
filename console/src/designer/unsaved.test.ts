import { describe, expect, it } from "vitest";
import { dropUnsaved, keepUnsaved, unsavedFor } from "./unsaved";

describe("unsaved edits", () => {
  it("are given back for the draft they were made on, and not for a newer one", () => {
    keepUnsaved("leave", { stamp: "t1", model: { key: "leave", name: "Edited" }, saved: "{}" });
    expect(unsavedFor("leave", "t1")?.model.name).toBe("Edited");
    expect(unsavedFor("leave", "t2")).toBeUndefined();
    expect(unsavedFor("other", "t1")).toBeUndefined();
  });

  it("are gone once dropped", () => {
    keepUnsaved("leave", { stamp: "t1", model: { key: "leave" }, saved: "{}" });
    dropUnsaved("leave");
    expect(unsavedFor("leave", "t1")).toBeUndefined();
  });
});
