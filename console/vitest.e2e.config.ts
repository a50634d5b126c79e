import { defineConfig } from "vitest/config";

// The browser tests: one standalone, one Chromium, the scenarios in order (they share the standalone's data).
export default defineConfig({
  test: {
    // BATON_PAGE_TIMINGS=<rounds> runs the page-timing benchmark instead (bench/run.sh console-pages)
    include: process.env.BATON_PAGE_TIMINGS ? ["e2e/page-timings.ts"] : ["e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
