import { spawn, ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Endpoints, portBase } from "../src/baton";

/**
 * The standalone jar (built by `mvn -B verify` before the tests that use it) run as its own process on free ports:
 * found from the repository's root, the nearest folder above this file with standalone/pom.xml (this file runs
 * compiled, from dist/test, and as source, from the console's browser tests).
 */
export const JAR = resolve(repositoryRoot(__dirname), "standalone", "target", "standalone-0.1.0-SNAPSHOT.jar");

function repositoryRoot(from: string): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, "standalone", "pom.xml"))) {
      return dir;
    }
  }
  throw new Error(`Found no repository root above ${from}`);
}
export const DEMO_APP = "demo-oa";
export const DEMO_SECRET = "ts-demo-secret";

function free(port = 0): Promise<number> {
  return new Promise((resolveIt, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolveIt(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function freeRange(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await free();
    const ports = [base + 1, base + 2, base + 3, base + 4];
    if (base + 4 < 65535 && (await Promise.all(ports.map((p) => free(p).then(() => true, () => false)))).every(Boolean)) {
      return base;
    }
  }
  throw new Error("Found no four free consecutive ports");
}

export interface Running {
  endpoints: Endpoints;
  stop(): Promise<void>;
}

export async function startStandalone(): Promise<Running> {
  if (!existsSync(JAR)) {
    throw new Error(`Expected the standalone jar at ${JAR}; build it first (mvn -B verify builds it before this module)`);
  }
  const base = await freeRange();
  const env: NodeJS.ProcessEnv = { ...process.env, BATON_PORT_BASE: String(base), BATON_PG_PORT: String(await free()),
    BATON_DEMO_SECRET: DEMO_SECRET };
  for (const name of ["BATON_CONFIG_PORT", "BATON_COMMAND_PORT", "BATON_QUERY_PORT", "BATON_NOTIFICATION_PORT",
    "BATON_NOTIFICATION_WEBHOOK_URL", "BATON_DATA_DIR"]) {
    delete env[name];
  }
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
  let printed = "";
  const child: ChildProcess = spawn(java, ["-Xmx512m", "-Daxoniq.update-checker.disabled=true", "-jar", JAR],
    { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk) => { printed += chunk; });
  child.stderr?.on("data", (chunk) => { printed += chunk; });
  const until = Date.now() + 180_000;
  while (!printed.includes("Press Ctrl+C to stop.")) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`The standalone did not start; it printed:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    endpoints: portBase("127.0.0.1", base),
    stop: () => new Promise<void>((done) => {
      const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.once("exit", () => { clearTimeout(killer); done(); });
      child.kill("SIGTERM");
    }),
  };
}
