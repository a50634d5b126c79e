import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

// Relative asset paths: the page is served under /console/ by workflow-config, and from any other prefix behind a
// gateway. The SDK is compiled from its sources (clients/typescript), so the console always uses the checked-in API.
export default defineConfig({
  base: "./",
  plugins: [react()],
  resolve: {
    alias: { "@baton/client": fileURLToPath(new URL("../clients/typescript/src/index.ts", import.meta.url)) },
  },
  build: {
    outDir: "target/classes/baton/console",
    emptyOutDir: true,
    assetsDir: "assets",
    chunkSizeWarningLimit: 1500,
  },
  // `npm run dev` against a standalone on the default ports (started with BATON_CORS_ORIGINS=http://127.0.0.1:5173):
  // config.json and workflow-config's API come through this server, so the page's own origin is workflow-config's
  server: {
    fs: { allow: [".."] },
    proxy: {
      "/config.json": { target: process.env.BATON_CONFIG_URL ?? "http://127.0.0.1:8081", rewrite: () => "/console/config.json" },
      "^/(workflows|directory|apps|delegations|admin)([/?].*)?$": process.env.BATON_CONFIG_URL ?? "http://127.0.0.1:8081",
    },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
